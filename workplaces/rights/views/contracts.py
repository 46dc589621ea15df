"""Contract pages on a union host: the list with clocks, one contract with its rounds,
signing, filing, objection, congress vote and the signed text, and a printable ledger."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from workplaces.rights import selectors
from workplaces.rights.api.contracts import contract_text_response
from workplaces.rights.models import CollectiveContract
from workplaces.rights.roles import RIGHTS_MANAGERS, RIGHTS_READERS
from workplaces.rights.services import contracts as services
from workplaces.rights.views import forms
from workplaces.rights.views.common import form_errors, page, run, size_ok


def _can_manage(request: HttpRequest) -> bool:
    from federation.platform.accounts.permissions import has_role

    return has_role(request.user, *RIGHTS_MANAGERS)


@page(*RIGHTS_READERS)
def contract_list(request: HttpRequest) -> HttpResponse:
    kinds = services.contract_kinds()
    form = forms.ContractForm(request.POST or None, kinds=kinds)
    if request.method == "POST":
        if not _can_manage(request):
            return redirect("rights:contracts")
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
            made = run(request, services.contract_create, actor=request.user, **data)
            if made is not None:
                return redirect("rights:contract", pk=made.pk)
        else:
            form_errors(request, form)
    rows = selectors.contracts_list()
    return render(
        request,
        "rights/contracts.html",
        {"rows": rows, "kinds": kinds, "form": form, "can_manage": _can_manage(request)},
    )


@page(*RIGHTS_READERS)
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_object_or_404(
        CollectiveContract.objects.select_related("congress_motion__session"), pk=pk
    )
    return render(
        request,
        "rights/contract.html",
        {
            "c": c,
            "k": selectors.contract_clocks(c),
            "kind_name": services.contract_kinds().get(c.kind, c.kind),
            "rounds": c.rounds.all(),
            "can_manage": _can_manage(request),
            "round_form": forms.RoundForm(),
            "sign_form": forms.SignForm(),
            "file_form": forms.FileForm(),
            "objection_form": forms.ObjectionForm(),
            "congress_form": forms.CongressForm(),
            "motion_form": forms.CongressMotionForm(),
            "vote": selectors.contract_vote(c),
            "has_motions": selectors.congress_motions().exists(),
            "text_form": forms.TextForm(),
        },
    )


ACTIONS = {
    "round": forms.RoundForm,
    "sign": forms.SignForm,
    "file": forms.FileForm,
    "objection": forms.ObjectionForm,
    "congress": forms.CongressForm,
    "motion": forms.CongressMotionForm,
    "text": forms.TextForm,
}


@require_POST
@page(*RIGHTS_MANAGERS)
def contract_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    c = get_object_or_404(CollectiveContract, pk=pk)
    form_class = ACTIONS.get(action)
    if form_class is None:
        return redirect("rights:contract", pk=pk)
    if action == "text" and not size_ok(request, limit=services.TEXT_MAX_BYTES):
        return redirect("rights:contract", pk=pk)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("rights:contract", pk=pk)
    d = form.cleaned_data
    if action == "round":
        run(
            request,
            services.round_add,
            contract=c,
            held_on=d["held_on"],
            employee_side=d["employee_side"].splitlines(),
            employer_side=d["employer_side"].splitlines(),
            summary=d["summary"],
            actor=request.user,
        )
    elif action == "sign":
        run(request, services.contract_sign, contract=c, actor=request.user, **d)
    elif action == "file":
        run(request, services.contract_file, contract=c, actor=request.user, **d)
    elif action == "objection":
        run(request, services.contract_objection, contract=c, actor=request.user, **d)
    elif action in ("congress", "motion"):
        run(request, services.contract_update, contract=c, changes=d, actor=request.user)
    else:
        run(
            request, services.contract_text_upload, contract=c, upload=d["file"], actor=request.user
        )
    return redirect("rights:contract", pk=pk)


@page(*RIGHTS_READERS)
def contract_text(request: HttpRequest, pk: int) -> FileResponse:
    """The signed text, from this union's own media, to this union's officers only."""
    return contract_text_response(get_object_or_404(CollectiveContract, pk=pk))


@page(*RIGHTS_READERS)
def contract_ledger_pdf(request: HttpRequest) -> HttpResponse:
    from workplaces.rights.documents import contracts_ledger_pdf

    response = HttpResponse(contracts_ledger_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="contracts.pdf"'
    return response
