"""Mediation cases, the committee and legal aid on a union host."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from federation.platform.accounts.permissions import has_role
from workplaces.rights import selectors
from workplaces.rights.models import LegalAidRequest, MediationCase
from workplaces.rights.roles import RIGHTS_MANAGERS, RIGHTS_READERS
from workplaces.rights.services import mediation as services
from workplaces.rights.views import forms
from workplaces.rights.views.common import form_errors, page, run


@page(*RIGHTS_READERS)
def mediation_list(request: HttpRequest) -> HttpResponse:
    manage = has_role(request.user, *RIGHTS_MANAGERS)
    form = forms.MediationForm(request.POST or None)
    if request.method == "POST" and manage:
        if form.is_valid():
            if run(request, services.mediation_receive, actor=request.user, **form.cleaned_data):
                return redirect("rights:mediation")
        else:
            form_errors(request, form)
    today = timezone.localdate()
    cases = [(c, selectors.mediation_overdue(c, today=today)) for c in MediationCase.objects.all()]
    committee = list(selectors.committee_members())
    return render(
        request,
        "rights/mediation.html",
        {
            "cases": cases,
            "form": form,
            "close_form": forms.MediationCloseForm(),
            "committee": committee,
            "committee_form": forms.CommitteeForm(),
            "can_manage": manage,
            "overdue": sum(1 for _c, o in cases if o),
        },
    )


@require_POST
@page(*RIGHTS_MANAGERS)
def mediation_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(MediationCase, pk=pk)
    form = forms.MediationCloseForm(request.POST)
    if form.is_valid():
        run(request, services.mediation_close, case=case, actor=request.user, **form.cleaned_data)
    else:
        form_errors(request, form)
    return redirect("rights:mediation")


def committee_lines(text: str) -> list[dict[str, Any]]:
    """``name, employees|employer|职工|企业, position, chair`` per line."""
    sides = {"职工": "employees", "职工方": "employees", "企业": "employer", "企业方": "employer"}
    members = []
    for line in text.splitlines():
        parts = [p.strip() for p in line.replace("，", ",").split(",")]
        if not parts or not parts[0]:
            continue
        side = sides.get(parts[1], parts[1]) if len(parts) > 1 else ""
        members.append(
            {
                "name": parts[0][:50],
                "side": side,
                "position": parts[2][:100] if len(parts) > 2 else "",
                "is_chair": len(parts) > 3 and parts[3] in ("chair", "主任", "1", "是"),
            }
        )
    return members


@require_POST
@page(*RIGHTS_MANAGERS)
def committee_set(request: HttpRequest) -> HttpResponse:
    form = forms.CommitteeForm(request.POST)
    if form.is_valid():
        run(
            request,
            services.committee_set,
            members=committee_lines(form.cleaned_data["lines"]),
            since=form.cleaned_data["since"],
            actor=request.user,
        )
    else:
        form_errors(request, form)
    return redirect("rights:mediation")


@page(*RIGHTS_READERS)
def legal_aid_list(request: HttpRequest) -> HttpResponse:
    manage = has_role(request.user, *RIGHTS_MANAGERS)
    form = forms.LegalAidForm(request.POST or None)
    if request.method == "POST" and manage:
        if form.is_valid():
            if run(request, services.legal_aid_create, actor=request.user, **form.cleaned_data):
                return redirect("rights:legal-aid")
        else:
            form_errors(request, form)
    return render(
        request,
        "rights/legal_aid.html",
        {
            "requests": LegalAidRequest.objects.all(),
            "form": form,
            "refer_form": forms.ReferForm(),
            "close_form": forms.LegalAidCloseForm(),
            "can_manage": manage,
        },
    )


@require_POST
@page(*RIGHTS_MANAGERS)
def legal_aid_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    req = get_object_or_404(LegalAidRequest, pk=pk)
    if action == "refer":
        form: Any = forms.ReferForm(request.POST)
        fn: Any = services.legal_aid_refer
    else:
        form, fn = forms.LegalAidCloseForm(request.POST), services.legal_aid_close
    if form.is_valid():
        run(request, fn, request=req, actor=request.user, **form.cleaned_data)
    else:
        form_errors(request, form)
    return redirect("rights:legal-aid")
