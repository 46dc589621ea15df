"""Federation pages: contract coverage and overdue mediation across the township."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from federation.platform.accounts.roles import FEDERATION_STAFF
from workplaces.rights import federation_selectors as selectors
from workplaces.rights.views.common import page


@page(*FEDERATION_STAFF, federation=True)
def coverage(request: HttpRequest) -> HttpResponse:
    rows = selectors.coverage_rows()
    return render(
        request,
        "rights/federation_coverage.html",
        {
            "rows": rows,
            "summary": selectors.coverage_summary(rows),
            "mediation": selectors.mediation_rows(overdue_only=True),
        },
    )
