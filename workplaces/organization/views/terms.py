"""Committee pages: the current term, recording a term with its committee, an earlier term,
and the group leader's own group (union host)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from federation.elections import selectors as election_selectors
from federation.platform.accounts.roles import GROUP_LEADER, UNION_OFFICERS
from federation.platform.errors import DomainError
from federation.rules.selectors import rule_value
from workplaces.organization import selectors, services
from workplaces.organization.api import MANAGERS
from workplaces.organization.common import this_union
from workplaces.organization.models import Position
from workplaces.organization.pages import errors_of, parse_date, parse_int, required, union_page
from workplaces.organization.views.common import SEAT_ROWS, can_manage, names_of


@union_page(*UNION_OFFICERS, GROUP_LEADER)
def home(request: HttpRequest) -> HttpResponse:
    term = selectors.term_current()
    union = this_union()
    return render(
        request,
        "organization/home.html",
        {
            "term": term,
            "summary": selectors.term_summary(term),
            "women_needed": selectors.women_committee_needed(),
            "has_women_body": bool(term and any(b.kind == "women" for b in term.bodies.all())),
            "past_terms": selectors.terms_all().filter(is_current=False)[:10],
            "pending": election_selectors.pending_counts(union=union),
            "overdue_items": selectors.plan_items_overdue()[:20],
            "can_manage": can_manage(request),
        },
    )


def _seats_posted(post, count: int) -> list[dict[str, object]]:
    """The seat rows as typed, to show them again with the errors."""
    return [
        {
            "i": i,
            "name": post.get(f"name_{i}", ""),
            "position": post.get(f"position_{i}", "member"),
            "member": post.get(f"member_{i}", ""),
            "woman": post.get(f"woman_{i}") == "on",
        }
        for i in range(count)
    ]


def _seat_rows(post, count: int, errors: dict[str, list[str]]) -> list[services.SeatInput]:
    """The named seats; a member record is picked by its member number (active members)."""
    from workplaces.members.models import MemberStatus
    from workplaces.members.selectors import members_by_numbers

    seats = [s for s in _seats_posted(post, count) if str(s["name"]).strip()]
    numbers = [str(s["member"]).strip() for s in seats if str(s["member"]).strip()]
    found, missing = members_by_numbers(numbers=numbers, statuses=(MemberStatus.ACTIVE,))
    by_number = {m.member_no: m.pk for m in found}
    rows = []
    for seat in seats:
        number = str(seat["member"]).strip()
        if number in missing:
            errors[f"member_{seat['i']}"] = [
                _("No active member with number %(no)s in the register.") % {"no": number}
            ]
        rows.append(
            services.SeatInput(
                name=str(seat["name"]).strip(),
                position=str(seat["position"]),
                member=by_number.get(number),
                woman=bool(seat["woman"]),
            )
        )
    return rows


@union_page(*MANAGERS)
def term_new(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    asked = (request.POST if request.method == "POST" else request.GET).get("rows")
    rows = max(SEAT_ROWS, min(60, parse_int(asked, "rows", {}) or SEAT_ROWS))
    if request.method == "POST":
        post = request.POST
        elected_on = parse_date(post.get("elected_on"), "elected_on", errors)
        required(elected_on, "elected_on", errors, _("Enter the election date."))
        years = parse_int(post.get("term_years"), "term_years", errors, lo=1, hi=10)
        required(years, "term_years", errors, _("Choose the term."))
        approved_on = parse_date(post.get("approved_on"), "approved_on", errors)
        committee = _seat_rows(post, rows, errors)
        if not errors:
            assert elected_on is not None
            assert years is not None
            try:
                services.term_create(
                    elected_on=elected_on,
                    term_years=years,
                    approved_on=approved_on,
                    approval_ref=post.get("approval_ref", "").strip(),
                    committee=committee,
                    audit_committee=names_of(post.get("audit_committee", "")),
                    women_committee=names_of(post.get("women_committee", "")),
                    actor=request.user,
                )
            except (ValidationError, DomainError) as exc:
                errors = errors_of(exc)
            else:
                messages.success(request, _("The committee term was recorded."))
                return redirect("organization:home")
    return render(
        request,
        "organization/term_form.html",
        {
            "errors": errors,
            "post": request.POST,
            "seats": _seats_posted(request.POST, rows),
            "row_count": rows,
            "positions": Position.choices,
            "years": rule_value("organization.term_years_allowed"),
            "band": services.committee_band(members=services.members_active_count()),
            "members_active": services.members_active_count(),
            "women_needed": selectors.women_committee_needed(),
        },
    )


@union_page(*UNION_OFFICERS, GROUP_LEADER)
def term_detail(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(selectors.terms_all(), pk=pk)
    return render(request, "organization/term.html", {"term": term})


@union_page(GROUP_LEADER)
def my_group(request: HttpRequest) -> HttpResponse:
    """The group leader's groups: their members and each member's membership events."""
    from workplaces.members.models import UnionGroup

    groups = UnionGroup.objects.filter(leader_id=request.user.pk).prefetch_related(
        "members", "members__events"
    )
    return render(request, "organization/group.html", {"groups": groups})
