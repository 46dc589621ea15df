"""Reads of the union funds: the rule row in force, notices, the board, remittance."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from federation.dues import rules
from federation.dues.models import (
    Adjustment,
    DuesCredit,
    DuesNotice,
    DuesPolicy,
    NoticeStatus,
    OrganizingTarget,
    Payment,
    PayrollDeclaration,
    Refund,
    Reminder,
    Remittance,
    RemittanceKind,
    UnionDuesSettings,
)
from federation.dues.periods import Period, period_parse
from tenants.models import Union, UnionStatus
from tenants.selectors import unions_serving

ZERO = Decimal("0.00")


def policy_in_force(*, on: dt.date) -> DuesPolicy:
    """The rule row in force on ``on`` (a period uses the row in force on its first day).

    With no row at all the shipped defaults apply (an unsaved row: rate 2%, monthly, ...).
    """
    row = (
        DuesPolicy.objects.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    return row or DuesPolicy(effective_from=dt.date(2000, 1, 1))


def policy_for_period(*, period: Period) -> DuesPolicy:
    return policy_in_force(on=period.start)


def policy_list() -> QuerySet[DuesPolicy]:
    return DuesPolicy.objects.order_by("-effective_from")


def union_settings(*, union: Union) -> UnionDuesSettings:
    """The union's dues settings (defaults, unsaved, when never set)."""
    try:
        return UnionDuesSettings.objects.get(union=union)
    except UnionDuesSettings.DoesNotExist:
        return UnionDuesSettings(union=union)


def unions_billable() -> QuerySet[Union]:
    """The unions a cycle bills: every active workplace union (public rows only)."""
    return Union.objects.filter(is_federation=False, status=UnionStatus.ACTIVE)


def notice_list(
    *,
    period: str = "",
    status: str = "",
    union: Union | None = None,
    union_slug: str = "",
    search: str = "",
) -> QuerySet[DuesNotice]:
    qs = DuesNotice.objects.select_related("union", "target").order_by(
        "-period_start", "union__name", "target__name", "id"
    )
    if period:
        qs = qs.filter(period=period)
    if status:
        qs = qs.filter(status=status)
    if union is not None:
        qs = qs.filter(union=union)
    if union_slug:
        qs = qs.filter(union__slug=union_slug)
    if search:
        qs = qs.filter(
            Q(union__name__icontains=search)
            | Q(union__slug__icontains=search)
            | Q(target__name__icontains=search)
            | Q(union__credit_code__icontains=search)
        )
    return qs


def union_notices(*, union: Union) -> QuerySet[DuesNotice]:
    """A union's own notices (the union host reads only these)."""
    return notice_list(union=union)


def declaration_list(
    *, period: str = "", union: Union | None = None, union_slug: str = ""
) -> QuerySet[PayrollDeclaration]:
    qs = PayrollDeclaration.objects.select_related("union", "target").order_by(
        "-period_start", "union__name", "id"
    )
    if period:
        qs = qs.filter(period=period)
    if union is not None:
        qs = qs.filter(union=union)
    if union_slug:
        qs = qs.filter(union__slug=union_slug)
    return qs


def union_dues_overdue(*, union: Union) -> bool:
    """True when any notice of the union is overdue (used by the staff-home veto checks)."""
    return DuesNotice.objects.filter(union=union, status=NoticeStatus.OVERDUE).exists()


def union_balance(*, union: Union) -> Decimal:
    """What the union owes (negative: what it has in credit): notices' balances less the
    open credits carried from overpayments."""
    agg = (
        DuesNotice.objects.filter(union=union)
        .exclude(status=NoticeStatus.WAIVED)
        .aggregate(due=Sum("amount_due"), paid=Sum("amount_paid"))
    )
    owed = (agg["due"] or ZERO) - (agg["paid"] or ZERO)
    return owed - union_credit_open(union=union)


def union_credit_open(*, union: Union) -> Decimal:
    total = DuesCredit.objects.filter(union=union, applied_to__isnull=True).aggregate(
        s=Sum("amount")
    )["s"]
    return total or ZERO


def union_credits(*, union: Union) -> QuerySet[DuesCredit]:
    return (
        DuesCredit.objects.filter(union=union)
        .select_related("source", "applied_to")
        .order_by("-created_at", "-id")
    )


def union_payments(*, union: Union) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(notice__union=union)
        .select_related("notice")
        .order_by("-paid_on", "-id")
    )


def union_reminders(*, union: Union) -> QuerySet[Reminder]:
    return Reminder.objects.filter(union=union).order_by("-sent_on", "-id")


def _undeclared(period: Period) -> QuerySet[Union]:
    declared = PayrollDeclaration.objects.filter(period=period.code, union__isnull=False).values(
        "union_id"
    )
    return unions_billable().exclude(pk__in=declared)


def missing_declarations(*, period: Period) -> list[str]:
    return list(_undeclared(period).order_by("slug").values_list("slug", flat=True))


def missing_declaration_names(*, period: Period) -> list[tuple[str, str]]:
    """(slug, name) of the billable unions that have not declared ``period``, by name: the
    board names them as the reader knows them."""
    return list(_undeclared(period).order_by("name", "slug").values_list("slug", "name"))


def dues_period_summary(*, period: str) -> dict:
    """Totals of one period over the unions' notices (the API's summary and the dashboard)."""
    notices = list(notice_list(period=period).filter(union__isnull=False))
    due = sum((n.amount_due for n in notices if n.status != NoticeStatus.WAIVED), ZERO)
    paid = sum((n.amount_paid for n in notices), ZERO)
    rate = (paid / due).quantize(Decimal("0.0001")) if due else Decimal("0.0000")
    remit = remittance_for_period(period=period)
    return {
        "period": period,
        "unions": len(notices),
        "amount_due": due,
        "amount_paid": paid,
        "outstanding": due - paid,
        "collection_rate": rate,
        "upward_remittance": remit["city_upward"],
        "overdue": sum(1 for n in notices if n.status == NoticeStatus.OVERDUE),
        "missing_declarations": len(missing_declarations(period=period_parse(period))),
        "by_union": [
            {
                "union": n.union.slug if n.union else "",
                "name": n.union.name if n.union else "",
                "notice": n.pk,
                "amount_due": n.amount_due,
                "amount_paid": n.amount_paid,
                "balance": n.balance,
                "status": n.status,
                "reminders_sent": n.reminders_sent,
            }
            for n in notices
        ],
    }


def periods_known() -> list[str]:
    return (
        list(
            DuesNotice.objects.order_by("-period_start", "-period")
            .values_list("period", flat=True)
            .distinct()
        )
        or []
    )


def notice_history(*, notice: DuesNotice) -> list[dict]:
    """Every event of one debt in date order: issue, reminders, payments, adjustments, refund,
    and overpayments carried out of it (an open credit) or into it (a credit applied)."""
    events: list[dict] = [{"on": notice.issued_at.date(), "kind": "notice", "obj": notice}]
    events += [{"on": r.sent_on, "kind": "reminder", "obj": r} for r in notice.reminders.all()]
    events += [{"on": p.paid_on, "kind": "payment", "obj": p} for p in notice.payments.all()]
    events += [
        {"on": a.created_at.date(), "kind": "adjustment", "obj": a}
        for a in notice.adjustments.all()
    ]
    refund = Refund.objects.filter(notice=notice).first()
    if refund:
        events.append({"on": refund.refunded_on, "kind": "refund", "obj": refund})
    events += [
        {"on": c.created_at.date(), "kind": "credit_out", "obj": c}
        for c in DuesCredit.objects.filter(source=notice)
    ]
    events += [
        {"on": (c.applied_at or c.created_at).date(), "kind": "credit_in", "obj": c}
        for c in DuesCredit.objects.filter(applied_to=notice).select_related("source")
    ]
    return sorted(events, key=lambda e: (e["on"], e["kind"] != "notice"))


def arrears_record(*, union: Union) -> dict:
    """What the arrears statement prints: every notice with its reminders, payments, adjustments."""
    notices = list(
        DuesNotice.objects.filter(union=union)
        .prefetch_related("payments", "adjustments", "reminders")
        .order_by("period_start", "id")
    )
    return {
        "union": union,
        "notices": notices,
        "reminders": list(
            Reminder.objects.filter(union=union).prefetch_related("notices").order_by("sent_on")
        ),
        "refunds": list(Refund.objects.filter(notice__union=union).select_related("notice")),
        "adjustments": list(
            Adjustment.objects.filter(notice__union=union).select_related("notice")
        ),
        "outstanding": sum(
            (n.balance for n in notices if n.status != NoticeStatus.WAIVED and n.balance > 0), ZERO
        ),
        "overdue": [n for n in notices if n.status == NoticeStatus.OVERDUE],
    }


def _split(notice: DuesNotice, received: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(workplace return, federation's own share, city share) of money received on a notice
    (``rules.share_split``, with the shares frozen on the notice)."""
    shares = rules.share_split(
        mode=notice.collection_mode,
        received=received,
        workplace_share=notice.workplace_share,
        city_share=notice.city_share,
    )
    return shares.workplace, shares.federation, shares.city


def _shares_of(n: DuesNotice, refund: Refund | None) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(received, workplace return, federation's share, city share) of one notice. A refunded
    notice keeps only what already left the federation before the refund (netted)."""
    paid = Decimal(getattr(n, "received", None) or ZERO)
    if refund is None:
        workplace, own, city = _split(n, paid)
        return paid, workplace, own, city
    received = paid - refund.amount
    return received, refund.netted_returned, ZERO, refund.netted_city


def _remittance_rows(period: str) -> list[dict[str, Any]]:
    notices = (
        DuesNotice.objects.filter(period=period)
        .select_related("union", "target")
        .annotate(received=Sum("payments__amount"))
        .order_by("union__name", "target__name")
    )
    refunds = {r.notice_id: r for r in Refund.objects.filter(notice__period=period)}
    rows = []
    for n in notices:
        received, workplace, own, city = _shares_of(n, refunds.get(n.pk))
        if received <= 0:
            continue
        rows.append(
            {
                "notice": n,
                "payer": n.payer,
                "mode": n.collection_mode,
                "received": received,
                "workplace_return": workplace,
                "federation_share": own,
                "city_upward": city,
            }
        )
    return rows


def remittance_for_period(*, period: str) -> dict[str, Any]:
    """Per period, from payments received (less refunds): what goes back, stays, goes up."""
    rows = _remittance_rows(period)
    transfers = list(Remittance.objects.filter(period=period).select_related("union"))
    returned: defaultdict[int | None, Decimal] = defaultdict(lambda: ZERO)
    city_sent = ZERO
    for t in transfers:
        if t.kind == RemittanceKind.WORKPLACE_RETURN:
            returned[t.union_id] += t.amount
        else:
            city_sent += t.amount
    by_union: defaultdict[int | None, Decimal] = defaultdict(lambda: ZERO)
    for r in rows:
        if r["workplace_return"] and r["notice"].union_id:
            by_union[r["notice"].union_id] += r["workplace_return"]
    for r in rows:
        uid = r["notice"].union_id
        r["returned"] = returned.get(uid, ZERO) if uid else ZERO
        r["return_remaining"] = (by_union.get(uid, ZERO) - returned.get(uid, ZERO)) if uid else ZERO
    total = {
        k: sum((r[k] for r in rows), ZERO)
        for k in ("received", "workplace_return", "federation_share", "city_upward")
    }
    return {
        "period": period,
        "rows": rows,
        **total,
        "city_sent": city_sent,
        "city_remaining": total["city_upward"] - city_sent,
        "returned_total": sum(returned.values(), ZERO),
        "return_due_by_union": dict(by_union),
        "returned_by_union": dict(returned),
        "transfers": transfers,
    }


def targets_list() -> QuerySet[OrganizingTarget]:
    return OrganizingTarget.objects.order_by("status", "name")


def unions_to_chase() -> QuerySet[Union]:
    """Serving unions with an overdue notice or a declaration of an ended period not yet billed."""
    overdue = DuesNotice.objects.filter(status=NoticeStatus.OVERDUE).values("union_id")
    unbilled = PayrollDeclaration.objects.filter(union__isnull=False, notice__isnull=True).values(
        "union_id"
    )
    return unions_serving().filter(Q(pk__in=overdue) | Q(pk__in=unbilled))


def declaration_expected(
    *, declaration: PayrollDeclaration, today: dt.date
) -> dict[str, Any] | None:
    """For a declaration not billed yet: the amount its notice will ask, the day the notice
    comes (the cycle runs the day after the period ends; a late declaration is billed by the
    next daily run) and the due date. None once the notice exists."""
    if getattr(declaration, "notice", None) is not None:
        return None
    period = period_parse(declaration.period)
    policy = policy_for_period(period=period)
    if declaration.union is not None:
        mode = union_settings(union=declaration.union).collection_mode
    else:
        mode = rules.PREPARATORY
    amount = rules.notice_amount(
        payroll_total=declaration.payroll_total,
        rate=policy.rate,
        mode=mode,
        upper_share=policy.upper_share,
    )
    notice_on = max(rules.expected_notice_on(period_end=period.end), today + dt.timedelta(days=1))
    return {"amount": amount, "notice_on": notice_on, "due_date": period.due_date(policy.due_day)}
