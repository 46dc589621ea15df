"""Federation pages of the union funds: the board, a notice, a union's dues, statement import,
remittance, the rule table and organizing targets. Doors: they call services and selectors."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from federation.dues import documents, selectors, services, statements
from federation.dues.models import (
    CollectionMode,
    DuesNotice,
    NoticeStatus,
    OrganizingTarget,
    PeriodKind,
    RemittanceKind,
    StatementImport,
)
from federation.dues.periods import period_containing, period_parse
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_ASSESSOR, FED_DUES, FED_REPORTING, FED_VIEWER
from tenants.context import on_federation_side
from tenants.models import Union

READERS = (FED_DUES, FED_ASSESSOR, FED_REPORTING, FED_VIEWER)


def _errors(exc: ValidationError) -> dict:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


class DuesPage(LoginRequiredMixin, View):
    write_roles: tuple[str, ...] = (FED_DUES,)

    def dispatch(self, request, *args, **kwargs):
        if not on_federation_side():
            raise PermissionDenied
        if request.user.is_authenticated:
            allowed = self.write_roles if request.method == "POST" else READERS
            if not has_role(request.user, *allowed):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _default_period() -> str:
    known = selectors.periods_known()
    if known:
        return known[0]
    today = timezone.localdate()
    return period_containing(today, selectors.policy_in_force(on=today).period_kind).previous().code


def _period_arg(request) -> str:
    raw = request.GET.get("period", "").strip()
    if not raw:
        return _default_period()
    try:
        return period_parse(raw).code
    except ValidationError:
        return _default_period()


class BoardView(DuesPage):
    def get(self, request):
        period = _period_arg(request)
        state = request.GET.get("status", "")
        search = request.GET.get("search", "")[:100]
        notices = selectors.notice_list(
            period=period, status=state if state in NoticeStatus.values else "", search=search
        )
        summary = selectors.dues_period_summary(period=period)
        return render(
            request,
            "dues/board.html",
            {
                "period": period,
                "periods": selectors.periods_known(),
                "notices": notices,
                "summary": summary,
                "statuses": NoticeStatus.choices,
                "filters": {"status": state, "search": search},
                "missing": selectors.missing_declarations(period=period_parse(period)),
                "can_write": has_role(request.user, FED_DUES),
                "collection_pct": summary["collection_rate"] * 100,
            },
        )


class CycleView(DuesPage):
    def post(self, request):
        try:
            result = services.dues_cycle_run(
                period=request.POST.get("period", ""), actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(m for ms in _errors(exc).values() for m in ms))
            return redirect("dues:board")
        messages.success(
            request,
            _(
                "Cycle %(period)s: %(created)s notices issued, %(existing)s already issued, "
                "%(missing)s unions have not declared."
            )
            % {
                "period": result["period"],
                "created": result["notices_created"],
                "existing": result["notices_existing"],
                "missing": len(result["missing_declarations"]),
            },
        )
        return redirect(f"{reverse('dues:board')}?period={result['period']}")


class ExportView(DuesPage):
    def get(self, request):
        period = _period_arg(request)
        data = documents.board_xlsx(period=period, notices=selectors.notice_list(period=period))
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="dues-{period}.xlsx"'
        return response


class NoticeView(DuesPage):
    def _render(self, request, notice, errors=None, status=200):
        return render(
            request,
            "dues/notice.html",
            {
                "notice": notice,
                "history": selectors.notice_history(notice=notice),
                "errors": errors or {},
                "can_write": has_role(request.user, FED_DUES),
                "today": timezone.localdate(),
                "values": request.POST if request.method == "POST" else {},
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(request, get_object_or_404(selectors.notice_list(), pk=pk))

    def post(self, request, pk):
        notice = get_object_or_404(selectors.notice_list(), pk=pk)
        action = request.POST.get("action", "payment")
        try:
            if action == "refund":
                services.refund_record(
                    notice=notice,
                    refunded_on=request.POST.get("refunded_on"),
                    reference=request.POST.get("reference"),
                    actor=request.user,
                )
                messages.success(request, _("The refund was recorded."))
            elif action == "waive":
                services.notice_waive(
                    notice=notice, reason=request.POST.get("reason", ""), actor=request.user
                )
                messages.success(request, _("The notice was waived."))
            else:
                services.payment_record(
                    notice=notice,
                    amount=request.POST.get("amount"),
                    paid_on=request.POST.get("paid_on"),
                    reference=request.POST.get("reference"),
                    actor=request.user,
                )
                messages.success(request, _("The payment was recorded."))
        except services.DuesConflict as exc:
            return self._render(request, notice, exc.detail, status=409)
        except ValidationError as exc:
            return self._render(request, notice, _errors(exc), status=400)
        return redirect("dues:notice", pk=pk)


class UnionDuesView(DuesPage):
    write_roles = ()  # the collection mode is the administrator's

    def _render(self, request, union, errors=None, status=200):
        return render(
            request,
            "dues/union.html",
            {
                "union": union,
                "notices": selectors.union_notices(union=union),
                "declarations": selectors.declaration_list(union=union)[:24],
                "reminders": union.dues_reminders.order_by("-sent_on")[:50],
                "settings": selectors.union_settings(union=union),
                "balance": selectors.union_balance(union=union),
                "modes": [
                    (CollectionMode.FULL, CollectionMode.FULL.label),
                    (CollectionMode.SPLIT, CollectionMode.SPLIT.label),
                ],
                "can_admin": has_role(request.user),
                "errors": errors or {},
            },
            status=status,
        )

    def get(self, request, slug):
        return self._render(request, get_object_or_404(Union, slug=slug, is_federation=False))

    def post(self, request, slug):
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        try:
            services.union_settings_set(
                union=union,
                actor=request.user,
                collection_mode=request.POST.get("collection_mode", ""),
                small_micro=request.POST.get("small_micro") == "on",
                contact_email=request.POST.get("contact_email", ""),
            )
        except ValidationError as exc:
            return self._render(request, union, _errors(exc), status=400)
        messages.success(request, _("The dues settings were saved."))
        return redirect("dues:union", slug=slug)


class ArrearsPdfView(DuesPage):
    def get(self, request, slug):
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        response = HttpResponse(documents.arrears_pdf(union=union), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="arrears-{union.slug}.pdf"'
        return response


class NoticePdfView(DuesPage):
    def get(self, request, pk):
        notice = get_object_or_404(selectors.notice_list(), pk=pk)
        response = HttpResponse(documents.notice_pdf(notice=notice), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{notice.number}.pdf"'
        return response


class StatementUploadView(DuesPage):
    def get(self, request):
        return render(
            request,
            "dues/statement_upload.html",
            {
                "imports": StatementImport.objects.all()[:20],
                "can_write": has_role(request.user, FED_DUES),
            },
        )

    def post(self, request):
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationError({"file": [_("Upload a bank statement (csv or xlsx).")]})
            statement = statements.statement_import(upload=upload, actor=request.user)
        except ValidationError as exc:
            return render(
                request,
                "dues/statement_upload.html",
                {
                    "imports": StatementImport.objects.all()[:20],
                    "errors": _errors(exc),
                    "can_write": True,
                },
                status=400,
            )
        return redirect("dues:statement", pk=statement.pk)


class StatementView(DuesPage):
    def get(self, request, pk):
        statement = get_object_or_404(StatementImport, pk=pk)
        lines = list(statement.lines.select_related("notice__union", "notice__target", "payment"))
        return render(
            request,
            "dues/statement.html",
            {
                "statement": statement,
                "lines": lines,
                "can_write": has_role(request.user, FED_DUES),
                "matched": sum(1 for ln in lines if ln.status == "matched"),
                "unmatched": [ln for ln in lines if ln.status not in ("matched", "recorded")],
            },
        )

    def post(self, request, pk):
        statement = get_object_or_404(StatementImport, pk=pk)
        statements.statement_apply(statement=statement, actor=request.user)
        messages.success(request, _("The matched lines were recorded as payments."))
        return redirect("dues:statement", pk=pk)


class RemittanceView(DuesPage):
    def _render(self, request, period, errors=None, status=200):
        return render(
            request,
            "dues/remittance.html",
            {
                "period": period,
                "periods": selectors.periods_known(),
                "calc": selectors.remittance_for_period(period=period),
                "kinds": RemittanceKind.choices,
                "errors": errors or {},
                "can_write": has_role(request.user, FED_DUES),
                "today": timezone.localdate(),
                "values": request.POST if request.method == "POST" else {},
            },
            status=status,
        )

    def get(self, request):
        return self._render(request, _period_arg(request))

    def post(self, request):
        period = request.POST.get("period", "")
        union = None
        if request.POST.get("union"):
            union = Union.objects.filter(slug=request.POST["union"], is_federation=False).first()
        try:
            services.remittance_record(
                period=period,
                kind=request.POST.get("kind", ""),
                union=union,
                amount=request.POST.get("amount"),
                transferred_on=request.POST.get("transferred_on"),
                reference=request.POST.get("reference"),
                actor=request.user,
            )
        except services.DuesConflict as exc:
            return self._render(request, period, exc.detail, status=409)
        except ValidationError as exc:
            try:
                period = period_parse(period).code
            except ValidationError:
                period = _default_period()
            return self._render(request, period, _errors(exc), status=400)
        messages.success(request, _("The transfer was recorded."))
        return redirect(f"{request.path}?period={period}")


class PolicyView(DuesPage):
    write_roles = ()  # only the federation administrator edits the rule table

    def _render(self, request, errors=None, status=200):
        today = timezone.localdate()
        return render(
            request,
            "dues/policy.html",
            {
                "rows": selectors.policy_list(),
                "current": selectors.policy_in_force(on=today),
                "errors": errors or {},
                "can_admin": has_role(request.user),
                "kinds": PeriodKind.choices,
                "today": today,
                "values": request.POST if request.method == "POST" else {},
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        p = request.POST
        years = [
            y.strip()
            for y in p.get("small_micro_refund_years", "").replace("，", ",").split(",")
            if y.strip()
        ]
        try:
            services.policy_set(
                actor=request.user,
                rate=p.get("rate"),
                upper_share=p.get("upward_share"),
                due_day=p.get("due_day"),
                grace_days=p.get("grace_days"),
                reminder_every_days=p.get("reminder_every_days"),
                effective_from=p.get("effective_from"),
                period_kind=p.get("period") or None,
                city_share=p.get("city_share"),
                small_micro_refund_years=years,
            )
        except ValidationError as exc:
            return self._render(request, _errors(exc), status=400)
        messages.success(request, _("The rule row was saved."))
        return redirect("dues:policy")


class TargetsView(DuesPage):
    def _render(self, request, errors=None, status=200):
        return render(
            request,
            "dues/targets.html",
            {
                "targets": selectors.targets_list(),
                "errors": errors or {},
                "can_write": has_role(request.user, FED_DUES),
                "unions": Union.objects.filter(
                    is_federation=False, organizing_target__isnull=True
                ).order_by("name"),
                "notices": DuesNotice.objects.filter(target__isnull=False).select_related("target")[
                    :100
                ],
                "values": request.POST if request.method == "POST" else {},
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        p = request.POST
        try:
            if p.get("action") == "founded":
                target = get_object_or_404(OrganizingTarget, pk=p.get("target") or 0)
                union = get_object_or_404(Union, slug=p.get("union", ""), is_federation=False)
                services.target_founded(target=target, union=union, actor=request.user)
                messages.success(request, _("The employer now has its union."))
            elif p.get("action") == "declare":
                target = get_object_or_404(OrganizingTarget, pk=p.get("target") or 0)
                services.declaration_submit(
                    target=target,
                    period=p.get("period"),
                    payroll_total=p.get("payroll_total"),
                    headcount=p.get("headcount"),
                    actor=request.user,
                )
                messages.success(request, _("The declaration was recorded."))
            else:
                services.target_create(
                    name=p.get("name", ""),
                    credit_code=p.get("credit_code", ""),
                    contact=p.get("contact", ""),
                    contact_email=p.get("contact_email", ""),
                    employee_count=p.get("employee_count") or 0,
                    actor=request.user,
                )
                messages.success(request, _("The employer was registered."))
        except services.DuesConflict as exc:
            return self._render(request, exc.detail, status=409)
        except ValidationError as exc:
            return self._render(request, _errors(exc), status=400)
        return redirect("dues:targets")
