"""The union's staff-home pages (union host): its assessments, the self-assessment form with
evidence upload (htmx), its title and history. Only the union's own rows, through selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from federation.homes import api, selectors, services
from federation.homes.models import Assessment, EvidenceFile
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import UNION_OFFICERS, VICE_CHAIR
from tenants.context import current_union

WRITERS = (VICE_CHAIR,)


def _union(request, *, write: bool = False):
    union = current_union()
    if union is None:
        raise Http404
    if not has_role(request.user, *(WRITERS if write else UNION_OFFICERS)):
        raise PermissionDenied
    return union


def _own(union, pk) -> Assessment:
    try:
        return selectors.union_assessment_get(union=union, pk=pk)
    except Assessment.DoesNotExist:
        raise Http404 from None


def _errors(exc: ValidationError) -> list[tuple[str, list[str]]]:
    """(field, messages) pairs: a dict would clash with template lookups (a field named "items")."""
    found = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return list(found.items())


@login_required
def assessment_list(request):
    union = _union(request)
    return render(
        request,
        "homes/union_list.html",
        {
            "union": union,
            "assessments": selectors.union_assessments(union=union),
            "title": selectors.union_title(union=union),
            "titles": selectors.union_titles(union=union),
            "today": timezone.localdate(),
        },
    )


def _render_form(request, union, a, errors=None, status=200):
    a = _own(union, a.pk)
    v = selectors.assessment_view(assessment=a)
    return render(
        request,
        "homes/union_assessment.html",
        {
            "union": union,
            "a": a,
            "v": v,
            "errors": errors or [],
            "blockers": list(services.submit_blockers(a).items()),
            "can_write": has_role(request.user, *WRITERS) and a.editable,
            "today": timezone.localdate(),
            "review_visible": a.status not in ("not_started", "draft", "submitted"),
            "max_mb": services.evidence_max_bytes() // (1024 * 1024),
            "accept": ",".join(f".{e}" for e in sorted(services.EVIDENCE_TYPES)),
        },
        status=status,
    )


@login_required
def assessment_page(request, pk):
    union = _union(request)
    a = _own(union, pk)
    if request.method != "POST":
        return _render_form(request, union, a)
    _union(request, write=True)
    p = request.POST
    items = [
        {
            "code": item.criterion.code,
            "self_score": p.get(f"self_{item.criterion.code}", ""),
            "evidence": p.get(f"evidence_{item.criterion.code}", ""),
        }
        for item in a.items.all()
    ]
    try:
        services.assessment_save(
            union=union,
            assessment=a,
            items=items,
            approval_rate=p.get("approval_rate", ""),
            survey_note=p.get("survey_note", ""),
            actor=request.user,
        )
        if p.get("action") == "submit":
            services.assessment_submit(union=union, assessment=a, actor=request.user)
            messages.success(request, _("The self-assessment was submitted to the federation."))
        else:
            messages.success(request, _("The self-assessment was saved."))
    except ValidationError as exc:
        return _render_form(request, union, a, _errors(exc), status=400)
    return redirect("union_homes:assessment", pk=pk)


def _files_fragment(request, union, a, code, errors=None, status=200):
    a = _own(union, a.pk)
    files = [f for f in a.files.all() if (f.item.criterion.code if f.item_id else "") == code]
    return render(
        request,
        "homes/_files.html",
        {
            "a": a,
            "code": code,
            "files": files,
            "errors": errors or [],
            "can_write": has_role(request.user, *WRITERS) and a.editable,
            "accept": ",".join(f".{e}" for e in sorted(services.EVIDENCE_TYPES)),
        },
        status=status,
    )


@login_required
@require_POST
def evidence_upload(request, pk):
    union = _union(request, write=True)
    a = _own(union, pk)
    code = request.POST.get("code", "").strip()
    upload = request.FILES.get(f"file_{code or 'general'}") or request.FILES.get("file")
    try:
        services.evidence_add(union=union, assessment=a, file=upload, code=code, actor=request.user)
    except ValidationError as exc:
        if request.htmx:
            return _files_fragment(request, union, a, code, _errors(exc), status=200)
        messages.error(request, " ".join(m for _f, ms in _errors(exc) for m in ms))
        return redirect("union_homes:assessment", pk=pk)
    if request.htmx:
        return _files_fragment(request, union, a, code)
    return redirect("union_homes:assessment", pk=pk)


@login_required
@require_POST
def evidence_delete(request, pk, file_id):
    union = _union(request, write=True)
    a = _own(union, pk)
    try:
        evidence = selectors.evidence_get(assessment=a, pk=file_id)
        code = evidence.item.criterion.code if evidence.item_id else ""
        services.evidence_remove(union=union, assessment=a, evidence_id=file_id, actor=request.user)
    except EvidenceFile.DoesNotExist:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(m for _f, ms in _errors(exc) for m in ms))
        return redirect("union_homes:assessment", pk=pk)
    if request.htmx:
        return _files_fragment(request, union, a, code)
    return redirect("union_homes:assessment", pk=pk)


@login_required
def evidence_download(request, pk, file_id):
    union = _union(request)
    try:
        return api._file(selectors.evidence_get(assessment=_own(union, pk), pk=file_id))
    except EvidenceFile.DoesNotExist:
        raise Http404 from None


@login_required
def certificate(request, pk):
    union = _union(request)
    return api._pdf(_own(union, pk))


@login_required
def self_assessment_print(request, pk):
    union = _union(request)
    a = _own(union, pk)
    return _print_response(a)


def _print_response(a: Assessment) -> HttpResponse:
    from federation.homes import documents
    from federation.homes.checks import vetoes_run

    data = documents.self_assessment_pdf(assessment=a, vetoes=vetoes_run(union=a.union))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="self-assessment-{a.union.slug}-{a.pk}.pdf"'
    )
    return response
