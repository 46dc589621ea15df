"""五必访 visits against the yearly cap per member and reason (rule table)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from federation.platform.actors import Actor
from federation.platform.errors import ConflictError
from federation.rules.selectors import rule_value
from tenants.facts import facts_refresh_on_commit
from workplaces.members.models import Member
from workplaces.rights.common import audited, invalid
from workplaces.welfare.models import Visit, WelfareAuditKind

VISIT_FACTS = ("welfare.visits_by_year",)


def visit_reasons(*, on: dt.date | None = None) -> dict[str, dict[str, object]]:
    """``{code: {"label", "yearly_cap"}}`` from the rule table in force on ``on``."""
    rows = rule_value("welfare.visit_reasons", on=on)
    return {
        str(r["code"]): {
            "label": str(r.get("label") or r["code"]),
            "yearly_cap": Decimal(str(r.get("yearly_cap", "0"))),
        }
        for r in rows
    }


def visits_total(*, member: Member, reason: str, year: int) -> Decimal:
    total = Visit.objects.filter(member=member, reason=reason, visited_on__year=year).aggregate(
        s=Sum("amount")
    )["s"]
    return total or Decimal("0.00")


@transaction.atomic
def visit_record(
    *,
    member: Member,
    reason: str,
    visited_on: dt.date,
    amount: Decimal,
    visitors: str = "",
    note: str = "",
    actor: Actor,
) -> Visit:
    """Record a visit. The gifts to one member for one reason in one calendar year may not
    pass the cap of that reason in force on the visit day; over it, nothing is written and
    the refusal names the cap. The same member, reason and day twice is a 409 (a retried
    request writes nothing; the constraint backs it)."""
    reasons = visit_reasons(on=visited_on)
    if reason not in reasons:
        raise invalid(
            "reason",
            _("Choose one of: %(reasons)s.")
            % {"reasons": "、".join(str(r["label"]) for r in reasons.values())},
            code="invalid_choice",
        )
    # one writer per member at a time, so two visits cannot both slip under the cap
    Member.objects.select_for_update().get(pk=member.pk)
    if Visit.objects.filter(member=member, reason=reason, visited_on=visited_on).exists():
        raise ConflictError(
            _("This visit is already recorded (same member, reason and day)."), code="duplicate"
        )
    cap = Decimal(str(reasons[reason]["yearly_cap"]))
    given = visits_total(member=member, reason=reason, year=visited_on.year)
    if given + amount > cap:
        raise invalid(
            "amount",
            _(
                "Over the yearly cap of %(cap)s yuan for %(reason)s: %(given)s yuan "
                "already given in %(year)s, %(left)s yuan left."
            )
            % {
                "cap": f"{cap:.2f}",
                "reason": reasons[reason]["label"],
                "given": f"{given:.2f}",
                "year": visited_on.year,
                "left": f"{max(cap - given, Decimal('0')):.2f}",
            },
            code="over_cap",
        )
    visit = Visit(
        member=member,
        reason=reason,
        visited_on=visited_on,
        amount=amount,
        visitors=visitors.strip(),
        note=note.strip(),
    )
    visit.full_clean()
    visit.save()
    audited(actor=actor, kind=WelfareAuditKind.VISIT, obj=visit)
    facts_refresh_on_commit(VISIT_FACTS)
    return visit
