"""The township congress overview (federation host)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from federation.platform.accounts.roles import FEDERATION_STAFF
from workplaces.congress import selectors
from workplaces.organization.pages import federation_page


@federation_page(*FEDERATION_STAFF)
def federation_overview(request: HttpRequest) -> HttpResponse:
    year_param = request.GET.get("year", "")
    year = (
        int(year_param)
        if year_param.isdecimal() and 2000 <= int(year_param) <= 2100
        else timezone.localdate().year
    )
    rows = selectors.congress_overview(year=year)
    return render(
        request,
        "congress/federation_overview.html",
        {"rows": rows, "year": year, "not_held": sum(1 for r in rows if not r["sessions"])},
    )
