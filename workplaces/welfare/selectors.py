"""Reads of welfare records and the facts pushed to the federation (computed inside the
union's schema)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from workplaces.welfare.models import (
    FestivalDistribution,
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
