"""The register's pages: list, export, roster, a member's file, the form, departures."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from federation.platform.audit.models import AuditEvent
from federation.platform.errors import DomainError
from tenants.context import current_union
from tenants.selectors import unions_serving
from workplaces.members import selectors, services, transfers
from workplaces.members.api.common import export_response, registration_response
from workplaces.members.forms import LeaveForm, MemberForm, TransferForm
from workplaces.members.labels import value_label
from workplaces.members.masking import can_see_identity, id_number_mask, phone_mask
from workplaces.members.models import (
    HOLDING_STATUSES,
    Employment,
    Gender,
    Member,
    MemberStatus,
)
from workplaces.members.profile import PROFILE_FIELDS
from workplaces.members.views.common import list_filters, page, profile_rows, refusal_to_message


@page()
def member_list(request: HttpRequest) -> HttpResponse:
    filters = list_filters(request)
    qs = selectors.member_list(user=request.user, **filters)
    page_obj = Paginator(qs, 50).get_page(request.GET.get("page"))
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
            "filtered_dues_total": selectors.dues_monthly_total(qs=qs),
            "rule": selectors.dues_rule_in_force(),
            "can_manage": selectors.can_manage(request.user),
        },
    )


@page()
def member_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "csv"):
        raise Http404
    qs = selectors.member_list(user=request.user, **list_filters(request))
    return export_response(qs, fmt, user=request.user)


@page()
def member_roster(request: HttpRequest) -> HttpResponse:
    """The printable roster (花名册) of the filtered list, at most the rule
    ``members.roster_max_rows`` members: a longer one is narrowed (group, status) or
    exported."""
    filters = list_filters(request)
    if not filters["status"]:
        filters["status"] = MemberStatus.ACTIVE
    qs = selectors.member_list(user=request.user, **filters)
    count = qs.count()
    cap = selectors.roster_max_rows()
    query = request.GET.copy()
    query.setdefault("status", filters["status"])
    return render(
        request,
        "members/roster.html",
        {
            "members": qs if count <= cap else qs.none(),
            "too_many": count > cap,
            "cap": cap,
            "query": query.urlencode(),
            "union": current_union(),
            "today": timezone.localdate(),
            "total": selectors.dues_monthly_total(qs=qs),
            "count": count,
            "reveal": can_see_identity(request.user),
        },
    )


FORM_FIELDS = (
    "name",
    "id_number",
    "gender",
    "phone",
    "employment",
    "monthly_wage",
    "joined_on",
    *PROFILE_FIELDS,
)


def _form_initial(member: Member | None) -> dict[str, Any]:
    if member is None:
        return {"joined_on": timezone.localdate(), "employment": "regular"}
    initial: dict[str, Any] = {f: getattr(member, f) for f in FORM_FIELDS}
    initial["group"] = member.group_id
    initial["user"] = member.user_id
    return initial


def _form_save(request: HttpRequest, form: MemberForm, member: Member | None) -> Member:
    d = dict(form.cleaned_data)
    if d.get("monthly_wage") is None:
        d["monthly_wage"] = 0
    if member is not None:
        d.pop("id_number")
        d["user"] = d["user"].pk if d.get("user") else None
        member = services.member_update(member=member, actor=request.user, **d)
        messages.success(request, _("Saved."))
        return member
    member = services.member_create(actor=request.user, **d)
    messages.success(
        request,
        _("Member %(name)s added, member number %(no)s.")
        % {"name": member.name, "no": member.member_no},
    )
    return member


def _member_form_view(request: HttpRequest, member: Member | None = None) -> HttpResponse:
    editing = member is not None
    status = 200
    if request.method == "POST":
        form = MemberForm(request.POST, editing=editing)
        if form.is_valid():
            try:
                saved = _form_save(request, form, member)
                return redirect("members:detail", pk=saved.pk)
            except ValidationError as exc:
                form.add_service_errors(exc.message_dict)
            except DomainError as exc:
                form.add_error(None, exc.detail)
        status = 400
    else:
        form = MemberForm(initial=_form_initial(member), editing=editing)
    return render(request, "members/form.html", {"form": form, "member": member}, status=status)


@page(manage=True)
def member_create(request: HttpRequest) -> HttpResponse:
    return _member_form_view(request)


@page(manage=True)
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _member_form_view(
        request, get_object_or_404(selectors.members_visible(user=request.user), pk=pk)
    )


def _field_label(name: str) -> str:
    try:
        field = Member._meta.get_field(name.removesuffix("_id"))
        return str(getattr(field, "verbose_name", name))
    except FieldDoesNotExist:
        return {
            "reason": _("Reason"),
            "transfer_id": _("Transfer"),
            "to_union": _("To union"),
            "from_union": pgettext("transfer", "From"),
        }.get(name, name)


MASKS = {"id_number": id_number_mask, "phone": phone_mask}


def _labelled(event: AuditEvent, *, full: bool) -> dict[str, Any]:
    """An audit event with field names in the reader's language, for the member file; the
    ID number and phone masked as on the rest of the page unless the reader sees them."""

    def shown(key: str, value: Any) -> Any:
        if not full and key in MASKS and isinstance(value, str):
            return MASKS[key](value)
        return value_label(key, value)

    def rows(data: Any) -> list[tuple[str, Any]]:
        if not isinstance(data, dict):
            return []
        return [(_field_label(k), shown(k, v)) for k, v in data.items()]

    return {
        "at": event.at,
        "actor_name": event.actor_name,
        "kind": event.get_kind_display(),
        "note": event.note,
        "before": rows(event.before),
        "after": rows(event.after),
    }


def _member_file(request: HttpRequest, pk: int, *, reveal: bool = False) -> HttpResponse:
    member = get_object_or_404(
        selectors.members_with_dues(
            selectors.members_visible(user=request.user).select_related("group")
        ),
        pk=pk,
    )
    union = current_union()
    full = reveal or can_see_identity(request.user)
    return render(
        request,
        "members/detail.html",
        {
            "member": member,
            "masked": not full,
            "shown_id_number": member.id_number if full else id_number_mask(member.id_number),
            "shown_phone": member.phone if full else phone_mask(member.phone),
            "profile": profile_rows(member),
            "timeline": selectors.member_timeline(member=member),
            "audit": [
                _labelled(a, full=full) for a in selectors.member_audit_events(member=member)[:100]
            ],
            "transfers": selectors.transfers_of_member(union=union, member=member),
            "can_manage": selectors.can_manage(request.user),
            "holding": member.status in HOLDING_STATUSES,
            "leave_form": LeaveForm(initial={"on": timezone.localdate()}),
            "transfer_form": TransferForm(unions=unions_serving().exclude(pk=union.pk)),
        },
    )


@page()
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _member_file(request, pk)


@page()
@require_POST
def member_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's file once with the full ID number and phone (audited)."""
    member = get_object_or_404(selectors.members_visible(user=request.user), pk=pk)
    services.member_reveal(member=member, actor=request.user)
    return _member_file(request, pk, reveal=True)


@page()
def member_registration_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(selectors.members_visible(user=request.user), pk=pk)
    return registration_response(member, request.user)


@login_required
def my_membership(request: HttpRequest) -> HttpResponse:
    """A member's own record (their login linked by the organization officer)."""
    if current_union() is None:
        raise Http404
    member = selectors.member_of_user(user=request.user)
    if member is None:
        return render(request, "members/me.html", {"member": None}, status=404)
    context = {
        "member": member,
        "profile": profile_rows(member),
        "timeline": selectors.member_timeline(member=member),
    }
    return render(request, "members/me.html", context)


@page(manage=True)
@require_POST
def member_leave(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(selectors.members_visible(user=request.user), pk=pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        done = refusal_to_message(
            request,
            lambda: services.member_leave(member=member, actor=request.user, **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, _("Departure recorded."))
    else:
        messages.error(
            request,
            " ".join(
                f"{form.fields[k].label}: {' '.join(str(m) for m in v)}"
                for k, v in form.errors.items()
            ),
        )
    return redirect("members:detail", pk=member.pk)


@page(manage=True)
@require_POST
def member_reinstate(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(selectors.members_visible(user=request.user), pk=pk)
    done = refusal_to_message(
        request,
        lambda: services.member_reinstate(
            member=member,
            actor=request.user,
            on=timezone.localdate(),
            reason=request.POST.get("reason", "")[:500] or _("Reinstated"),
        ),
    )
    if done is not None:
        messages.success(request, _("Membership reinstated."))
    return redirect("members:detail", pk=member.pk)


@page(manage=True)
@require_POST
def member_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(selectors.members_visible(user=request.user), pk=pk)
    form = TransferForm(request.POST, unions=unions_serving().exclude(pk=current_union().pk))
    if form.is_valid():
        done = refusal_to_message(
            request,
            lambda: transfers.transfer_start(
                member=member, actor=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Transfer started; waiting for the other union to accept."))
    else:
        messages.error(request, _("Choose the union to transfer to."))
    return redirect("members:detail", pk=member.pk)
