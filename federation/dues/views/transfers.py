"""Money pages: bank statement import and matching, and remittance (回拨 / 上解)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import selectors, services, statements
from federation.dues.api.inputs import DuesRemittanceInput, parse
from federation.dues.models import LineStatus, RemittanceKind, StatementImport
from federation.dues.views._base import (
    PAGE_ERRORS,
    DuesPage,
    FormErrors,
    form_errors,
    period_arg,
    period_kind_today,
    period_or_default,
)
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_DUES
from tenants.models import Union


class StatementUploadView(DuesPage):
    def _render(
        self, request: HttpRequest, errors: FormErrors | None = None, status: int = 200
    ) -> HttpResponse:
        context = {
            "imports": StatementImport.objects.all()[:20],
            "errors": errors or [],
            "can_write": has_role(request.user, FED_DUES),
            "max_mb": statements.MAX_BYTES // (1024 * 1024),
            "max_rows": statements.MAX_ROWS,
        }
        return render(request, "dues/statement_upload.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationError(
                    {"file": [_("Upload a bank statement (csv or xlsx).")]}, code="required"
                )
            statement = statements.statement_import(upload=upload, actor=request.user)
        except PAGE_ERRORS as exc:
            errors, status = form_errors(exc)
            return self._render(request, errors, status=status)
        return redirect("dues:statement", pk=statement.pk)


class StatementView(DuesPage):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        statement = get_object_or_404(StatementImport, pk=pk)
        lines = list(statement.lines.select_related("notice__union", "notice__target", "payment"))
        done = (LineStatus.MATCHED, LineStatus.RECORDED)
        return render(
            request,
            "dues/statement.html",
            {
                "statement": statement,
                "lines": lines,
                "can_write": has_role(request.user, FED_DUES),
                "matched": sum(1 for ln in lines if ln.status == LineStatus.MATCHED),
                "unmatched": [ln for ln in lines if ln.status not in done],
            },
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        statement = get_object_or_404(StatementImport, pk=pk)
        statements.statement_apply(statement=statement, actor=request.user)
        messages.success(request, _("The matched lines were recorded as payments."))
        return redirect("dues:statement", pk=pk)


class RemittanceView(DuesPage):
    def _render(
        self,
        request: HttpRequest,
        period: str,
        errors: FormErrors | None = None,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "period": period,
            "periods": selectors.periods_known(),
            "calc": selectors.remittance_for_period(period=period),
            "kinds": RemittanceKind.choices,
            "errors": errors or [],
            "can_write": has_role(request.user, FED_DUES),
            "today": timezone.localdate(),
            "values": request.POST if request.method == "POST" else {},
            "period_kind": period_kind_today(),
        }
        return render(request, "dues/remittance.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, period_arg(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            v = parse(DuesRemittanceInput, request.POST)
            slug = v.pop("union")
            union = Union.objects.filter(slug=slug, is_federation=False).first() if slug else None
            if slug and union is None:
                raise ValidationError({"union": [_("No such union.")]}, code="does_not_exist")
            services.remittance_record(union=union, actor=request.user, **v)
        except PAGE_ERRORS as exc:
            errors, status = form_errors(exc)
            period = period_or_default(request.POST.get("period", ""))
            return self._render(request, period, errors, status=status)
        messages.success(request, _("The transfer was recorded."))
        return redirect(f"{request.path}?period={v['period'].code}")
