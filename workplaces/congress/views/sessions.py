"""Congress pages: the congress term and its delegates, sessions with attendance, motions,
documents, the proposals handling report and the printed minutes (union host)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.accounts.roles import UNION_OFFICERS
from federation.platform.errors import DomainError
from workplaces.congress import selectors, services
from workplaces.congress.api import MANAGERS
from workplaces.congress.minutes import MINUTES_MAX, session_minutes_pdf, session_minutes_write
from workplaces.congress.models import CongressKind, Delegate, DelegateCategory, Session
from workplaces.congress.report import session_proposals_report
from workplaces.congress.views.common import can_manage
from workplaces.organization.pages import errors_of, parse_date, parse_int, required, union_page


@union_page(*UNION_OFFICERS)
def home(request: HttpRequest) -> HttpResponse:
    congress = selectors.congress_current()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not can_manage(request):
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
            "can_manage": can_manage(request),
        },
    )


@union_page(*UNION_OFFICERS)
def delegates_page(request: HttpRequest) -> HttpResponse:
    congress = selectors.congress_current()
    if congress is None:
        return redirect("congress:home")
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not can_manage(request):
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
            "can_manage": can_manage(request),
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
        if not can_manage(request):
            return HttpResponse(status=403)
        action = request.POST.get("action")
        try:
            if action == "attendance":
                ids = [int(v) for v in request.POST.getlist("present") if v.isdecimal()]
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
            elif action == "minutes":
                session_minutes_write(
                    session=session,
                    minutes=request.POST.get("minutes", "")[: MINUTES_MAX + 1],
                    actor=request.user,
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
            "can_manage": can_manage(request),
        },
    )


@union_page(*UNION_OFFICERS)
def session_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session, pk=pk)
    response = HttpResponse(session_minutes_pdf(session=session), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="session-{session.pk}-minutes.pdf"'
    return response
