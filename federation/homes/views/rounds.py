"""Federation pages of rounds: open one, and its progress grid (with closing)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.homes import selectors, services
from federation.homes.api.inputs import RoundInput
from federation.homes.models import RoundKind, Status
from federation.homes.views.common import Messages, input_errors, service_errors
from federation.homes.views.federation import HomesPage, found
from tenants.selectors import unions_serving


class RoundCreateView(HomesPage):
    def _render(
        self, request: HttpRequest, errors: Messages | None = None, status: int = 200
    ) -> HttpResponse:
        source = request.POST if request.method == "POST" else request.GET
        context = {
            "schemes": selectors.scheme_list(),
            "unions": unions_serving().select_related("rollup"),
            "titled": set(selectors.titles_current().values_list("union_id", flat=True)),
            "kinds": RoundKind.choices,
            "errors": errors or [],
            # a POST shows what was sent; a GET may preselect (the overview's re-check link)
            "form": request.POST if request.method == "POST" else self._preset(request),
            "chosen": set(source.getlist("unions")),
        }
        return render(request, "homes/round_new.html", context, status=status)

    @staticmethod
    def _preset(request: HttpRequest) -> dict[str, str]:
        preset = {}
        if request.GET.get("kind") in RoundKind.values:
            preset["kind"] = request.GET["kind"]
        if request.GET.getlist("unions"):
            preset["scope"] = "chosen"
        return preset

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        p = request.POST
        data: dict[str, Any] = {
            "scheme": p.get("scheme"),
            "title": p.get("title", ""),
            "deadline": p.get("deadline") or None,
            "unions": "all" if p.get("scope") == "all" else p.getlist("unions"),
            "kind": p.get("kind") or RoundKind.NORMAL,
        }
        form = RoundInput(data=data)
        if not form.is_valid():
            return self._render(request, input_errors(form.errors)[0], status=400)
        try:
            rnd = services.round_open(**form.validated_data, actor=request.user)
        except ValidationError as exc:
            return self._render(request, service_errors(exc)[0], status=400)
        count = rnd.assessments.count()
        messages.success(request, _("The round was opened for %(n)s unions.") % {"n": count})
        return redirect("homes:round", pk=rnd.pk)


class RoundView(HomesPage):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        rnd = found(selectors.round_get, pk=pk)
        state = request.GET.get("status", "")
        rows = selectors.round_results(round=rnd)
        if state in Status.values:
            rows = rows.filter(status=state)
        context = {
            "round": rnd,
            "progress": selectors.round_progress(round=rnd),
            "rows": rows,
            "statuses": Status.choices,
            "filter": state,
            "today": timezone.localdate(),
            "can_write": self.can_write(request),
        }
        return render(request, "homes/round.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        services.round_close(round=found(selectors.round_get, pk=pk), actor=request.user)
        messages.success(request, _("The round was closed."))
        return redirect("homes:round", pk=pk)
