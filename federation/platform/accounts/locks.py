"""Login locks (django-axes' attempts) as the top role of a host sees and lifts them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.platform.audit.models import audit_kinds_register
from federation.platform.errors import NotFoundError


@audit_kinds_register
class AccountsAuditKind(models.TextChoices):
    LOCK_LIFTED = "accounts.lock_lifted", _("Login lock lifted")
    TOKEN_REVOKED = "accounts.token_revoked", _("API token revoked")


def locks_list() -> QuerySet:
    """Attempts of the current schema that still count, most failures first."""
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(expiration__expires_at__gt=timezone.now()).order_by(
        "-failures_since_start", "-attempt_time", "-id"
    )


def lock_is_active(attempt: Any) -> bool:
    return attempt.failures_since_start >= settings.LOGIN_FAILURE_LIMIT


@transaction.atomic
def lock_lift(*, actor: Any, attempt_id: int) -> None:
    """Forget the failures of one (username, address): its next login is tested at once."""
    from axes.models import AccessAttempt

    from federation.platform.audit.services import audit_record

    attempt = AccessAttempt.objects.select_for_update().filter(pk=attempt_id).first()
    if attempt is None:
        raise NotFoundError()
    before = {
        "username": attempt.username,
        "ip_address": attempt.ip_address,
        "failures": attempt.failures_since_start,
    }
    AccessAttempt.objects.filter(username=attempt.username, ip_address=attempt.ip_address).delete()
    audit_record(
        actor=actor,
        kind=AccountsAuditKind.LOCK_LIFTED,
        object_type="axes.accessattempt",
        object_id=attempt_id,
        before=before,
    )
