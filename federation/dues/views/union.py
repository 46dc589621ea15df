"""The union's own dues page (union host): declarations, notices, payments, balance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import documents, selectors, services
from federation.dues.api.inputs import DuesDeclarationCorrectInput, DuesDeclarationInput, parse
from federation.dues.periods import period_containing
from federation.dues.views._base import PAGE_ERRORS, FormErrors, form_errors
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FINANCE, UNION_OFFICERS
from tenants.context import current_union
from tenants.models import Union, UnionRollup


def _context(request: HttpRequest, union: Union) -> dict[str, Any]:
    today = timezone.localdate()
    kind = selectors.policy_in_force(on=today).period_kind
    rollup = UnionRollup.objects.filter(union=union).first()
    declarations = list(selectors.declaration_list(union=union).select_related("notice"))
    for d in declarations:
        d.expected = selectors.declaration_expected(declaration=d, today=today)  # type: ignore[attr-defined]
    return {
        "union": union,
        "declarations": declarations,
        "notices": selectors.union_notices(union=union),
        "payments": selectors.union_payments(union=union)[:50],
        "balance": selectors.union_balance(union=union),
        "overdue": selectors.union_dues_overdue(union=union),
        "member_dues": rollup.member_dues_monthly if rollup else None,
        "can_declare": has_role(request.user, FINANCE),
        "suggested_period": _suggested_period(
            union, period_containing(today, kind).previous().code
        ),
        "period_kind": kind,
        "settings": selectors.union_settings(union=union),
        "reminders": selectors.union_reminders(union=union)[:20],
        "credits": selectors.union_credits(union=union),
    }


def _render(
    request: HttpRequest,
    union: Union,
    errors: FormErrors | None = None,
    status: int = 200,
    form: Any = None,
) -> HttpResponse:
    context = {**_context(request, union), "errors": errors or [], "form": form or {}}
    return render(request, "dues/union_page.html", context, status=status)


def _suggested_period(union: Union, code: str) -> str:
    """The period that just ended, unless it is declared already."""
    return "" if selectors.declaration_list(union=union, period=code).exists() else code


def _declare(request: HttpRequest, union: Union) -> str:
    p = request.POST
    if p.get("declaration"):
        decl = get_object_or_404(
            selectors.declaration_list(union=union),
            pk=p["declaration"] if p["declaration"].isdecimal() else 0,
        )
        v = parse(DuesDeclarationCorrectInput, p)
        services.declaration_correct(
            declaration=decl,
            payroll_total=v["payroll_total"],
            headcount=v.get("headcount", decl.headcount),
            reason=v["reason"],
            actor=request.user,
        )
        return _("The declaration was corrected.")
    v = parse(DuesDeclarationInput, p)
    services.declaration_submit(union=union, actor=request.user, **v)
    return _("The declaration was recorded.")


@login_required
def dues_page(request: HttpRequest) -> HttpResponse:
    union = current_union()
    if union is None or not has_role(request.user, FINANCE, *UNION_OFFICERS):
        raise PermissionDenied
    if request.method != "POST":
        return _render(request, union)
    if not has_role(request.user, FINANCE):
        raise PermissionDenied
    try:
        messages.success(request, _declare(request, union))
    except PAGE_ERRORS as exc:
        errors, status = form_errors(exc)
        return _render(request, union, errors, status=status, form=request.POST)
    return redirect("union_dues:page")


@login_required
def notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The union's own dues notice as a PDF (another union's notice is a 404)."""
    union = current_union()
    if union is None or not has_role(request.user, FINANCE, *UNION_OFFICERS):
        raise PermissionDenied
    notice = get_object_or_404(selectors.union_notices(union=union), pk=pk)
    response = HttpResponse(documents.notice_pdf(notice=notice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{notice.number}.pdf"'
    return response
