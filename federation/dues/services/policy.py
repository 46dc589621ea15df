"""The dues rule table (``DuesPolicy`` rows) and each union's collection settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federation.dues import selectors
from federation.dues.kinds import DuesAuditKind
from federation.dues.models import CollectionMode, DuesPolicy, PeriodKind, UnionDuesSettings
from federation.dues.services._common import audit, today
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import snapshot
from tenants.models import Union

POLICY_FIELDS = [
    "effective_from",
    "effective_to",
    "rate",
    "period_kind",
    "due_day",
    "grace_days",
    "reminder_every_days",
    "workplace_share",
    "upper_share",
    "city_share",
    "small_micro_refund_years",
]
SETTINGS_FIELDS = ["collection_mode", "small_micro", "contact_email"]
RATE_MAX = Decimal("0.1000")  # a rate above 10% is a typo, not a policy


def _row_for(start: dt.date) -> tuple[DuesPolicy, dict | None]:
    """The row starting on ``start`` (locked), or a new one copied from the row in force,
    ending the day before the next row; the row before is closed the day before ``start``."""
    row = DuesPolicy.objects.select_for_update().filter(effective_from=start).first()
    if row is not None:
        return row, snapshot(row, POLICY_FIELDS)
    base = selectors.policy_in_force(on=start)
    row = DuesPolicy(effective_from=start)
    for name in POLICY_FIELDS[3:]:
        setattr(row, name, getattr(base, name))
    later = DuesPolicy.objects.filter(effective_from__gt=start).order_by("effective_from").first()
    row.effective_to = later.effective_from - dt.timedelta(days=1) if later else None
    DuesPolicy.objects.filter(effective_from__lt=start).exclude(effective_to__lt=start).update(
        effective_to=start - dt.timedelta(days=1)
    )
    return row, None


@transaction.atomic
def policy_set(
    *,
    actor: Actor,
    rate: Decimal,
    upper_share: Decimal,
    due_day: int,
    grace_days: int,
    reminder_every_days: int,
    effective_from: dt.date | None = None,
    period_kind: str | None = None,
    city_share: Decimal | None = None,
    small_micro_refund_years: list[int] | None = None,
) -> DuesPolicy:
    """Add (or amend) the rule row starting on ``effective_from``; earlier rows stay as they
    were for their periods (DESIGN.md: a computation uses the row in force for its period)."""
    if rate <= 0 or rate > RATE_MAX:
        raise ValidationError(
            {"rate": [_("A rate above 0.1000 is not plausible.")]}, code="implausible"
        )
    if period_kind is not None and period_kind not in PeriodKind.values:
        raise ValidationError(
            {"period": [_("Choose monthly or quarterly.")]}, code="invalid_choice"
        )
    row, before = _row_for(effective_from or today())
    row.rate = rate
    row.upper_share = upper_share
    row.workplace_share = Decimal("1.0000") - upper_share
    row.due_day = due_day
    row.grace_days = grace_days
    row.reminder_every_days = reminder_every_days
    if city_share is not None:
        row.city_share = city_share
    if period_kind is not None:
        row.period_kind = period_kind
    if small_micro_refund_years is not None:
        row.small_micro_refund_years = sorted(set(small_micro_refund_years))
    row.created_by = actor_label(actor)
    row.save()
    audit(
        actor=actor,
        kind=DuesAuditKind.POLICY_SET,
        obj=row,
        before=before,
        after=snapshot(row, POLICY_FIELDS),
    )
    return row


@transaction.atomic
def union_settings_set(
    *,
    union: Union,
    actor: Actor,
    collection_mode: str,
    small_micro: bool = False,
    contact_email: str = "",
) -> UnionDuesSettings:
    """How one union's funds are collected; notices already issued keep the mode they had."""
    if collection_mode not in (CollectionMode.FULL, CollectionMode.SPLIT):
        raise ValidationError(
            {"collection_mode": [_("Choose full or split.")]}, code="invalid_choice"
        )
    row, _created = UnionDuesSettings.objects.select_for_update().get_or_create(union=union)
    before = snapshot(row, SETTINGS_FIELDS)
    row.collection_mode = collection_mode
    row.small_micro = small_micro
    row.contact_email = contact_email.strip()
    row.full_clean(exclude=["union"])
    row.save()
    audit(
        actor=actor,
        kind=DuesAuditKind.SETTINGS_SET,
        obj=row,
        before=before,
        after=snapshot(row, SETTINGS_FIELDS),
        union_slug=union.slug,
    )
    return row
