"""A notice (payments, refund, waiver) and a union's dues at the federation, with PDFs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import documents, selectors, services
from federation.dues.api.inputs import (
    DuesPaymentInput,
    DuesRefundInput,
    DuesUnionSettingsInput,
    DuesWaiveInput,
    parse,
)
from federation.dues.models import CollectionMode, DuesNotice
from federation.dues.views._base import PAGE_ERRORS, DuesPage, FormErrors, form_errors
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_DUES
from tenants.models import Union


def _notice_action(request: HttpRequest, notice: DuesNotice) -> str:
    """Run the posted action on the notice; returns the success message."""
    action = request.POST.get("action", "payment")
    if action == "refund":
        v = parse(DuesRefundInput, request.POST)
        services.refund_record(notice=notice, actor=request.user, **v)
        return _("The refund was recorded.")
    if action == "waive":
        v = parse(DuesWaiveInput, request.POST)
        services.notice_waive(notice=notice, actor=request.user, **v)
        return _("The notice was waived.")
    v = parse(DuesPaymentInput, request.POST)
    services.payment_record(notice=notice, actor=request.user, **v)
    return _("The payment was recorded.")


class NoticeView(DuesPage):
    def _render(
        self,
        request: HttpRequest,
        notice: DuesNotice,
        errors: FormErrors | None = None,
        status: int = 200,
    ) -> HttpResponse:
        return render(
            request,
            "dues/notice.html",
            {
                "notice": notice,
                "history": selectors.notice_history(notice=notice),
                "errors": errors or [],
                "can_write": has_role(request.user, FED_DUES),
                "today": timezone.localdate(),
                "values": request.POST if request.method == "POST" else {},
            },
            status=status,
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, get_object_or_404(selectors.notice_list(), pk=pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notice = get_object_or_404(selectors.notice_list(), pk=pk)
        try:
            messages.success(request, _notice_action(request, notice))
        except PAGE_ERRORS as exc:
            errors, status = form_errors(exc)
            return self._render(request, notice, errors, status=status)
        return redirect("dues:notice", pk=pk)


class UnionDuesView(DuesPage):
    write_roles = ()  # the collection mode is the administrator's

    def _context(self, union: Union) -> dict[str, Any]:
        return {
            "union": union,
            "notices": selectors.union_notices(union=union),
            "declarations": selectors.declaration_list(union=union)[:24],
            "reminders": union.dues_reminders.order_by("-sent_on")[:50],
            "settings": selectors.union_settings(union=union),
            "balance": selectors.union_balance(union=union),
            "credits": selectors.union_credits(union=union),
            "modes": [
                (CollectionMode.FULL, CollectionMode.FULL.label),
                (CollectionMode.SPLIT, CollectionMode.SPLIT.label),
            ],
        }

    def _render(
        self,
        request: HttpRequest,
        union: Union,
        errors: FormErrors | None = None,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            **self._context(union),
            "can_admin": has_role(request.user),
            "errors": errors or [],
        }
        return render(request, "dues/union.html", context, status=status)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self._render(request, get_object_or_404(Union, slug=slug, is_federation=False))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        try:
            v = parse(DuesUnionSettingsInput, request.POST)
            services.union_settings_set(union=union, actor=request.user, **v)
        except PAGE_ERRORS as exc:
            errors, status = form_errors(exc)
            return self._render(request, union, errors, status=status)
        messages.success(request, _("The dues settings were saved."))
        return redirect("dues:union", slug=slug)


class ArrearsPdfView(DuesPage):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        response = HttpResponse(documents.arrears_pdf(union=union), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="arrears-{union.slug}.pdf"'
        return response


class NoticePdfView(DuesPage):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        notice = get_object_or_404(selectors.notice_list(), pk=pk)
        response = HttpResponse(documents.notice_pdf(notice=notice), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{notice.number}.pdf"'
        return response
