"""The member dues ledger (会费): per member and month what is due and what was paid.

Due = ``finance.member_dues_rate`` (0.5%) of the wage, the part of the wage under
``finance.member_dues_floor_unit`` (10 yuan) not counted; retained members (保留会籍) owe
nothing. Members unpaid ``finance.member_dues_unpaid_months`` (6) months in a row are
listed for the officer's decision; the app never changes their status (中国工会章程 第八条).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, audit_record_many
from federation.platform.errors import ConflictError, duplicate_only
from federation.rules.selectors import rule_value
from workplaces.activities.context import slug_here
from workplaces.finance import locks
from workplaces.finance.kinds import FinanceAudit
from workplaces.finance.models import (
    DuesCollection,
    Entry,
    EntryKind,
    EntrySource,
    EntryStatus,
    MemberDues,
    UnpaidDecision,
)
from workplaces.finance.services import _year_open, facts_after_commit
from workplaces.members.models import Member, MemberStatus

CENT = Decimal("0.01")


def month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def month_add(value: dt.date, months: int) -> dt.date:
    index = value.year * 12 + value.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def dues_rule(*, on: dt.date) -> tuple[Decimal, Decimal]:
    """The floor unit and the rate of member dues in force on ``on`` (two rule reads: a
    loop over members reads them once, not twice a member)."""
    return (
        rule_value("finance.member_dues_floor_unit", on=on),
        rule_value("finance.member_dues_rate", on=on),
    )


def dues_rules(*, months: set[dt.date]) -> dict[dt.date, tuple[Decimal, Decimal]]:
    return {month: dues_rule(on=month) for month in months}


def dues_due(
    *, wage: Decimal, retained: bool, on: dt.date, rule: tuple[Decimal, Decimal] | None = None
) -> Decimal:
    """The month's dues for a wage: floored to the unit, times the rate, to the cent
    (``rule``: the unit and rate in force on ``on``, read by the caller once for many)."""
    if retained or wage <= 0:
        return Decimal("0.00")
    unit, rate = rule or dues_rule(on=on)
    counted = (wage / unit).to_integral_value(rounding=ROUND_DOWN) * unit
    return (counted * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def _slug() -> str:
    return slug_here()


@transaction.atomic
def dues_month_generate(*, actor: Actor, month: dt.date) -> int:
    """The rows of a month for every active and retained member (idempotent: a row per
    member and month by constraint; existing rows keep their amounts)."""
    month = month_start(month)
    members = Member.objects.filter(status__in=[MemberStatus.ACTIVE, MemberStatus.RETAINED])
    rule = dues_rule(on=month)
    rows = [
        MemberDues(
            member=m,
            month=month,
            wage=m.monthly_wage,
            due=dues_due(
                wage=m.monthly_wage,
                retained=m.status == MemberStatus.RETAINED,
                on=month,
                rule=rule,
            ),
        )
        for m in members.only("pk", "monthly_wage", "status")
    ]
    before = MemberDues.objects.filter(month=month).count()
    MemberDues.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    created = MemberDues.objects.filter(month=month).count() - before
    if created:
        audit_record(
            actor=actor,
            kind=FinanceAudit.DUES_MONTH,
            object_type="finance.memberdues",
            object_id=f"{month:%Y-%m}",
            after={"month": f"{month:%Y-%m}", "rows": created},
            union_slug=_slug(),
        )
    return created


@transaction.atomic
def dues_collect(
    *,
    actor: Actor,
    month: dt.date,
    reference: str,
    paid_on: dt.date,
    items: list[dict[str, Any]] | None = None,
) -> DuesCollection:
    """Record a collection (a payroll deduction, an import): ``items`` ``[{member, amount}]``,
    or None for everyone who still owes the month their full due. The total arrives in the
    books as one income entry (会费), once per collection reference."""
    month = month_start(month)
    locks.lock_dues_collection()
    if DuesCollection.objects.filter(reference=reference).exists():
        raise ConflictError(_("This collection reference is recorded already."), code="duplicate")
    rows = {r.member_id: r for r in MemberDues.objects.select_for_update().filter(month=month)}
    if items is None:
        items = [{"member": mid, "amount": r.due - r.paid} for mid, r in rows.items() if r.unpaid]
    changes, total = [], Decimal("0.00")
    for i, item in enumerate(items):
        row = rows.get(item["member"])
        if row is None:
            raise ValidationError(
                {f"items[{i}].member": _("No dues row for this member and month.")},
                code="unknown",
            )
        amount = Decimal(item["amount"])
        if amount <= 0 or row.paid + amount > row.due:
            raise ValidationError(
                {
                    f"items[{i}].amount": _("More than is owed (%(owed)s).")
                    % {"owed": row.due - row.paid}
                },
                code="over_due",
            )
        changes.append((row, amount))
        total += amount
    if not changes:
        raise ValidationError({"items": _("Nothing to collect for this month.")}, code="empty")
    _year_open(paid_on.year)
    collection = DuesCollection.objects.create(
        month=month,
        reference=reference,
        paid_on=paid_on,
        total=total,
        members=len(changes),
        created_by=actor_label(actor),
    )
    audit_rows = []
    for row, amount in changes:
        audit_rows.append(
            {
                "object_type": "finance.memberdues",
                "object_id": row.pk,
                "before": {"paid": row.paid},
                "after": {"paid": row.paid + amount},
            }
        )
        row.paid += amount
        row.paid_on, row.collection = paid_on, collection
    MemberDues.objects.bulk_update([r for r, _a in changes], ["paid", "paid_on", "collection"])
    collection_book(
        actor=actor,
        collection=collection,
        summary=_("Member dues %(month)s (%(ref)s)")
        % {"month": f"{month:%Y-%m}", "ref": reference},
    )
    audit_record_many(
        actor=actor, kind=FinanceAudit.DUES_COLLECTED, rows=audit_rows, union_slug=_slug()
    )
    facts_after_commit()
    return collection


def collection_book(*, actor: Actor, collection: DuesCollection, summary: str) -> Entry:
    """A collection's total arrives in the books as one approved income entry (会费), once
    per collection (a one-to-one constraint)."""
    try:
        with transaction.atomic():
            return Entry.objects.create(
                kind=EntryKind.INCOME,
                category="dues",
                amount=collection.total,
                on=collection.paid_on,
                summary=summary[:300],
                voucher_no=collection.reference[:40],
                status=EntryStatus.APPROVED,
                source=EntrySource.MEMBER_DUES,
                collection=collection,
                author_name=actor_label(actor),
                approved_by=actor_label(actor),
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("This collection is booked already."), code="duplicate") from None


def unpaid_streaks(*, upto: dt.date) -> list[dict[str, Any]]:
    """Members whose dues are unpaid for the rule's number of months in a row, ending with
    the last ledger month on or before ``upto``. Months with nothing due break no streak
    and add none."""
    limit = rule_value("finance.member_dues_unpaid_months", on=upto)
    last = MemberDues.objects.filter(month__lte=month_start(upto)).order_by("-month").first()
    if last is None:
        return []
    start = month_add(last.month, -(limit - 1))
    # in SQL, a row per member: a register of 20,000 members is 120,000 ledger rows for
    # six months, which the page would otherwise load to find the few in arrears
    streaks = {
        s["member_id"]: s
        for s in MemberDues.objects.filter(month__gte=start, month__lte=last.month, due__gt=0)
        .order_by()
        .values("member_id")
        .annotate(
            months=Count("id"),
            settled=Count("id", filter=Q(paid__gte=F("due"))),
            owed=Sum(F("due") - F("paid")),
        )
        .filter(months__gte=limit, settled=0)
    }
    decisions: dict[int, list[dict[str, Any]]] = {}
    for member_id, decided_on, decision in UnpaidDecision.objects.filter(
        member_id__in=streaks
    ).values_list("member_id", "decided_on", "decision"):
        mine = decisions.setdefault(member_id, [])
        if len(mine) < 3:  # the latest three (the model's order)
            mine.append({"decided_on": decided_on, "decision": decision})
    out = [
        {
            "member": member.pk,
            "name": member.name,
            "member_no": member.member_no,
            "months": streaks[member.pk]["months"],
            "owed": streaks[member.pk]["owed"],
            "decisions": decisions.get(member.pk, []),
        }
        for member in Member.objects.filter(pk__in=streaks).only("pk", "name", "member_no")
    ]
    return sorted(out, key=lambda x: x["member_no"])


@transaction.atomic
def unpaid_decision_record(
    *, actor: Actor, member: Member, decided_on: dt.date, decision: str
) -> UnpaidDecision:
    """The officer's decision; the member's status is left to the members module."""
    row = UnpaidDecision.objects.create(
        member=member, decided_on=decided_on, decision=decision, decided_by=actor_label(actor)
    )
    audit_record(
        actor=actor,
        kind=FinanceAudit.UNPAID_DECISION,
        obj=row,
        after={"member": member.pk, "decision": decision},
        union_slug=_slug(),
    )
    return row
