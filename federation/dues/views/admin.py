"""The administrator's dues rule table and the organizing targets (筹备金 employers)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import selectors, services
from federation.dues.api.inputs import (
    DuesDeclarationInput,
    DuesPolicyInput,
    DuesTargetInput,
    parse,
    policy_args,
)
from federation.dues.models import DuesNotice, OrganizingTarget, PeriodKind
from federation.dues.views._base import (
    PAGE_ERRORS,
    DuesPage,
    FormErrors,
    form_errors,
    period_kind_today,
)
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_DUES
from tenants.models import Union

POLICY_FORM_FIELDS = (
    "rate",
    "upward_share",
    "due_day",
    "grace_days",
    "reminder_every_days",
    "effective_from",
    "period",
    "city_share",
)


def _policy_data(post: QueryDict) -> dict[str, Any]:
    """The policy form as the API's input: blanks left out, refund years as a list."""
    data: dict[str, Any] = {
        k: post.get(k, "") for k in POLICY_FORM_FIELDS if post.get(k, "").strip()
    }
    text = post.get("small_micro_refund_years", "").replace("，", ",")
    data["small_micro_refund_years"] = [y.strip() for y in text.split(",") if y.strip()]
    return data


class PolicyView(DuesPage):
    write_roles = ()  # only the federation administrator edits the rule table

    def _render(
        self, request: HttpRequest, errors: FormErrors | None = None, status: int = 200
    ) -> HttpResponse:
        today = timezone.localdate()
        context = {
            "rows": selectors.policy_list(),
            "current": selectors.policy_in_force(on=today),
            "errors": errors or [],
            "can_admin": has_role(request.user),
            "kinds": PeriodKind.choices,
            "today": today,
            "values": request.POST if request.method == "POST" else {},
        }
        return render(request, "dues/policy.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            v = parse(DuesPolicyInput, _policy_data(request.POST))
            services.policy_set(actor=request.user, **policy_args(v))
        except PAGE_ERRORS as exc:
            errors, status = form_errors(exc)
            return self._render(request, errors, status=status)
        messages.success(request, _("The rule row was saved."))
        return redirect("dues:policy")


def _target_action(request: HttpRequest) -> str:
    p = request.POST
    if p.get("action") == "founded":
        target = get_object_or_404(OrganizingTarget, pk=_pk(p.get("target")))
        union = get_object_or_404(Union, slug=p.get("union", ""), is_federation=False)
        services.target_founded(target=target, union=union, actor=request.user)
        return _("The employer now has its union.")
    if p.get("action") == "declare":
        target = get_object_or_404(OrganizingTarget, pk=_pk(p.get("target")))
        v = parse(DuesDeclarationInput, p)
        services.declaration_submit(target=target, actor=request.user, **v)
        return _("The declaration was recorded.")
    v = parse(DuesTargetInput, p)
    services.target_create(actor=request.user, **v)
    return _("The employer was registered.")


def _pk(value: str | None) -> int:
    return int(value) if value and value.isdecimal() and len(value) < 10 else 0


class TargetsView(DuesPage):
    def _render(
        self, request: HttpRequest, errors: FormErrors | None = None, status: int = 200
    ) -> HttpResponse:
        context = {
            "targets": selectors.targets_list(),
            "errors": errors or [],
            "can_write": has_role(request.user, FED_DUES),
            "unions": Union.objects.filter(
                is_federation=False, organizing_target__isnull=True
            ).order_by("name"),
            "notices": DuesNotice.objects.filter(target__isnull=False).select_related("target")[
                :100
            ],
            "values": request.POST if request.method == "POST" else {},
            "period_kind": period_kind_today(),
        }
        return render(request, "dues/targets.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            messages.success(request, _target_action(request))
        except PAGE_ERRORS as exc:
            errors, status = form_errors(exc)
            return self._render(request, errors, status=status)
        return redirect("dues:targets")
