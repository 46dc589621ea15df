"""Reads of the union's books: the yearly report, budget execution, the fact by year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.db.models.functions import ExtractYear

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import AUDIT, FINANCE
from federation.platform.actors import Actor
from workplaces.finance.categories import categories
from workplaces.finance.models import (
    AuditFinding,
    AuditReview,
    Budget,
    Entry,
    EntryKind,
    EntryStatus,
    FindingStatus,
)

ZERO = Decimal("0.00")
# the chair passes every role check; the finance officer and the audit committee read
READERS = (FINANCE, AUDIT)


def can_read(user: Actor) -> bool:
    return has_role(user, *READERS)


def can_write(user: Actor) -> bool:
    return has_role(user, FINANCE)


def _fmt(value: Decimal) -> str:
    return f"{value:.2f}"


def entry_list(
    *, year: int | None = None, kind: str = "", status: str = "", category: str = ""
) -> QuerySet[Entry]:
    qs = Entry.objects.all()
    if year:
        qs = qs.filter(on__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    return qs


def approved_sums(*, year: int) -> dict[str, dict[str, Decimal]]:
    """Sums of the entries that count (approved, reversals included) by kind and category."""
    out: dict[str, dict[str, Decimal]] = {EntryKind.INCOME: {}, EntryKind.EXPENSE: {}}
    rows = (
        Entry.objects.filter(on__year=year, status=EntryStatus.APPROVED)
        .values("kind", "category")
        .annotate(t=Sum("amount"))
    )
    for r in rows:
        out[r["kind"]][r["category"]] = r["t"] or ZERO
    return out


def budget_of(*, year: int) -> Budget | None:
    return Budget.objects.filter(year=year).prefetch_related("lines").first()


def finance_report(*, year: int) -> dict[str, Any]:
    """The yearly income-and-spending report to the members' congress: every category of
    the rule table, approved entries only; ``balance`` = income - expense."""
    cats = categories(on=dt.date(year, 12, 31))
    sums = approved_sums(year=year)
    budget = budget_of(year=year)
    budget_lines = {line.category: line.amount for line in budget.lines.all()} if budget else {}
    income = {c: sums[EntryKind.INCOME].get(c, ZERO) for c in cats[EntryKind.INCOME]}
    expense = {c: sums[EntryKind.EXPENSE].get(c, ZERO) for c in cats[EntryKind.EXPENSE]}
    # a category dropped from the rule table still shows if it has money
    for kind, target in ((EntryKind.INCOME, income), (EntryKind.EXPENSE, expense)):
        for c, v in sums[kind].items():
            target.setdefault(c, v)
    income_total, expense_total = sum(income.values(), ZERO), sum(expense.values(), ZERO)
    return {
        "year": year,
        "income": {c: _fmt(v) for c, v in income.items()},
        "expense": {c: _fmt(v) for c, v in expense.items()},
        "budget": {c: _fmt(v) for c, v in budget_lines.items()},
        "income_total": _fmt(income_total),
        "expense_total": _fmt(expense_total),
        "balance": _fmt(income_total - expense_total),
        "labels": {**cats[EntryKind.INCOME], **cats[EntryKind.EXPENSE]},
    }


def budget_execution(*, year: int) -> list[dict[str, Any]]:
    """Per category: budget, actual (approved), and the share executed."""
    report = finance_report(year=year)
    rows = []
    for kind in (EntryKind.INCOME, EntryKind.EXPENSE):
        for code, actual in report[kind].items():
            budget = Decimal(report["budget"].get(code, "0.00"))
            rate = (Decimal(actual) / budget * 100).quantize(Decimal("0.1")) if budget else None
            rows.append(
                {
                    "kind": str(kind),
                    "category": code,
                    "name": report["labels"].get(code, code),
                    "budget": _fmt(budget),
                    "actual": actual,
                    "rate": rate,
                }
            )
    return rows


def by_year() -> dict[str, dict[str, dict[str, str]]]:
    """The fact ``finance.by_year``: approved sums per year, kind and category."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    rows = (
        Entry.objects.filter(status=EntryStatus.APPROVED)
        .annotate(y=ExtractYear("on"))
        .values("y", "kind", "category")
        .annotate(t=Sum("amount"))
        .order_by("y", "kind", "category")
    )
    for r in rows:
        year = out.setdefault(str(r["y"]), {"income": {}, "expense": {}})
        year[r["kind"]][r["category"]] = _fmt(r["t"] or ZERO)
    return out


def reviews_list(*, year: int | None = None) -> QuerySet[AuditReview]:
    qs = AuditReview.objects.prefetch_related("findings")
    return qs.filter(year=year) if year else qs


def findings_open() -> QuerySet[AuditFinding]:
    return AuditFinding.objects.filter(status=FindingStatus.OPEN).select_related("review")
