"""Congress pages (union host) and the township's congress overview (federation host)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FEDERATION_STAFF, UNION_OFFICERS, UNION_ROLES
from federation.platform.errors import DomainError
from workplaces.congress import evaluation, proposals, selectors, services
from workplaces.congress.api import MANAGERS
from workplaces.congress.models import (
    CongressKind,
    Delegate,
    DelegateCategory,
    Evaluation,
    Grade,
    Proposal,
    ProposalKind,
    Satisfaction,
    Session,
    VotedMarker,
)
from workplaces.congress.report import session_proposals_report
from workplaces.organization.pages import (
    errors_of,
    federation_page,
    parse_date,
    parse_int,
    required,
    union_page,
)

ALL = tuple(UNION_ROLES)


def _manage(request: HttpRequest) -> bool:
    return has_role(request.user, *MANAGERS)


def _names(text: str) -> list[str]:
    return [
        n.strip()
        for n in text.replace("，", ",").replace("、", ",").replace("\n", ",").split(",")
        if n.strip()
    ]


@union_page(*UNION_OFFICERS)
def home(request: HttpRequest) -> HttpResponse:
    congress = selectors.congress_current()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not _manage(request):
            return HttpResponse(status=403)
        starts_on = parse_date(request.POST.get("starts_on"), "starts_on", errors)
        required(starts_on, "starts_on", errors, _("Enter the date."))
        years = parse_int(request.POST.get("term_years"), "term_years", errors, lo=1, hi=10)
        required(years, "term_years", errors, _("Enter the term."))
        if not errors:
            assert starts_on is not None
            assert years is not None
            try:
                services.congress_create(
                    kind=request.POST.get("kind", ""),
                    starts_on=starts_on,
                    term_years=years,
                    actor=request.user,
                )
            except (ValidationError, DomainError) as exc:
                errors = errors_of(exc)
            else:
                return redirect("congress:delegates")
    return render(
        request,
        "congress/home.html",
        {
            "congress": congress,
            "findings": selectors.roster_findings(congress) if congress else [],
            "delegates": congress.delegates.filter(active=True).count() if congress else 0,
            "sessions": Session.objects.prefetch_related("motions")[:30],
            "kinds": CongressKind.choices,
            "errors": errors,
            "year": timezone.localdate().year,
            "can_manage": _manage(request),
        },
    )


@union_page(*UNION_OFFICERS)
def delegates_page(request: HttpRequest) -> HttpResponse:
    congress = selectors.congress_current()
    if congress is None:
        return redirect("congress:home")
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not _manage(request):
            return HttpResponse(status=403)
        try:
            services.delegate_add(
                congress=congress,
                name=request.POST.get("name", ""),
                category=request.POST.get("category", ""),
                woman=request.POST.get("woman") == "on",
                actor=request.user,
            )
        except (ValidationError, DomainError) as exc:
            errors = errors_of(exc)
        else:
            return redirect("congress:delegates")
    return render(
        request,
        "congress/delegates.html",
        {
            "congress": congress,
            "delegates": congress.delegates.all(),
            "findings": selectors.roster_findings(congress),
            "categories": DelegateCategory.choices,
            "errors": errors,
            "can_manage": _manage(request),
        },
    )


@union_page(*MANAGERS)
def session_new(request: HttpRequest) -> HttpResponse:
    congress = selectors.congress_current()
    roster = congress.delegates.filter(active=True).count() if congress else 0
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        post = request.POST
        held_on = parse_date(post.get("held_on"), "held_on", errors)
        required(held_on, "held_on", errors, _("Enter the date."))
        total = parse_int(post.get("delegates_total"), "delegates_total", errors, lo=1, hi=100_000)
        present = parse_int(post.get("delegates_present"), "delegates_present", errors, hi=100_000)
        required(total, "delegates_total", errors, _("Enter the number of delegates."))
        deadline = parse_date(post.get("proposals_deadline"), "proposals_deadline", errors)
        if not errors:
            assert held_on is not None
            assert total is not None
            try:
                session = services.session_record(
                    kind=post.get("kind", ""),
                    title=post.get("title", ""),
                    held_on=held_on,
                    delegates_total=total,
                    delegates_present=present if present is not None else total,
                    proposals_deadline=deadline,
                    actor=request.user,
                )
            except (ValidationError, DomainError) as exc:
                errors = errors_of(exc)
            else:
                return redirect("congress:session", pk=session.pk)
    return render(
        request,
        "congress/session_new.html",
        {
            "kinds": CongressKind.choices,
            "kind": congress.kind if congress else CongressKind.MEMBERS,
            "roster": roster,
            "errors": errors,
            "today": timezone.localdate(),
        },
    )


@union_page(*UNION_OFFICERS)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session, pk=pk)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not _manage(request):
            return HttpResponse(status=403)
        action = request.POST.get("action")
        try:
            if action == "attendance":
                ids = [int(v) for v in request.POST.getlist("present") if v.isdigit()]
                services.attendance_record(session=session, present_ids=ids, actor=request.user)
            elif action == "motion":
                votes = {
                    k: parse_int(request.POST.get(k), k, errors, hi=100_000) or 0
                    for k in ("yes", "no", "abstain")
                }
                if not errors:
                    services.motion_vote(
                        session=session,
                        title=request.POST.get("title", ""),
                        resolution=request.POST.get("resolution", ""),
                        actor=request.user,
                        **votes,
                    )
            elif action == "document" and isinstance(
                upload := request.FILES.get("file"), UploadedFile
            ):
                services.document_add(
                    session=session,
                    title=request.POST.get("title", ""),
                    file=upload,
                    actor=request.user,
                )
        except (ValidationError, DomainError) as exc:
            errors = errors_of(exc)
        if not errors:
            return redirect("congress:session", pk=session.pk)
        session.refresh_from_db()
    attending = set(session.attendance.filter(present=True).values_list("delegate_id", flat=True))
    roster = (
        list(Delegate.objects.filter(congress=session.congress, active=True))
        if session.congress
        else []
    )
    return render(
        request,
        "congress/session.html",
        {
            "session": session,
            "roster": roster,
            "attending": attending,
            "motions": session.motions.all(),
            "documents": session.documents.all(),
            "report": session_proposals_report(session=session),
            "errors": errors,
            "can_manage": _manage(request),
        },
    )


@union_page(*UNION_OFFICERS)
def session_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    from workplaces.congress.minutes import session_minutes_pdf

    session = get_object_or_404(Session, pk=pk)
    response = HttpResponse(session_minutes_pdf(session=session), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="session-{session.pk}-minutes.pdf"'
    return response


@union_page(*ALL)
def proposals_page(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    congress = selectors.congress_current()
    if request.method == "POST":
        suggestion = request.POST.get("form") == "suggestion"
        seconders = request.POST.getlist("seconders") or _names(
            request.POST.get("seconders_text", "")
        )
        try:
            proposal = proposals.proposal_submit(
                title=request.POST.get("title", ""),
                body=request.POST.get("body", ""),
                proposer=request.POST.get("proposer", ""),
                seconders=seconders,
                suggestion=suggestion,
                actor=request.user,
            )
        except (ValidationError, DomainError) as exc:
            errors = errors_of(exc)
        else:
            messages.success(
                request,
                _("Proposal No. %(n)s submitted.") % {"n": proposal.number}
                if proposal.kind == ProposalKind.PROPOSAL
                else _("Recorded as suggestion No. %(n)s.") % {"n": proposal.number},
            )
            return redirect("congress:proposals")
    can_read = has_role(request.user, *UNION_OFFICERS)
    return render(
        request,
        "congress/proposals.html",
        {
            "proposals": Proposal.objects.filter(kind=ProposalKind.PROPOSAL)[:200]
            if can_read
            else [],
            "suggestions": Proposal.objects.filter(kind=ProposalKind.SUGGESTION)[:200]
            if can_read
            else [],
            "delegates": congress.delegates.filter(active=True) if congress else [],
            "errors": errors,
            "post": request.POST,
            "can_read": can_read,
            "member_view": not can_read,
        },
    )


@union_page(*UNION_OFFICERS)
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not _manage(request):
            return HttpResponse(status=403)
        action = request.POST.get("action")
        try:
            if action == "review":
                proposals.proposal_review(
                    proposal=proposal,
                    decision=request.POST.get("decision", ""),
                    reason=request.POST.get("reason", ""),
                    department=request.POST.get("department", ""),
                    actor=request.user,
                )
            elif action == "answer":
                proposals.proposal_answer(
                    proposal=proposal, answer=request.POST.get("answer", ""), actor=request.user
                )
            elif action == "rate":
                proposals.proposal_rate(
                    proposal=proposal,
                    satisfaction=request.POST.get("satisfaction", ""),
                    actor=request.user,
                )
        except (ValidationError, DomainError) as exc:
            errors = errors_of(exc)
        else:
            return redirect("congress:proposal", pk=proposal.pk)
    return render(
        request,
        "congress/proposal.html",
        {
            "p": proposal,
            "errors": errors,
            "satisfactions": Satisfaction.choices,
            "can_manage": _manage(request),
        },
    )


@union_page(*MANAGERS)
def book(request: HttpRequest, kind: str) -> HttpResponse:
    from workplaces.congress.books import book_pdf

    kinds = {"proposals": ProposalKind.PROPOSAL, "suggestions": ProposalKind.SUGGESTION}
    if kind not in kinds:
        raise Http404
    year = request.GET.get("year", "")
    response = HttpResponse(
        book_pdf(
            kind=kinds[kind],
            year=int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None,
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{kind}.pdf"'
    return response


@union_page(*ALL)
def evaluations_page(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not _manage(request):
            return HttpResponse(status=403)
        subjects = []
        for line in request.POST.get("subjects", "").splitlines():
            name, _sep, post = line.strip().partition(" ")
            if name:
                subjects.append((name, post.strip()))
        try:
            ev = evaluation.evaluation_create(
                title=request.POST.get("title", ""), subjects=subjects, actor=request.user
            )
        except (ValidationError, DomainError) as exc:
            errors = errors_of(exc)
        else:
            return redirect("congress:evaluation", pk=ev.pk)
    return render(
        request,
        "congress/evaluations.html",
        {
            "evaluations": Evaluation.objects.all()[:50],
            "errors": errors,
            "can_manage": _manage(request),
            "member_view": not has_role(request.user, *UNION_OFFICERS),
        },
    )


@union_page(*ALL)
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ev = get_object_or_404(Evaluation, pk=pk)
    errors: dict[str, list[str]] = {}
    subjects = list(ev.subjects.all())
    if request.method == "POST":
        try:
            if request.POST.get("action") == "close":
                if not _manage(request):
                    return HttpResponse(status=403)
                evaluation.evaluation_close(evaluation=ev, actor=request.user)
            else:
                grades = {s.pk: request.POST.get(f"grade_{s.pk}", "") for s in subjects}
                evaluation.evaluation_vote(evaluation=ev, voter=request.user, grades=grades)
                messages.success(request, _("Your ballot was cast. It is secret."))
        except (ValidationError, DomainError) as exc:
            errors = errors_of(exc)
        else:
            return redirect("congress:evaluation", pk=ev.pk)
    officer = has_role(request.user, *UNION_OFFICERS)
    return render(
        request,
        "congress/evaluation.html",
        {
            "ev": ev,
            "subjects": subjects,
            "grades": Grade.choices,
            "voted": VotedMarker.objects.filter(evaluation=ev, voter_id=request.user.pk).exists(),
            "voters": VotedMarker.objects.filter(evaluation=ev).count(),
            "tally": evaluation.evaluation_tally(evaluation=ev) if officer else [],
            "member_view": not officer,
            "errors": errors,
            "can_manage": _manage(request),
        },
    )


@federation_page(*FEDERATION_STAFF)
def federation_overview(request: HttpRequest) -> HttpResponse:
    year_param = request.GET.get("year", "")
    year = (
        int(year_param)
        if year_param.isdigit() and 2000 <= int(year_param) <= 2100
        else timezone.localdate().year
    )
    rows = selectors.congress_overview(year=year)
    return render(
        request,
        "congress/federation_overview.html",
        {"rows": rows, "year": year, "not_held": sum(1 for r in rows if not r["sessions"])},
    )
