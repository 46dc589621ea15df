"""Reads of work news: lists, the channel rule table in force, the monthly ranking and a
union's points."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from federation.reports.models import (
    NewsAdoption,
    NewsChannel,
    NewsItem,
)
from tenants.models import Union
from tenants.selectors import unions_serving

# --- news --------------------------------------------------------------------------------


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    year, mon = (int(x) for x in month.split("-"))
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, mon, 1, tzinfo=tz)
    end = dt.datetime(year + (mon == 12), mon % 12 + 1, 1, tzinfo=tz)
    return start, end


def news_list(*, union_slug: str = "", status: str = "", month: str = "") -> QuerySet[NewsItem]:
    qs = (
        NewsItem.objects.select_related("union")
        .prefetch_related("photos", "adoptions")
        .annotate(
            points_total=Coalesce(
                Sum("adoptions__points"),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=8, decimal_places=1),
            )
        )
    )
    if union_slug:
        qs = qs.filter(union__slug=union_slug)
    if status:
        qs = qs.filter(status=status)
    if month:
        start, end = month_bounds(month)
        qs = qs.filter(submitted_at__gte=start, submitted_at__lt=end)
    return qs.order_by("-submitted_at", "-id")


def union_news(*, union: Union) -> QuerySet[NewsItem]:
    return news_list().filter(union=union)


def union_news_get(*, union: Union, pk: int) -> NewsItem:
    return union_news(union=union).get(pk=pk)


def news_channels_in_force(*, on: dt.date | None = None) -> list[NewsChannel]:
    on = on or timezone.localdate()
    rows = NewsChannel.objects.filter(effective_from__lte=on).exclude(effective_to__lt=on)
    return list(rows.order_by("points", "code"))


def _ranked(unions: Any) -> list[dict[str, Any]]:
    """Rank rows by points then items; equal rows share a rank (1, 1, 3)."""
    rows: list[dict[str, Any]] = []
    rank = 0
    previous: tuple[Any, Any] | None = None
    for i, u in enumerate(unions, start=1):
        key = (u.points, u.items)
        if key != previous:
            rank, previous = i, key
        rows.append(
            {
                "rank": rank,
                "union": u.slug,
                "union_name": u.name,
                "items": u.items,
                "adopted": u.adopted,
                "points": u.points,
            }
        )
    return rows


def news_ranking(*, month: str) -> dict:
    """Per serving union: items submitted in the month, items adopted, and points of the
    adoptions recorded in the month; ranked by points then items. Unions with nothing
    submitted are named (零报送)."""
    start, end = month_bounds(month)
    first, last = start.date(), (end - dt.timedelta(days=1)).date()
    items = (
        NewsItem.objects.filter(union=OuterRef("pk"), submitted_at__gte=start, submitted_at__lt=end)
        .values("union")
        .annotate(n=Count("id"))
        .values("n")
    )
    adopted = (
        NewsAdoption.objects.filter(
            news__union=OuterRef("pk"), adopted_on__gte=first, adopted_on__lte=last
        )
        .values("news__union")
        .annotate(n=Count("news", distinct=True))
        .values("n")
    )
    points = (
        NewsAdoption.objects.filter(
            news__union=OuterRef("pk"), adopted_on__gte=first, adopted_on__lte=last
        )
        .values("news__union")
        .annotate(p=Sum("points"))
        .values("p")
    )
    unions = (
        unions_serving()
        .annotate(
            items=Coalesce(Subquery(items, output_field=IntegerField()), 0),
            adopted=Coalesce(Subquery(adopted, output_field=IntegerField()), 0),
            points=Coalesce(
                Subquery(points, output_field=DecimalField(max_digits=8, decimal_places=1)),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=8, decimal_places=1),
            ),
        )
        .order_by("-points", "-items", "name")
    )
    rows = _ranked(unions)
    return {
        "month": month,
        "rows": rows,
        "zero": [
            {"union": r["union"], "union_name": r["union_name"]} for r in rows if r["items"] == 0
        ],
    }


def union_points(*, union: Union, year: int | None = None) -> dict:
    """A union's own points: the year's total and per month (by adoption date)."""
    year = year or timezone.localdate().year
    rows = (
        NewsAdoption.objects.filter(news__union=union, adopted_on__year=year)
        .values("adopted_on__month")
        .annotate(points=Sum("points"), n=Count("id"))
        .order_by("adopted_on__month")
    )
    by_month = {f"{year}-{r['adopted_on__month']:02d}": r["points"] for r in rows}
    total = sum(by_month.values(), Decimal(0))
    items = NewsItem.objects.filter(union=union, submitted_at__year=year).aggregate(
        n=Count("id"), last=Max("submitted_at")
    )
    return {"year": year, "total": total, "by_month": by_month, "items": items["n"]}
