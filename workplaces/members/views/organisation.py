"""Pages for union groups, applications, the import and transfers; and the federation's
page of transfers in flight."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FEDERATION_STAFF
from federation.platform.errors import DomainError
from tenants.context import current_union
from tenants.models import TransferStatus
from workplaces.members import applications, groups, imports, selectors, transfers
from workplaces.members.api.imports import template_response
from workplaces.members.forms import ApplicationForm, GroupForm, ImportForm
from workplaces.members.masking import can_see_identity, id_number_mask, phone_mask
from workplaces.members.models import (
    ApplicationStatus,
    ImportJob,
    MembershipApplication,
    UnionGroup,
)
from workplaces.members.views.common import page, profile_rows, refusal_to_message


def _group_save(request: HttpRequest, form: GroupForm) -> None:
    pk = request.POST.get("group_id", "")
    name, leader = form.cleaned_data["name"], form.cleaned_data["leader"]
    if pk.isdecimal():
        group = get_object_or_404(UnionGroup, pk=int(pk))
        groups.group_update(group=group, name=name, leader_id=leader, actor=request.user)
    else:
        groups.group_create(name=name, leader_id=leader, actor=request.user)


@page()
def group_list(request: HttpRequest) -> HttpResponse:
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    form = GroupForm(users=users)
    if request.method == "POST":
        if not selectors.can_manage(request.user):
            raise PermissionDenied
        form = GroupForm(request.POST, users=users)
        if form.is_valid():
            try:
                _group_save(request, form)
                messages.success(request, _("Saved."))
                return redirect("members:groups")
            except ValidationError as exc:
                for k, v in exc.message_dict.items():
                    form.add_error(k if k in form.fields else None, v)
    context = {
        "groups": selectors.groups_list(user=request.user),
        "form": form,
        "users": users,
        "can_manage": selectors.can_manage(request.user),
    }
    return render(request, "members/groups.html", context)


@page(manage=True)
def application_list(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm()
    status = 200
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        if form.is_valid():
            d: dict[str, Any] = dict(form.cleaned_data)
            if d.get("monthly_wage") is None:
                d["monthly_wage"] = 0
            try:
                applications.application_submit(actor=request.user, **d)
                messages.success(request, _("Application recorded."))
                return redirect("members:applications")
            except ValidationError as exc:
                form.add_service_errors(exc.message_dict)
            except DomainError as exc:
                form.add_error(None, exc.detail)
        status = 400
    state = request.GET.get("status", "submitted")
    state = state if state in ApplicationStatus.values else ""
    full = can_see_identity(request.user)
    page_obj = Paginator(selectors.applications_list(status=state), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page_obj,
        "query": urlencode({"status": state}),
        "applications": [
            {
                "app": app,
                "id_number": app.id_number if full else id_number_mask(app.id_number),
                "phone": app.phone if full else phone_mask(app.phone),
                "profile": profile_rows(app),
            }
            for app in page_obj
        ],
        "form": form,
        "status": state,
        "statuses": ApplicationStatus.choices,
    }
    return render(request, "members/applications.html", context, status=status)


@page(manage=True)
@require_POST
def application_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    app = get_object_or_404(MembershipApplication, pk=pk)
    if action == "approve":
        member = refusal_to_message(
            request, lambda: applications.application_approve(application=app, actor=request.user)
        )
        if member is not None:
            messages.success(
                request, _("Approved: member number %(no)s.") % {"no": member.member_no}
            )
    elif action == "reject":
        reason = request.POST.get("reason", "")[:500]
        done = refusal_to_message(
            request,
            lambda: applications.application_reject(
                application=app, reason=reason, actor=request.user
            ),
        )
        if done is not None:
            messages.success(request, _("Application rejected."))
    else:
        raise Http404
    return redirect("members:applications")


@page(manage=True)
def import_page(request: HttpRequest) -> HttpResponse:
    form = ImportForm()
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > imports.MAX_UPLOAD_BYTES:
                    raise ValidationError(_("The file is larger than 20 MB."), code="too_large")
                job = imports.import_job_create(
                    content=upload.read(),
                    filename=upload.name,
                    actor=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                    valid_only=form.cleaned_data["valid_only"],
                )
                return redirect("members:import-job", pk=job.pk)
            except ValidationError as exc:
                form.add_error("file", exc.messages)
    jobs = ImportJob.objects.defer("content").order_by("-created_at")[:10]
    return render(request, "members/import.html", {"form": form, "jobs": jobs})


@page(manage=True)
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    ctx = {"job": job, "p": imports.import_progress(job)}
    if getattr(request, "htmx", False):
        return render(request, "members/_import_progress.html", ctx)
    return render(request, "members/import_job.html", ctx)


@page(manage=True)
def import_template(request: HttpRequest) -> HttpResponse:
    return template_response()


@page(manage=True)
def transfer_list(request: HttpRequest) -> HttpResponse:
    union = current_union()
    page_obj = Paginator(selectors.transfers_for_union(union=union), 50).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "t": t,
            "incoming": t.to_union_id == union.pk,
            "details": transfers.transfer_details(t),
        }
        for t in page_obj
    ]
    return render(request, "members/transfers.html", {"rows": rows, "page_obj": page_obj})


@page(manage=True)
@require_POST
def transfer_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action == "accept":
        member = refusal_to_message(
            request, lambda: transfers.transfer_accept(transfer_id=pk, actor=request.user)
        )
        if member is not None:
            messages.success(
                request,
                _("Transfer accepted: %(name)s is now member %(no)s.")
                % {"name": member.name, "no": member.member_no},
            )
    elif action == "reject":
        reason = request.POST.get("reason", "")[:500]
        done = refusal_to_message(
            request,
            lambda: transfers.transfer_reject(transfer_id=pk, reason=reason, actor=request.user),
        )
        if done is not None:
            messages.success(request, _("Transfer rejected."))
    elif action == "cancel":
        done = refusal_to_message(
            request, lambda: transfers.transfer_cancel(transfer_id=pk, actor=request.user)
        )
        if done is not None:
            messages.success(request, _("Transfer cancelled."))
    else:
        raise Http404
    return redirect("members:transfers")


class FederationTransfersView(LoginRequiredMixin, View):
    """The federation's page: member transfers in flight, with masked names only."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not has_role(request.user, *FEDERATION_STAFF):
            raise PermissionDenied
        state = request.GET.get("status", TransferStatus.PENDING)
        state = state if state in TransferStatus.values else ""
        context = {
            "transfers": selectors.transfers_in_flight(status=state)[:500],
            "status": state,
            "statuses": TransferStatus.choices,
        }
        return render(request, "members/federation_transfers.html", context)
