"""Member pages on a union host, and the federation's page of transfers in flight."""

import functools

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from django.views.decorators.http import require_POST

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_ASSESSOR, FED_DUES, FED_REPORTING, FED_VIEWER
from federation.platform.api import Conflict
from tenants.context import current_union
from tenants.models import TransferStatus
from tenants.selectors import unions_serving
from workplaces.members import applications, groups, importing, selectors, services, transfers
from workplaces.members.api import export_response
from workplaces.members.forms import (
    ApplicationForm,
    GroupForm,
    ImportForm,
    LeaveForm,
    MemberForm,
    TransferForm,
)
from workplaces.members.models import (
    HOLDING_STATUSES,
    ApplicationStatus,
    Employment,
    Gender,
    ImportJob,
    MembershipApplication,
    MemberStatus,
    UnionGroup,
)


def page(*, manage: bool = False):
    """Officers manage; finance reads; a group leader reads their group; others are refused."""

    def deco(view):
        @functools.wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if current_union() is None:
                raise Http404
            allowed = (
                selectors.can_manage(request.user)
                if manage
                else has_role(request.user, *selectors.READERS)
            )
            if not allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return deco


def _filters(request) -> dict:
    g = request.GET
    group = g.get("group", "")
    return {
        "search": g.get("search", "")[:100],
        "status": g.get("status", "") if g.get("status", "") in MemberStatus.values else "",
        "gender": g.get("gender", "") if g.get("gender", "") in Gender.values else "",
        "employment": g.get("employment", "")
        if g.get("employment", "") in Employment.values
        else "",
        "group": int(group) if group.isdigit() else None,
        "member_no": g.get("member_no", "")[:20],
    }


@page()
def member_list(request):
    filters = _filters(request)
    qs = selectors.member_list(user=request.user, **filters)
    paginator = Paginator(qs, 50)
    page_obj = paginator.get_page(request.GET.get("page"))
    visible = selectors.members_visible(user=request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/list.html",
        {
            "page_obj": page_obj,
            "filters": filters,
            "query": query.urlencode(),
            "statuses": MemberStatus.choices,
            "genders": Gender.choices,
            "employments": Employment.choices,
            "groups": selectors.groups_list(user=request.user),
            "counts": selectors.member_counts(qs=visible),
            "dues_total": selectors.dues_monthly_total(qs=visible),
            "filtered_dues_total": selectors.dues_monthly_total(
                qs=selectors.member_list(user=request.user, **filters)
            ),
            "rule": selectors.dues_rule_in_force(),
            "can_manage": selectors.can_manage(request.user),
        },
    )


@page()
def member_export(request, fmt: str):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    qs = selectors.member_list(user=request.user, **_filters(request))
    return export_response(qs, fmt)


@page()
def member_roster(request):
    """The printable roster (花名册) of the filtered list."""
    filters = _filters(request)
    if not filters["status"]:
        filters["status"] = MemberStatus.ACTIVE
    qs = selectors.member_list(user=request.user, **filters)
    return render(
        request,
        "members/roster.html",
        {
            "members": qs,
            "union": current_union(),
            "today": timezone.localdate(),
            "total": selectors.dues_monthly_total(qs=qs),
            "count": qs.count(),
        },
    )


def _member_form_view(request, member=None):
    editing = member is not None
    if request.method == "POST":
        form = MemberForm(request.POST, editing=editing)
        if form.is_valid():
            d = dict(form.cleaned_data)
            if editing:
                d.pop("id_number")
                d["user"] = d["user"].pk if d.get("user") else None
            if d.get("monthly_wage") is None:
                d["monthly_wage"] = 0
            try:
                if editing:
                    member = services.member_update(member=member, actor=request.user, **d)
                    messages.success(request, _("Saved."))
                else:
                    member = services.member_create(actor=request.user, **d)
                    messages.success(
                        request,
                        _("Member %(name)s added, member number %(no)s.")
                        % {"name": member.name, "no": member.member_no},
                    )
                return redirect("members:detail", pk=member.pk)
            except ValidationError as exc:
                form.add_service_errors(exc.message_dict)
            except Conflict as exc:
                form.add_error(None, str(exc.detail))
        status = 400
    else:
        initial = {"joined_on": timezone.localdate(), "employment": "regular"}
        if editing:
            initial = {
                f: getattr(member, f)
                for f in (
                    "name",
                    "id_number",
                    "gender",
                    "phone",
                    "employment",
                    "monthly_wage",
                    "joined_on",
                )
            }
            initial["group"] = member.group_id
            initial["user"] = member.user_id
        form = MemberForm(initial=initial, editing=editing)
        status = 200
    return render(request, "members/form.html", {"form": form, "member": member}, status=status)


@page(manage=True)
def member_create(request):
    return _member_form_view(request)


@page(manage=True)
def member_edit(request, pk: int):
    return _member_form_view(
        request, get_object_or_404(selectors.members_visible(user=request.user), pk=pk)
    )


def _field_label(name: str) -> str:
    from django.core.exceptions import FieldDoesNotExist

    from workplaces.members.models import Member

    try:
        return str(Member._meta.get_field(name.removesuffix("_id")).verbose_name)
    except FieldDoesNotExist:
        return {
            "reason": _("Reason"),
            "transfer_id": _("Transfer"),
            "to_union": _("To union"),
            "from_union": pgettext("transfer", "From"),
        }.get(name, name)


def _labelled(event) -> dict:
    """An audit event with field names in the reader's language, for the member file."""

    def rows(data):
        return (
            [(_field_label(k), v) for k, v in (data or {}).items()]
            if isinstance(data, dict)
            else []
        )

    return {
        "at": event.at,
        "actor_name": event.actor_name,
        "kind": event.get_kind_display(),
        "note": event.note,
        "before": rows(event.before),
        "after": rows(event.after),
    }


@page()
def member_detail(request, pk: int):
    member = get_object_or_404(
        selectors.members_with_dues(
            selectors.members_visible(user=request.user).select_related("group")
        ),
        pk=pk,
    )
    union = current_union()
    return render(
        request,
        "members/detail.html",
        {
            "member": member,
            "timeline": selectors.member_timeline(member=member),
            "audit": [_labelled(a) for a in selectors.member_audit_events(member=member)[:100]],
            "transfers": selectors.transfers_of_member(union=union, member=member),
            "can_manage": selectors.can_manage(request.user),
            "holding": member.status in HOLDING_STATUSES,
            "leave_form": LeaveForm(initial={"on": timezone.localdate()}),
            "transfer_form": TransferForm(unions=unions_serving().exclude(pk=union.pk)),
        },
    )


@login_required
def my_membership(request):
    """A member's own record (their login linked by the organization officer)."""
    if current_union() is None:
        raise Http404
    member = selectors.member_of_user(user=request.user)
    if member is None:
        return render(request, "members/me.html", {"member": None}, status=404)
    return render(
        request,
        "members/me.html",
        {
            "member": member,
            "timeline": selectors.member_timeline(member=member),
        },
    )


@page(manage=True)
@require_POST
def member_leave(request, pk: int):
    member = get_object_or_404(selectors.members_visible(user=request.user), pk=pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        try:
            services.member_leave(member=member, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Departure recorded."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(
            request,
            " ".join(f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items()),
        )
    return redirect("members:detail", pk=member.pk)


@page(manage=True)
@require_POST
def member_reinstate(request, pk: int):
    member = get_object_or_404(selectors.members_visible(user=request.user), pk=pk)
    try:
        services.member_reinstate(
            member=member,
            actor=request.user,
            on=timezone.localdate(),
            reason=request.POST.get("reason", "")[:500] or _("Reinstated"),
        )
        messages.success(request, _("Membership reinstated."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except Conflict as exc:
        messages.error(request, str(exc.detail))
    return redirect("members:detail", pk=member.pk)


@page(manage=True)
@require_POST
def member_transfer(request, pk: int):
    member = get_object_or_404(selectors.members_visible(user=request.user), pk=pk)
    form = TransferForm(request.POST, unions=unions_serving().exclude(pk=current_union().pk))
    if form.is_valid():
        try:
            transfers.transfer_start(member=member, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Transfer started; waiting for the other union to accept."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except Conflict as exc:
            messages.error(request, str(exc.detail))
    else:
        messages.error(request, _("Choose the union to transfer to."))
    return redirect("members:detail", pk=member.pk)


@page(manage=True)
def transfer_list(request):
    union = current_union()
    rows = []
    for t in selectors.transfers_for_union(union=union)[:200]:
        rows.append(
            {
                "t": t,
                "incoming": t.to_union_id == union.pk,
                "details": transfers.transfer_details(t),
            }
        )
    return render(request, "members/transfers.html", {"rows": rows})


@page(manage=True)
@require_POST
def transfer_decide(request, pk: int, action: str):
    try:
        if action == "accept":
            member = transfers.transfer_accept(transfer_id=pk, actor=request.user)
            messages.success(
                request,
                _("Transfer accepted: %(name)s is now member %(no)s.")
                % {"name": member.name, "no": member.member_no},
            )
        elif action == "reject":
            transfers.transfer_reject(
                transfer_id=pk, reason=request.POST.get("reason", "")[:500], actor=request.user
            )
            messages.success(request, _("Transfer rejected."))
        elif action == "cancel":
            transfers.transfer_cancel(transfer_id=pk, actor=request.user)
            messages.success(request, _("Transfer cancelled."))
        else:
            raise Http404
    except transfers.TransferNotFound:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except Conflict as exc:
        messages.error(request, str(exc.detail))
    return redirect("members:transfers")


@page()
def group_list(request):
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    form = GroupForm(users=users)
    if request.method == "POST":
        if not selectors.can_manage(request.user):
            raise PermissionDenied
        form = GroupForm(request.POST, users=users)
        if form.is_valid():
            pk = request.POST.get("group_id", "")
            try:
                if pk.isdigit():
                    group = get_object_or_404(UnionGroup, pk=int(pk))
                    groups.group_update(
                        group=group,
                        name=form.cleaned_data["name"],
                        leader_id=form.cleaned_data["leader"],
                        actor=request.user,
                    )
                else:
                    groups.group_create(
                        name=form.cleaned_data["name"],
                        leader_id=form.cleaned_data["leader"],
                        actor=request.user,
                    )
                messages.success(request, _("Saved."))
                return redirect("members:groups")
            except ValidationError as exc:
                for k, v in exc.message_dict.items():
                    form.add_error(k if k in form.fields else None, v)
    return render(
        request,
        "members/groups.html",
        {
            "groups": selectors.groups_list(user=request.user),
            "form": form,
            "users": users,
            "can_manage": selectors.can_manage(request.user),
        },
    )


@page(manage=True)
def application_list(request):
    form = ApplicationForm()
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        if form.is_valid():
            d = dict(form.cleaned_data)
            if d.get("monthly_wage") is None:
                d["monthly_wage"] = 0
            try:
                applications.application_submit(actor=request.user, **d)
                messages.success(request, _("Application recorded."))
                return redirect("members:applications")
            except ValidationError as exc:
                form.add_service_errors(exc.message_dict)
            except Conflict as exc:
                form.add_error(None, str(exc.detail))
    state = request.GET.get("status", "submitted")
    state = state if state in ApplicationStatus.values else ""
    return render(
        request,
        "members/applications.html",
        {
            "applications": selectors.applications_list(status=state)[:200],
            "form": form,
            "status": state,
            "statuses": ApplicationStatus.choices,
        },
    )


@page(manage=True)
@require_POST
def application_decide(request, pk: int, action: str):
    app = get_object_or_404(MembershipApplication, pk=pk)
    try:
        if action == "approve":
            member = applications.application_approve(application=app, actor=request.user)
            messages.success(
                request, _("Approved: member number %(no)s.") % {"no": member.member_no}
            )
        elif action == "reject":
            applications.application_reject(
                application=app, reason=request.POST.get("reason", "")[:500], actor=request.user
            )
            messages.success(request, _("Application rejected."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except Conflict as exc:
        messages.error(request, str(exc.detail))
    return redirect("members:applications")


@page(manage=True)
def import_page(request):
    form = ImportForm()
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > importing.MAX_UPLOAD_BYTES:
                form.add_error("file", _("The file is larger than 20 MB."))
            else:
                try:
                    job = importing.import_job_create(
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
def import_job(request, pk: int):
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    ctx = {"job": job, "p": importing.import_progress(job)}
    if request.htmx:
        return render(request, "members/_import_progress.html", ctx)
    return render(request, "members/import_job.html", ctx)


@page(manage=True)
def import_template(request):
    from django.http import HttpResponse

    resp = HttpResponse(
        importing.import_template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = 'attachment; filename="member-import-template.xlsx"'
    return resp


class FederationTransfersView(LoginRequiredMixin, View):
    """The federation's page: member transfers in flight, with masked names only."""

    def get(self, request):
        if not has_role(request.user, FED_DUES, FED_ASSESSOR, FED_REPORTING, FED_VIEWER):
            raise PermissionDenied
        state = request.GET.get("status", TransferStatus.PENDING)
        state = state if state in TransferStatus.values else ""
        return render(
            request,
            "members/federation_transfers.html",
            {
                "transfers": selectors.transfers_in_flight(status=state)[:500],
                "status": state,
                "statuses": TransferStatus.choices,
            },
        )
