"""The rule table pages (federation host): every staff member reads, the administrator
adds dated values."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FEDERATION_STAFF
from federation.rules.models import RuleValue
from federation.rules.registry import JSON, Rule, rules_declared
from federation.rules.services import rule_change
from tenants.context import on_federation_side


def value_text(rule: Rule, value: Any) -> str:
    """A value as the change form takes it back: JSON for lists and tables (not Python's
    repr, whose quotes, None and True the form would refuse)."""
    if rule.kind == JSON:
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class RulesView(LoginRequiredMixin, View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not on_federation_side():
            raise PermissionDenied
        if request.user.is_authenticated:
            needed: tuple[str, ...] = () if request.method == "POST" else FEDERATION_STAFF
            if not has_role(request.user, *needed):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request: HttpRequest, errors: dict | None = None, status: int = 200):
        today = timezone.localdate()
        rows: dict[str, list[RuleValue]] = {}
        for row in RuleValue.objects.order_by("key", "-effective_from"):
            rows.setdefault(row.key, []).append(row)
        table = []
        for rule in rules_declared():
            history = rows.get(rule.key, [])
            current = next(
                (
                    r
                    for r in history
                    if r.effective_from <= today
                    and (r.effective_to is None or r.effective_to >= today)
                ),
                None,
            )
            table.append(
                {
                    "rule": rule,
                    "current": current,
                    "current_text": value_text(rule, current.value) if current else None,
                    "history": [
                        {"effective_from": r.effective_from, "text": value_text(rule, r.value)}
                        for r in history
                        if r != current
                    ],
                }
            )
        return render(
            request,
            "rules/list.html",
            {
                "table": table,
                "errors": errors or {},
                "can_admin": has_role(request.user),
                "today": today,
                "values": request.POST if request.method == "POST" else {},
            },
            status=status,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        p = request.POST
        try:
            effective_from = dt.date.fromisoformat(p.get("effective_from", ""))
        except ValueError:
            return self._render(
                request, {_("Effective from"): [_("Enter a valid date.")]}, status=400
            )
        try:
            rule_change(
                key=p.get("key", ""),
                value=p.get("value", ""),
                effective_from=effective_from,
                note=p.get("note", "")[:300],
                actor=request.user,
            )
        except ValidationError as exc:
            return self._render(request, {_("Value"): [m for m in exc.messages]}, status=400)
        return redirect("rules:list")
