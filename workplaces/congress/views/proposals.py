"""Proposal pages: submit, review, answer, rate; the proposal and suggestion books (union
host)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import UNION_OFFICERS
from federation.platform.errors import DomainError
from workplaces.congress import proposals, selectors
from workplaces.congress.api import MANAGERS
from workplaces.congress.models import Proposal, ProposalKind, Satisfaction
from workplaces.congress.report import proposal_reported_at
from workplaces.congress.views.common import ALL, can_manage, names_of
from workplaces.organization.pages import errors_of, union_page


@union_page(*ALL)
def proposals_page(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    congress = selectors.congress_current()
    if request.method == "POST":
        suggestion = request.POST.get("form") == "suggestion"
        seconders = request.POST.getlist("seconders") or names_of(
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
        if not can_manage(request):
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
            "reported_at": proposal_reported_at(proposal),
            "errors": errors,
            "satisfactions": Satisfaction.choices,
            "can_manage": can_manage(request),
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
            year=int(year) if year.isdecimal() and 2000 <= int(year) <= 2100 else None,
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{kind}.pdf"'
    return response
