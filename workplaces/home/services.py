"""Writes of the union home: a user marks a notice read (for themself only)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from workplaces.home.models import NoticeRead


@transaction.atomic(durable=True)
def notice_mark_read(*, user: AbstractBaseUser | AnonymousUser, message_id: int) -> NoticeRead:
    """Idempotent by constraint: a second read keeps the first time."""
    row, _ = NoticeRead.objects.get_or_create(user_id=int(user.pk or 0), message_id=message_id)
    return row
