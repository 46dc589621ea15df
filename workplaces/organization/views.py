"""Organization pages: the committee and its term, the election steps, work plans,
openness of affairs, the group leader's group (union host); the township's terms and the
election approvals (federation host)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.elections import selectors as election_selectors
from federation.elections import services as election_services
from federation.platform.accounts.roles import FEDERATION_STAFF, GROUP_LEADER, UNION_OFFICERS
from federation.platform.errors import DomainError
from federation.rules.selectors import rule_value
from workplaces.organization import elections, plans, selectors, services
from workplaces.organization.api import MANAGERS
from workplaces.organization.common import this_union
from workplaces.organization.models import Channel, PlanItem, Position, TermStatus, WorkPlan
from workplaces.organization.pages import (
    errors_of,
    federation_page,
    parse_date,
    parse_int,
    required,
    union_page,
)

SEAT_ROWS = 9


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.replace("，", ",").replace("\n", ",").split(",") if n.strip()]


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
            "can_manage": _can_manage(request),
        },
    )


def _can_manage(request: HttpRequest) -> bool:
    from federation.platform.accounts.permissions import has_role

    return has_role(request.user, *MANAGERS)


def _seat_rows(post) -> list[services.SeatInput]:
    rows = []
    for i in range(int(post.get("rows", SEAT_ROWS) or SEAT_ROWS)):
        name = post.get(f"name_{i}", "").strip()
        if not name:
            continue
        member = post.get(f"member_{i}", "").strip()
        rows.append(
            services.SeatInput(
                name=name,
                position=post.get(f"position_{i}", "member"),
                member=int(member) if member.isdigit() else None,
                woman=post.get(f"woman_{i}") == "on",
            )
        )
    return rows


@union_page(*MANAGERS)
def term_new(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    rows = max(SEAT_ROWS, min(60, int(request.GET.get("rows", SEAT_ROWS) or SEAT_ROWS)))
    if request.method == "POST":
        post = request.POST
        elected_on = parse_date(post.get("elected_on"), "elected_on", errors)
        required(elected_on, "elected_on", errors, _("Enter the election date."))
        years = parse_int(post.get("term_years"), "term_years", errors, lo=1, hi=10)
        required(years, "term_years", errors, _("Choose the term."))
        approved_on = parse_date(post.get("approved_on"), "approved_on", errors)
        if not errors:
            assert elected_on is not None
            assert years is not None
            try:
                services.term_create(
                    elected_on=elected_on,
                    term_years=years,
                    approved_on=approved_on,
                    approval_ref=post.get("approval_ref", "").strip(),
                    committee=_seat_rows(post),
                    audit_committee=_names(post.get("audit_committee", "")),
                    women_committee=_names(post.get("women_committee", "")),
                    actor=request.user,
                )
            except (ValidationError, DomainError) as exc:
                errors = errors_of(exc)
            else:
                messages.success(request, _("The committee term was recorded."))
                return redirect("organization:home")
    from workplaces.members.models import Member, MemberStatus

    return render(
        request,
        "organization/term_form.html",
        {
            "errors": errors,
            "post": request.POST,
            "rows": range(rows),
            "row_count": rows,
            "positions": Position.choices,
            "years": rule_value("organization.term_years_allowed"),
            "members": Member.objects.filter(status=MemberStatus.ACTIVE).only(
                "pk", "name", "member_no"
            )[:500],
            "band": services.committee_band(members=services.members_active_count()),
            "members_active": services.members_active_count(),
        },
    )


@union_page(*UNION_OFFICERS, GROUP_LEADER)
def term_detail(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(selectors.terms_all(), pk=pk)
    return render(request, "organization/term.html", {"term": term})


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
                votes=int(votes) if votes.isdigit() else 0,
                position=post.get(f"cposition_{i}", "member"),
                member=int(member) if member.isdigit() else None,
                woman=post.get(f"cwoman_{i}") == "on",
            )
        )
    return rows


@union_page(*UNION_OFFICERS)
def elections_page(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    form = request.POST.get("form", "")
    if request.method == "POST":
        if not _can_manage(request):
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
            "can_manage": _can_manage(request),
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
        candidates=_names(post.get("candidates", "")),
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
        application_id=int(app_id) if app_id.isdigit() else None,
        actor=request.user,
    )


@union_page(*UNION_OFFICERS)
def plans_page(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not _can_manage(request):
            return HttpResponse(status=403)
        year = parse_int(request.POST.get("year"), "year", errors, lo=2000, hi=2100)
        required(year, "year", errors, _("Enter the year."))
        if not errors:
            assert year is not None
            try:
                plan = plans.plan_create(
                    year=year,
                    title=request.POST.get("title", ""),
                    kind=request.POST.get("kind", "year"),
                    actor=request.user,
                )
            except (ValidationError, DomainError) as exc:
                errors = errors_of(exc)
            else:
                return redirect("organization:plan", pk=plan.pk)
    return render(
        request,
        "organization/plans.html",
        {
            "plans": WorkPlan.objects.prefetch_related("items"),
            "errors": errors,
            "year": timezone.localdate().year,
            "can_manage": _can_manage(request),
        },
    )


@union_page(*UNION_OFFICERS)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(WorkPlan, pk=pk)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not _can_manage(request):
            return HttpResponse(status=403)
        action = request.POST.get("action")
        try:
            if action == "item":
                due_on = parse_date(request.POST.get("due_on"), "due_on", errors)
                required(due_on, "due_on", errors, _("Enter the due date."))
                if not errors:
                    assert due_on is not None
                    plans.plan_item_add(
                        plan=plan,
                        title=request.POST.get("title", ""),
                        owner=request.POST.get("owner", ""),
                        due_on=due_on,
                        actor=request.user,
                    )
            elif action == "progress":
                item = get_object_or_404(PlanItem, pk=request.POST.get("item"), plan=plan)
                progress = parse_int(request.POST.get("progress"), "progress", errors, hi=100)
                if progress is not None:
                    plans.plan_item_progress(item=item, progress=progress, actor=request.user)
            elif action == "summary":
                plans.plan_summarise(
                    plan=plan, summary=request.POST.get("summary", ""), actor=request.user
                )
        except (ValidationError, DomainError) as exc:
            errors = errors_of(exc)
        if not errors:
            return redirect("organization:plan", pk=plan.pk)
    return render(
        request,
        "organization/plan.html",
        {
            "plan": plan,
            "items": plan.items.all(),
            "errors": errors,
            "today": timezone.localdate(),
            "can_manage": _can_manage(request),
        },
    )


@union_page(*UNION_OFFICERS)
def openness_page(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not _can_manage(request):
            return HttpResponse(status=403)
        published_on = parse_date(request.POST.get("published_on"), "published_on", errors)
        required(published_on, "published_on", errors, _("Enter the date."))
        if not errors:
            assert published_on is not None
            try:
                plans.openness_publish(
                    title=request.POST.get("title", ""),
                    body=request.POST.get("body", ""),
                    published_on=published_on,
                    channel=request.POST.get("channel", ""),
                    actor=request.user,
                )
            except (ValidationError, DomainError) as exc:
                errors = errors_of(exc)
            else:
                messages.success(request, _("Published."))
                return redirect("organization:openness")
    return render(
        request,
        "organization/openness.html",
        {
            "items": selectors.openness_items()[:200],
            "channels": Channel.choices,
            "errors": errors,
            "today": timezone.localdate(),
            "can_manage": _can_manage(request),
        },
    )


@union_page(GROUP_LEADER)
def my_group(request: HttpRequest) -> HttpResponse:
    """The group leader's groups: their members and each member's membership events."""
    from workplaces.members.models import UnionGroup

    groups = UnionGroup.objects.filter(leader_id=request.user.pk).prefetch_related(
        "members", "members__events"
    )
    return render(request, "organization/group.html", {"groups": groups})


# --- federation host ----------------------------------------------------------------------
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
