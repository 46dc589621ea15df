"""Pages of the audit committee (经审) and the member dues ledger (会费)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from federation.platform import form_fields
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import AUDIT, FINANCE, ORGANIZATION
from workplaces.activities.pages import run, union_page
from workplaces.finance import dues_ledger, review, selectors
from workplaces.finance.models import AuditFinding, MemberDues, ReviewKind
from workplaces.members.models import Member

DATE = forms.DateInput(attrs={"type": "date"})


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ReviewKind.choices)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    reviewed_on = form_fields.DateField(label=gettext_lazy("Reviewed on"), widget=DATE)
    conclusion = forms.CharField(
        label=gettext_lazy("Conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    finding = forms.CharField(
        label=gettext_lazy("Finding (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsible = forms.CharField(
        label=gettext_lazy("Responsible person"), max_length=100, required=False
    )
    deadline = form_fields.DateField(label=gettext_lazy("Rectify by"), required=False, widget=DATE)

    def clean(self):
        data = super().clean() or {}
        if data.get("finding") and not (data.get("responsible") and data.get("deadline")):
            raise forms.ValidationError(_("A finding names the responsible person and a deadline."))
        return data


@union_page
def audit_page(request):
    if not selectors.can_read(request.user):
        raise PermissionDenied
    can_review = has_role(request.user, AUDIT)
    form = ReviewForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            finding = {
                "description": data.pop("finding"),
                "responsible": data.pop("responsible"),
                "deadline": data.pop("deadline"),
            }
            data["findings"] = [finding] if finding["description"] else []
            if run(request, review.review_create, ok=_("Review recorded."), **data):
                return redirect("finance:audit")
    return render(
        request,
        "finance/audit.html",
        {
            "reviews": selectors.reviews_list()[:100],
            "open": selectors.findings_open(),
            "form": form if can_review else None,
            "can_review": can_review,
            "today": timezone.localdate(),
        },
    )


@require_POST
@union_page
def finding_close(request, pk: int):
    finding = get_object_or_404(AuditFinding, pk=pk)
    run(
        request,
        review.finding_close,
        ok=_("Finding closed."),
        finding=finding,
        closed_on=timezone.localdate(),
        rectification=request.POST.get("rectification", "")[:5000],
    )
    return redirect("finance:audit")


def _month(raw: str) -> dt.date:
    try:
        year, month = raw.split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        return dues_ledger.month_add(timezone.localdate().replace(day=1), -1)


@union_page
def dues_page(request):
    if not has_role(request.user, FINANCE, AUDIT, ORGANIZATION):
        raise PermissionDenied
    month = _month(request.GET.get("month", "") or request.POST.get("month", ""))
    if request.method == "POST":
        if not has_role(request.user, FINANCE):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "generate":
            run(request, dues_ledger.dues_month_generate, ok=_("Month generated."), month=month)
        elif action == "collect":
            run(
                request,
                dues_ledger.dues_collect,
                ok=_("Dues collected."),
                month=month,
                reference=request.POST.get("reference", "").strip()[:64] or f"PAYROLL-{month:%Y%m}",
                paid_on=timezone.localdate(),
                items=None,
            )
        elif action == "decide" and request.POST.get("member", "").isdecimal():
            member = get_object_or_404(Member, pk=int(request.POST["member"]))
            run(
                request,
                dues_ledger.unpaid_decision_record,
                ok=_("Decision recorded."),
                member=member,
                decided_on=timezone.localdate(),
                decision=request.POST.get("decision", "")[:300] or "—",
            )
        return redirect(f"{request.path}?month={month:%Y-%m}")
    rows = (
        MemberDues.objects.filter(month=month)
        .select_related("member")
        .order_by("member__member_no")
    )
    return render(
        request,
        "finance/dues.html",
        {
            "month": month,
            # by pages: a month of a large register is thousands of rows (it stopped at 2,000)
            "page_obj": Paginator(rows, 100).get_page(request.GET.get("page")),
            "query": f"month={month:%Y-%m}",
            "unpaid": dues_ledger.unpaid_streaks(upto=month),
            "limit": dues_ledger.rule_value("finance.member_dues_unpaid_months", on=month),
            "can_write": has_role(request.user, FINANCE),
        },
    )
