"""The township's terms and the election steps the federation approves (federation host)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.elections import selectors as election_selectors
from federation.elections import services as election_services
from federation.platform.accounts.roles import FEDERATION_STAFF
from federation.platform.errors import DomainError
from workplaces.organization import selectors
from workplaces.organization.models import TermStatus
from workplaces.organization.pages import errors_of, federation_page, parse_int


@federation_page(*FEDERATION_STAFF)
def federation_terms(request: HttpRequest) -> HttpResponse:
    wanted = request.GET.get("status", "")
    wanted = wanted if wanted in TermStatus.values else ""
    return render(
        request,
        "organization/federation_terms.html",
        {
            "rows": selectors.terms_overview(status=wanted),
            "counts": selectors.terms_status_counts(),
            "statuses": TermStatus.choices,
            "wanted": wanted,
            "year": timezone.localdate().year,
        },
    )


@federation_page(*FEDERATION_STAFF)
def federation_elections(request: HttpRequest) -> HttpResponse:
    from federation.platform.accounts.permissions import has_role

    can_decide = has_role(request.user)  # the federation administrator
    if request.method == "POST":
        if not can_decide:
            return HttpResponse(status=403)
        kind, decision = request.POST.get("kind"), request.POST.get("decision")
        pk = parse_int(request.POST.get("id"), "id", {}, lo=1) or 0
        note = request.POST.get("note", "")[:500]
        try:
            if kind == "application":
                election_services.application_decide(
                    application_id=pk, approve=decision == "approve", note=note, actor=request.user
                )
            else:
                election_services.result_decide(
                    result_id=pk, approve=decision == "approve", note=note, actor=request.user
                )
        except (ValidationError, DomainError) as exc:
            for msgs in errors_of(exc).values():
                for msg in msgs:
                    messages.error(request, msg)
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("fed_organization:elections")
    return render(
        request,
        "organization/federation_elections.html",
        {
            "applications": election_selectors.applications(status="submitted"),
            "results": election_selectors.results(status="submitted"),
            "decided_apps": election_selectors.applications().exclude(status="submitted")[:20],
            "decided_results": election_selectors.results().exclude(status="submitted")[:20],
            "can_decide": can_decide,
        },
    )
