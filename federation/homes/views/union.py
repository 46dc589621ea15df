"""The union's staff-home pages (union host): its assessments, the self-assessment form with
evidence upload (htmx), its title and history. Only the union's own rows, through selectors.
A refused form keeps what was typed and marks the wrong boxes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from federation.homes import selectors, services
from federation.homes.api.common import certificate_response, evidence_response, print_response
from federation.homes.api.inputs import SelfAssessmentInput
from federation.homes.models import Assessment
from federation.homes.views.common import Marks, Messages, input_errors, service_errors
from federation.homes.views.federation import found
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import UNION_OFFICERS, VICE_CHAIR
from tenants.context import current_union
from tenants.models import Union

WRITERS = (VICE_CHAIR,)
ACCEPT = ",".join(f".{e}" for e in sorted(services.EVIDENCE_TYPES))


def _union(request: HttpRequest, *, write: bool = False) -> Union:
    union = current_union()
    if union is None:
        raise Http404
    if not has_role(request.user, *(WRITERS if write else UNION_OFFICERS)):
        raise PermissionDenied
    return union


def _own(union: Union, pk: int) -> Assessment:
    return found(selectors.union_assessment_get, union=union, pk=pk)


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    union = _union(request)
    context = {
        "union": union,
        "assessments": selectors.union_assessments(union=union),
        "title": selectors.union_title(union=union),
        "titles": selectors.union_titles(union=union),
        "today": timezone.localdate(),
    }
    return render(request, "homes/union_list.html", context)


def _posted(request: HttpRequest, a: Assessment) -> dict[str, dict[str, str]]:
    p = request.POST
    return {
        item.criterion.code: {
            "self_score": p.get(f"self_{item.criterion.code}", "").strip(),
            "evidence": p.get(f"evidence_{item.criterion.code}", ""),
        }
        for item in a.items.all()
    }


def _render_form(
    request: HttpRequest,
    union: Union,
    a: Assessment,
    errors: Messages | None = None,
    marks: Marks | None = None,
    status: int = 200,
) -> HttpResponse:
    a = _own(union, a.pk)
    v = selectors.assessment_view(assessment=a)
    posted = _posted(request, a) if errors else {}
    for row in v["rows"]:
        code, item = row["criterion"].code, row["item"]
        typed = posted.get(code)
        stored = "" if item.self_score is None else str(item.self_score)
        row["self_value"] = typed["self_score"] if typed else stored
        row["evidence_value"] = typed["evidence"] if typed else item.evidence
        row["self_error"] = (marks or {}).get(code, {}).get("self_score", "")
        row["evidence_error"] = (marks or {}).get(code, {}).get("evidence", "")
    stored_rate = "" if a.approval_rate is None else str(a.approval_rate)
    context = {
        "union": union,
        "a": a,
        "v": v,
        "errors": errors or [],
        "blockers": list(services.submit_blockers(a).items()),
        "can_write": has_role(request.user, *WRITERS) and a.editable,
        "today": timezone.localdate(),
        "review_visible": a.status not in ("not_started", "draft", "submitted"),
        "max_mb": services.evidence_max_bytes() // (1024 * 1024),
        "accept": ACCEPT,
        "rate_value": request.POST.get("approval_rate", stored_rate) if errors else stored_rate,
        "note_value": request.POST.get("survey_note", a.survey_note) if errors else a.survey_note,
    }
    return render(request, "homes/union_assessment.html", context, status=status)


@login_required
def assessment_page(request: HttpRequest, pk: int) -> HttpResponse:
    union = _union(request)
    a = _own(union, pk)
    if request.method != "POST":
        return _render_form(request, union, a)
    _union(request, write=True)
    posted = _posted(request, a)
    data: dict[str, Any] = {
        "items": [
            {"code": c, "self_score": v["self_score"] or None, "evidence": v["evidence"]}
            for c, v in posted.items()
        ],
        "approval_rate": request.POST.get("approval_rate", "").strip() or None,
        "survey_note": request.POST.get("survey_note", ""),
    }
    form = SelfAssessmentInput(data=data)
    if not form.is_valid():
        errors, marks = input_errors(form.errors, codes=list(posted))
        return _render_form(request, union, a, errors, marks, status=400)
    try:
        services.assessment_save(
            union=union, assessment=a, **form.validated_data, actor=request.user
        )
        if request.POST.get("action") == "submit":
            services.assessment_submit(union=union, assessment=a, actor=request.user)
            messages.success(request, _("The self-assessment was submitted to the federation."))
        else:
            messages.success(request, _("The self-assessment was saved."))
    except ValidationError as exc:
        errors, marks = service_errors(exc)
        return _render_form(request, union, a, errors, marks, status=400)
    return redirect("union_homes:assessment", pk=pk)


def _files_fragment(
    request: HttpRequest, union: Union, a: Assessment, code: str, errors: Messages | None = None
) -> HttpResponse:
    a = _own(union, a.pk)
    files = [f for f in a.files.all() if (f.item.criterion.code if f.item else "") == code]
    context = {
        "a": a,
        "code": code,
        "files": files,
        "errors": errors or [],
        "can_write": has_role(request.user, *WRITERS) and a.editable,
        "accept": ACCEPT,
    }
    return render(request, "homes/_files.html", context)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    union = _union(request, write=True)
    a = _own(union, pk)
    code = request.POST.get("code", "").strip()[:20]
    upload = request.FILES.get(f"file_{code or 'general'}") or request.FILES.get("file")
    try:
        services.evidence_add(union=union, assessment=a, file=upload, code=code, actor=request.user)
    except ValidationError as exc:
        errors = service_errors(exc)[0]
        if getattr(request, "htmx", False):
            return _files_fragment(request, union, a, code, errors)
        messages.error(request, " ".join(m for _f, ms in errors for m in ms))
        return redirect("union_homes:assessment", pk=pk)
    if getattr(request, "htmx", False):
        return _files_fragment(request, union, a, code)
    return redirect("union_homes:assessment", pk=pk)


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    union = _union(request, write=True)
    a = _own(union, pk)
    evidence = found(selectors.evidence_get, assessment=a, pk=file_id)
    code = evidence.item.criterion.code if evidence.item_id else ""
    try:
        services.evidence_remove(union=union, assessment=a, evidence_id=file_id, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(m for _f, ms in service_errors(exc)[0] for m in ms))
        return redirect("union_homes:assessment", pk=pk)
    if getattr(request, "htmx", False):
        return _files_fragment(request, union, a, code)
    return redirect("union_homes:assessment", pk=pk)


@login_required
def evidence_download(request: HttpRequest, pk: int, file_id: int) -> HttpResponseBase:
    a = _own(_union(request), pk)
    return evidence_response(found(selectors.evidence_get, assessment=a, pk=file_id))


@login_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    return certificate_response(_own(_union(request), pk))


@login_required
def self_assessment_print(request: HttpRequest, pk: int) -> HttpResponse:
    return print_response(_own(_union(request), pk))
