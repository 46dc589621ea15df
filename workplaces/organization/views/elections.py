"""The election (换届) page at the union: the application to the federation and the result
(union host)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from federation.elections import selectors as election_selectors
from federation.platform.accounts.roles import UNION_OFFICERS
from federation.platform.errors import DomainError
from federation.rules.selectors import rule_value
from workplaces.organization import elections
from workplaces.organization.common import this_union
from workplaces.organization.models import Position
from workplaces.organization.pages import errors_of, parse_date, parse_int, required, union_page
from workplaces.organization.views.common import SEAT_ROWS, can_manage, names_of


def _candidate_rows(post) -> list[elections.CandidateInput]:
    rows = []
    for i in range(int(post.get("rows", SEAT_ROWS) or SEAT_ROWS)):
        name = post.get(f"cname_{i}", "").strip()
        if not name:
            continue
        votes = post.get(f"votes_{i}", "").strip()
        member = post.get(f"cmember_{i}", "").strip()
        rows.append(
            elections.CandidateInput(
                name=name,
                votes=int(votes) if votes.isdecimal() else 0,
                position=post.get(f"cposition_{i}", "member"),
                member=int(member) if member.isdecimal() else None,
                woman=post.get(f"cwoman_{i}") == "on",
            )
        )
    return rows


@union_page(*UNION_OFFICERS)
def elections_page(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    form = request.POST.get("form", "")
    if request.method == "POST":
        if not can_manage(request):
            return HttpResponse(status=403)
        try:
            if form == "application":
                _application_post(request, errors)
            elif form == "result":
                _result_post(request, errors)
        except (ValidationError, DomainError) as exc:
            errors = errors_of(exc)
        if not errors:
            messages.success(request, _("Sent to the federation for approval."))
            return redirect("organization:elections")
    union = this_union()
    return render(
        request,
        "organization/elections.html",
        {
            "errors": errors,
            "form": form,
            "post": request.POST,
            "applications": election_selectors.applications(union=union)[:20],
            "results": election_selectors.results(union=union)[:20],
            "rows": range(SEAT_ROWS),
            "row_count": SEAT_ROWS,
            "positions": Position.choices,
            "years": rule_value("organization.term_years_allowed"),
            "can_manage": can_manage(request),
        },
    )


def _application_post(request: HttpRequest, errors: dict[str, list[str]]) -> None:
    post = request.POST
    planned_on = parse_date(post.get("planned_on"), "planned_on", errors)
    required(planned_on, "planned_on", errors, _("Enter the planned date."))
    seats = parse_int(post.get("seats"), "seats", errors, lo=1, hi=100)
    required(seats, "seats", errors, _("Enter the committee size."))
    if errors:
        return
    assert planned_on is not None
    assert seats is not None
    elections.application_submit(
        planned_on=planned_on,
        seats=seats,
        competitive=post.get("competitive") == "on",
        candidates=names_of(post.get("candidates", "")),
        actor=request.user,
    )


def _result_post(request: HttpRequest, errors: dict[str, list[str]]) -> None:
    post = request.POST
    held_on = parse_date(post.get("held_on"), "held_on", errors)
    required(held_on, "held_on", errors, _("Enter the election date."))
    years = parse_int(post.get("term_years"), "term_years", errors, lo=1, hi=10)
    eligible = parse_int(post.get("eligible_voters"), "eligible_voters", errors, lo=1)
    present = parse_int(post.get("voters_present"), "voters_present", errors)
    for value, field in (
        (years, "term_years"),
        (eligible, "eligible_voters"),
        (present, "voters_present"),
    ):
        required(value, field, errors, _("This field is required."))
    if errors:
        return
    assert held_on
    assert years
    assert eligible
    assert present is not None
    app_id = post.get("application", "")
    elections.result_submit(
        held_on=held_on,
        term_years=years,
        eligible_voters=eligible,
        voters_present=present,
        candidates=_candidate_rows(post),
        application_id=int(app_id) if app_id.isdecimal() else None,
        actor=request.user,
    )
