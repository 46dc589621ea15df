"""The dues board of a period, the cycle button and the board's xlsx export."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from federation.dues import documents, selectors, services
from federation.dues.api.inputs import DuesCycleInput, parse
from federation.dues.models import NoticeStatus
from federation.dues.periods import period_parse
from federation.dues.views._base import (
    PAGE_ERRORS,
    DuesPage,
    form_errors,
    period_arg,
    period_kind_today,
)
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_DUES


class BoardView(DuesPage):
    def get(self, request: HttpRequest) -> HttpResponse:
        period = period_arg(request)
        state = request.GET.get("status", "")
        search = request.GET.get("search", "")[:100].replace("\x00", "")
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
                "missing": selectors.missing_declaration_names(period=period_parse(period)),
                "can_write": has_role(request.user, FED_DUES),
                "collection_pct": summary["collection_rate"] * 100,
                "period_kind": period_kind_today(),
            },
        )


class CycleView(DuesPage):
    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            v = parse(DuesCycleInput, request.POST)
            result = services.dues_cycle_run(period=v["period"], actor=request.user)
        except PAGE_ERRORS as exc:
            errors, _status = form_errors(exc)
            for label, msgs in errors:
                messages.error(request, f"{label}：{' '.join(msgs)}" if label else " ".join(msgs))
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
    def get(self, request: HttpRequest) -> HttpResponse:
        period = period_arg(request)
        data = documents.board_xlsx(period=period, notices=selectors.notice_list(period=period))
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="dues-{period}.xlsx"'
        return response
