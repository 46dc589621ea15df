"""Claiming and releasing household keys. Called by the union-side welfare services in
their own transaction (the public table is on the connection's search path), so a file
and its claim commit or roll back together."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from federation.hardship.models import HouseholdClaim
from federation.platform.errors import ConflictError, duplicate_only
from tenants.models import Union


def household_claim(
    *, union: Union, file_id: int, key_hashes: list[str], opened_on: dt.date
) -> list[HouseholdClaim]:
    """Claim every key of the household for one open file; a key already claimed by an
    open file anywhere in the township is a conflict (the constraint decides)."""
    rows = []
    for key in sorted(set(key_hashes)):
        try:
            with transaction.atomic():
                rows.append(
                    HouseholdClaim.objects.create(
                        key_hash=key, union=union, file_id=file_id, opened_on=opened_on
                    )
                )
        except IntegrityError as exc:
            duplicate_only(exc)
            raise ConflictError(
                _("This household already has an open hardship file in the township."),
                code="household_open",
            ) from None
    return rows


def household_release(*, union: Union, file_id: int, closed_on: dt.date) -> int:
    return HouseholdClaim.objects.filter(union=union, file_id=file_id, is_open=True).update(
        is_open=False, closed_on=closed_on
    )


def household_has_open(*, key_hash: str) -> bool:
    return HouseholdClaim.objects.filter(key_hash=key_hash, is_open=True).exists()
