"""The staff-home rule table (local policy): the member-share threshold, the congress and
re-check intervals, the days given for rectification and the reminder days, each row in
force from its date. The shipped row comes from migration 0002."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from federation.homes import defaults
from federation.homes.audit_kinds import HomeAuditKind
from federation.homes.models import HomeRule
from federation.homes.services._base import field_error
from federation.platform.actors import SYSTEM, Actor, actor_label
from federation.platform.audit.services import audit_record, snapshot
from tenants.context import federation_side


@transaction.atomic
def rule_default_ensure() -> HomeRule:
    """The shipped default row (idempotent; tests and the demo call it, pages never do)."""
    d = defaults.DEFAULT_RULE
    rule, _created = HomeRule.objects.get_or_create(
        effective_from=dt.date.fromisoformat(str(d["effective_from"])),
        defaults={
            "member_share_min": Decimal(str(d["member_share_min"])),
            "congress_months": d["congress_months"],
            "recheck_months": d["recheck_months"],
            "rectification_days": d["rectification_days"],
            "reminder_days": list(d["reminder_days"]),
            "recheck_reminder_days": list(d["recheck_reminder_days"]),
            "created_by": SYSTEM,
        },
    )
    return rule


def _days(value: list[int] | None, default: list[int]) -> list[int]:
    return sorted(set(default if value is None else value), reverse=True)


@federation_side
@transaction.atomic(durable=True)
def rule_set(
    *,
    effective_from: dt.date,
    member_share_min: Decimal,
    congress_months: int = 12,
    recheck_months: int = 12,
    rectification_days: int = 15,
    reminder_days: list[int] | None = None,
    recheck_reminder_days: list[int] | None = None,
    actor: Actor,
) -> HomeRule:
    """A new row of the staff-home rule table from ``effective_from``; the row in force
    until then ends the day before (rules are local policy and change over time). The door
    bounds every value (share 0..1, months 1..120, days 0..366)."""
    if HomeRule.objects.filter(effective_from__gte=effective_from).exists():
        raise field_error(
            "effective_from", _("A rule from this date or later exists already."), "not_later"
        )
    previous = (
        HomeRule.objects.select_for_update()
        .filter(effective_to__isnull=True)
        .order_by("-effective_from")
        .first()
    )
    if previous is not None:
        previous.effective_to = effective_from - dt.timedelta(days=1)
        previous.save(update_fields=["effective_to"])
    row = HomeRule.objects.create(
        effective_from=effective_from,
        member_share_min=member_share_min,
        congress_months=congress_months,
        recheck_months=recheck_months,
        rectification_days=rectification_days,
        reminder_days=_days(reminder_days, list(defaults.DEFAULT_RULE["reminder_days"])),
        recheck_reminder_days=_days(
            recheck_reminder_days,
            list(defaults.DEFAULT_RULE["recheck_reminder_days"]),
        ),
        created_by=actor_label(actor),
    )
    audit_record(actor=actor, kind=HomeAuditKind.RULE_SET, obj=row, after=snapshot(row))
    return row
