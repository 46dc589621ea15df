"""Reads of welfare records and the facts pushed to the federation (computed inside the
union's schema)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from workplaces.welfare.models import (
    FestivalDistribution,
    FestivalReceipt,
    HardshipAid,
    HardshipCategory,
    HardshipFile,
    Visit,
)


def _money(value: Decimal | None) -> str:
    return f"{(value or Decimal('0')):.2f}"


def fact_visits_by_year() -> dict[str, dict[str, Any]]:
    rows = (
        Visit.objects.annotate(y=ExtractYear("visited_on"))
        .values("y")
        .annotate(n=Count("id"), s=Sum("amount"))
        .order_by("y")
    )
    return {str(r["y"]): {"count": r["n"], "amount": _money(r["s"])} for r in rows}


def festival_spending_by_year() -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    rows = FestivalDistribution.objects.annotate(n=Count("receipts")).values(
        "year", "n", "amount_per_head"
    )
    for r in rows:
        key = str(r["year"])
        out[key] = out.get(key, Decimal("0")) + r["amount_per_head"] * r["n"]
    return out


def fact_festival_by_year() -> dict[str, str]:
    return {y: _money(v) for y, v in sorted(festival_spending_by_year().items())}


def fact_hardship() -> dict[str, Any]:
    counts = dict(
        HardshipFile.objects.filter(closed_on__isnull=True)
        .values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    aid = (
        HardshipAid.objects.annotate(y=ExtractYear("given_on"))
        .values("y")
        .annotate(s=Sum("amount"))
        .order_by("y")
    )
    return {
        "deep": int(counts.get(HardshipCategory.DEEP, 0)),
        "relative": int(counts.get(HardshipCategory.RELATIVE, 0)),
        "accident": int(counts.get(HardshipCategory.ACCIDENT, 0)),
        "aid_by_year": {str(r["y"]): _money(r["s"]) for r in aid},
    }


def income_against_line(file: HardshipFile) -> dict[str, Any]:
    """The household's income per head and month against the minimum-living line of the
    year (rule table, one row a year)."""
    from federation.rules.selectors import rule_value

    on = file.reviewed_on or file.opened_on
    line = rule_value("welfare.minimum_living_line", on=on)
    per_head = (file.household_income / max(file.household_size, 1)).quantize(Decimal("0.01"))
    return {"per_head": per_head, "line": line, "below": per_head < line}


def festivals_with_counts() -> QuerySet[FestivalDistribution]:
    return FestivalDistribution.objects.annotate(
        recipients_count=Count("receipts"),
        missing_count=Count("receipts", filter=Q(receipts__signed_on__isnull=True)),
    ).order_by("-distributed_on", "-id")  # a grouped query drops Meta.ordering


def receipts(dist: FestivalDistribution, *, missing: bool = False) -> QuerySet[FestivalReceipt]:
    qs = FestivalReceipt.objects.filter(distribution=dist).select_related("member")
    if missing:
        qs = qs.filter(signed_on__isnull=True)
    return qs.order_by("member__member_no")
