"""The federation's view of union life across the township: activities held, participants,
training hours, honours and the roster of model workers. Reads the public fact rows only
(``facts_by_key``: one query per key), never a union's schema."""

from __future__ import annotations

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


def township_activities(*, year: int) -> dict[str, Any]:
    y = str(year)
    held = facts_by_key("activities.held_by_year")
    people = facts_by_key("activities.participants_by_year")
    hours = facts_by_key("activities.training_hours_by_year")
    honours = facts_by_key("activities.honours_by_year")
    workers = facts_by_key("activities.model_workers")
    roster_by_union = facts_by_key("activities.model_worker_roster")
    rows, roster = [], []
    totals = {"held": 0, "participants": 0, "training_hours": 0.0, "honours": 0, "model_workers": 0}
    for union in unions_serving():
        row = {
            "union": union.slug,
            "name": union.name,
            "held": (held.get(union.pk) or {}).get(y, 0),
            "participants": (people.get(union.pk) or {}).get(y, 0),
            "training_hours": (hours.get(union.pk) or {}).get(y, "0"),
            "honours": sum((honours.get(union.pk) or {}).get(y, {}).values()),
            "model_workers": workers.get(union.pk, 0) or 0,
            "reported": union.pk in held,
        }
        rows.append(row)
        for key in ("held", "participants", "honours", "model_workers"):
            totals[key] += row[key]
        totals["training_hours"] += float(row["training_hours"])
        for person in roster_by_union.get(union.pk) or []:
            roster.append({**person, "union": union.slug, "union_name": union.name})
    totals["training_hours"] = round(totals["training_hours"], 1)
    roster.sort(key=lambda p: (p.get("year", 0), p.get("union", "")), reverse=True)
    return {"year": year, "unions": rows, "totals": totals, "model_worker_roster": roster}


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdecimal() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@login_required
def overview(request):
    if not on_federation_side() or not has_role(request.user, *FEDERATION_STAFF):
        raise PermissionDenied
    data = township_activities(year=_year(request))
    return render(request, "activities/federation_overview.html", data)


class OverviewApi(APIView):
    permission_classes = [federation_roles(*FEDERATION_STAFF)]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses={200: dict})
    def get(self, request):
        return Response(township_activities(year=_year(request)))
