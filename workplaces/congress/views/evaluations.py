"""Democratic evaluation pages: evaluations, the secret ballot, the tally (union host)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import UNION_OFFICERS
from federation.platform.errors import DomainError
from workplaces.congress import evaluation
from workplaces.congress.models import Evaluation, Grade, VotedMarker
from workplaces.congress.views.common import ALL, can_manage
from workplaces.organization.pages import errors_of, union_page


@union_page(*ALL)
def evaluations_page(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not can_manage(request):
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
            "can_manage": can_manage(request),
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
                if not can_manage(request):
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
            "can_manage": can_manage(request),
        },
    )
