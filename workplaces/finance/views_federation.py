"""Union spending across the township: income and spending by category per union and in
total, from the public fact ``finance.by_year`` (one query), never a union's schema."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import federation_roles, has_role
from federation.platform.accounts.roles import FEDERATION_STAFF
from tenants.context import on_federation_side
from tenants.facts import facts_by_key
from tenants.selectors import unions_serving
from workplaces.finance.rule_table import EXPENSE_CATEGORIES, INCOME_CATEGORIES

ZERO = Decimal("0.00")


def township_finance(*, year: int) -> dict[str, Any]:
    from federation.rules.selectors import rule_value

    y = str(year)
    try:
        income_cats = rule_value("finance.income_categories")
        expense_cats = rule_value("finance.expense_categories")
    except LookupError:
        income_cats, expense_cats = INCOME_CATEGORIES, EXPENSE_CATEGORIES
    by_union = facts_by_key("finance.by_year")
    totals: dict[str, dict[str, Decimal]] = {
        "income": {c["code"]: ZERO for c in income_cats},
        "expense": {c["code"]: ZERO for c in expense_cats},
    }
    rows = []
    for union in unions_serving():
        facts: dict[str, Any] = by_union.get(union.pk) or {}
        of_year: dict[str, Any] = facts.get(y, {})
        row: dict[str, Any] = {
            "union": union.slug,
            "name": union.name,
            "reported": union.pk in by_union,
        }
        for kind in ("income", "expense"):
            part = {code: Decimal(v) for code, v in (of_year.get(kind) or {}).items()}
            for code, v in part.items():
                totals[kind][code] = totals[kind].get(code, ZERO) + v
            row[kind] = {code: f"{part.get(code, ZERO):.2f}" for code in totals[kind]}
            row[f"{kind}_total"] = f"{sum(part.values(), ZERO):.2f}"
        rows.append(row)
    return {
        "year": year,
        "unions": rows,
        "totals": {k: {c: f"{v:.2f}" for c, v in part.items()} for k, part in totals.items()},
        "income_total": f"{sum(totals['income'].values(), ZERO):.2f}",
        "expense_total": f"{sum(totals['expense'].values(), ZERO):.2f}",
        "labels": {c["code"]: c["name"] for c in [*income_cats, *expense_cats]},
    }


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdecimal() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@login_required
def overview(request):
    if not on_federation_side() or not has_role(request.user, *FEDERATION_STAFF):
        raise PermissionDenied
    return render(
        request, "finance/federation_overview.html", township_finance(year=_year(request))
    )


class OverviewApi(APIView):
    permission_classes = [federation_roles(*FEDERATION_STAFF)]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses={200: dict})
    def get(self, request):
        return Response(township_finance(year=_year(request)))
