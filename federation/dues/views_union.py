"""The union's own dues page (union host): declarations, notices, payments, balance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import selectors, services
from federation.dues.periods import period_containing
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FINANCE, UNION_OFFICERS
from tenants.context import current_union


def _render(request, union, errors=None, status=200, form=None):
    today = timezone.localdate()
    kind = selectors.policy_in_force(on=today).period_kind
    rollup = _rollup(union)
    return render(
        request,
        "dues/union_page.html",
        {
            "union": union,
            "declarations": selectors.declaration_list(union=union).select_related("notice"),
            "notices": selectors.union_notices(union=union),
            "payments": selectors.union_payments(union=union)[:50],
            "balance": selectors.union_balance(union=union),
            "overdue": selectors.union_dues_overdue(union=union),
            "member_dues": rollup.member_dues_monthly if rollup else None,
            "can_declare": has_role(request.user, FINANCE),
            "errors": errors or {},
            "suggested_period": _suggested_period(
                union, period_containing(today, kind).previous().code
            ),
            "form": form or {},
            "settings": selectors.union_settings(union=union),
            "reminders": selectors.union_reminders(union=union)[:20],
        },
        status=status,
    )


def _suggested_period(union, code: str) -> str:
    """The period that just ended, unless it is declared already."""
    return "" if selectors.declaration_list(union=union, period=code).exists() else code


def _rollup(union):
    from tenants.models import UnionRollup

    return UnionRollup.objects.filter(union=union).first()


@login_required
def dues_page(request):
    union = current_union()
    if union is None or not has_role(request.user, FINANCE, *UNION_OFFICERS):
        raise PermissionDenied
    if request.method != "POST":
        return _render(request, union)
    if not has_role(request.user, FINANCE):
        raise PermissionDenied
    p = request.POST
    try:
        if p.get("declaration"):
            decl = get_object_or_404(selectors.declaration_list(union=union), pk=p["declaration"])
            services.declaration_correct(
                declaration=decl,
                payroll_total=p.get("payroll_total"),
                headcount=p.get("headcount"),
                reason=p.get("reason", ""),
                actor=request.user,
            )
            messages.success(request, _("The declaration was corrected."))
        else:
            services.declaration_submit(
                union=union,
                period=p.get("period"),
                payroll_total=p.get("payroll_total"),
                headcount=p.get("headcount"),
                actor=request.user,
            )
            messages.success(request, _("The declaration was recorded."))
    except services.DuesConflict as exc:
        return _render(request, union, exc.detail, status=409, form=p)
    except ValidationError as exc:
        return _render(request, union, exc.message_dict, status=400, form=p)
    return redirect("union_dues:page")


@login_required
def notice_pdf(request, pk: int):
    """The union's own dues notice as a PDF (another union's notice is a 404)."""
    from django.http import HttpResponse

    from federation.dues.documents import notice_pdf as render_notice

    union = current_union()
    if union is None or not has_role(request.user, FINANCE, *UNION_OFFICERS):
        raise PermissionDenied
    notice = get_object_or_404(selectors.union_notices(union=union), pk=pk)
    response = HttpResponse(render_notice(notice=notice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{notice.number}.pdf"'
    return response
