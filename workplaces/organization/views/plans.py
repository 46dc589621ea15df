"""Work plans with items and progress, the year's summary, and openness of affairs (厂务公开)
(union host)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.accounts.roles import UNION_OFFICERS
from federation.platform.errors import DomainError
from workplaces.organization import plans, selectors
from workplaces.organization.models import Channel, PlanItem, WorkPlan
from workplaces.organization.pages import errors_of, parse_date, parse_int, required, union_page
from workplaces.organization.views.common import can_manage


@union_page(*UNION_OFFICERS)
def plans_page(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not can_manage(request):
            return HttpResponse(status=403)
        year = parse_int(request.POST.get("year"), "year", errors, lo=2000, hi=2100)
        required(year, "year", errors, _("Enter the year."))
        if not errors:
            assert year is not None
            try:
                plan = plans.plan_create(
                    year=year,
                    title=request.POST.get("title", ""),
                    kind=request.POST.get("kind", "year"),
                    actor=request.user,
                )
            except (ValidationError, DomainError) as exc:
                errors = errors_of(exc)
            else:
                return redirect("organization:plan", pk=plan.pk)
    return render(
        request,
        "organization/plans.html",
        {
            "plans": WorkPlan.objects.prefetch_related("items"),
            "errors": errors,
            "year": timezone.localdate().year,
            "can_manage": can_manage(request),
        },
    )


@union_page(*UNION_OFFICERS)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(WorkPlan, pk=pk)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not can_manage(request):
            return HttpResponse(status=403)
        action = request.POST.get("action")
        try:
            if action == "item":
                due_on = parse_date(request.POST.get("due_on"), "due_on", errors)
                required(due_on, "due_on", errors, _("Enter the due date."))
                if not errors:
                    assert due_on is not None
                    plans.plan_item_add(
                        plan=plan,
                        title=request.POST.get("title", ""),
                        owner=request.POST.get("owner", ""),
                        due_on=due_on,
                        actor=request.user,
                    )
            elif action == "progress":
                item = get_object_or_404(PlanItem, pk=request.POST.get("item"), plan=plan)
                progress = parse_int(request.POST.get("progress"), "progress", errors, hi=100)
                if progress is not None:
                    plans.plan_item_progress(item=item, progress=progress, actor=request.user)
            elif action == "summary":
                plans.plan_summarise(
                    plan=plan, summary=request.POST.get("summary", ""), actor=request.user
                )
        except (ValidationError, DomainError) as exc:
            errors = errors_of(exc)
        if not errors:
            return redirect("organization:plan", pk=plan.pk)
    return render(
        request,
        "organization/plan.html",
        {
            "plan": plan,
            "items": plan.items.all(),
            "errors": errors,
            "today": timezone.localdate(),
            "can_manage": can_manage(request),
        },
    )


@union_page(*UNION_OFFICERS)
def openness_page(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not can_manage(request):
            return HttpResponse(status=403)
        published_on = parse_date(request.POST.get("published_on"), "published_on", errors)
        required(published_on, "published_on", errors, _("Enter the date."))
        if not errors:
            assert published_on is not None
            try:
                plans.openness_publish(
                    title=request.POST.get("title", ""),
                    body=request.POST.get("body", ""),
                    published_on=published_on,
                    channel=request.POST.get("channel", ""),
                    actor=request.user,
                )
            except (ValidationError, DomainError) as exc:
                errors = errors_of(exc)
            else:
                messages.success(request, _("Published."))
                return redirect("organization:openness")
    return render(
        request,
        "organization/openness.html",
        {
            "items": selectors.openness_items()[:200],
            "channels": Channel.choices,
            "errors": errors,
            "today": timezone.localdate(),
            "can_manage": can_manage(request),
        },
    )
