"""What the member API views share: permissions, filters, the export response."""

from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework.negotiation import BaseContentNegotiation

from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import FINANCE, GROUP_LEADER
from tenants.context import current_union
from workplaces.members import exports, selectors
from workplaces.members.masking import can_see_identity, id_number_mask, phone_mask
from workplaces.members.models import Employment, Gender, Member, MemberStatus
from workplaces.members.selectors import MANAGERS

MANAGE = union_roles(*MANAGERS, read=(FINANCE, GROUP_LEADER))
MANAGE_ONLY = union_roles(*MANAGERS)


_SEARCH_MAX = 100
_NO_FILTERS: dict[str, Any] = {
    "search": "",
    "status": "",
    "gender": "",
    "employment": "",
    "group": None,
    "member_no": "",
}


class MemberFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="noop", max_length=_SEARCH_MAX)
    status = django_filters.ChoiceFilter(choices=MemberStatus.choices, method="noop")
    gender = django_filters.ChoiceFilter(choices=Gender.choices, method="noop")
    employment = django_filters.ChoiceFilter(choices=Employment.choices, method="noop")
    group = django_filters.NumberFilter(method="noop", min_value=1)
    member_no = django_filters.CharFilter(method="noop", max_length=20)

    class Meta:
        model = Member
        fields: list[str] = []

    def noop(self, qs: QuerySet[Member], name: str, value: Any) -> QuerySet[Member]:
        return qs


# query parameters that need no form to read: paging, and a search of valid length
_PLAIN_PARAMS = frozenset({"search", "page", "page_size"})


def member_filters(request: Any) -> dict[str, Any]:
    """The list's filters from the query string, validated (400 naming the parameter)."""
    params = request.query_params if hasattr(request, "query_params") else request.GET
    search = params.get("search", "")
    plain = _PLAIN_PARAMS.issuperset(params.keys()) and "\x00" not in search
    if plain and len(search.strip()) <= _SEARCH_MAX:
        # the list and the search box (the hot path): what the form below would clean
        # (a stripped search, no other filter), without building the form each request
        return {**_NO_FILTERS, "search": search.strip()}
    f = MemberFilter(params, queryset=Member.objects.none())
    if not f.is_valid():
        raise ValidationError({k: [str(m) for m in v] for k, v in f.errors.items()})
    d = f.form.cleaned_data
    group = d.get("group")
    return {
        "search": d.get("search") or "",
        "status": d.get("status") or "",
        "gender": d.get("gender") or "",
        "employment": d.get("employment") or "",
        "group": int(group) if group else None,
        "member_no": d.get("member_no") or "",
    }


FILTER_PARAMS = [
    OpenApiParameter(
        "search", str, description="name, member number, phone prefix or full ID number"
    ),
    OpenApiParameter("status", enum=MemberStatus.values),
    OpenApiParameter("gender", enum=Gender.values),
    OpenApiParameter("employment", enum=Employment.values),
    OpenApiParameter("group", int),
    OpenApiParameter("member_no", str),
]


def member_or_404(request: Any, pk: int) -> Member:
    return get_object_or_404(selectors.members_visible(user=request.user), pk=pk)


class IgnoreFormatNegotiation(BaseContentNegotiation):
    """``?format=xlsx`` picks the file type here, not a DRF renderer."""

    def select_parser(self, request: Any, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


def export_response(qs: QuerySet[Member], fmt: str, *, user: Any) -> HttpResponse:
    stamp = timezone.localdate().strftime("%Y%m%d")
    reveal = can_see_identity(user)
    if fmt == "csv":
        content = exports.export_csv(qs, reveal=reveal)
        resp = HttpResponse(content, content_type="text/csv; charset=utf-8")
    else:
        resp = HttpResponse(exports.export_xlsx(qs, reveal=reveal), content_type=exports.XLSX)
    resp["Content-Disposition"] = f'attachment; filename="members-{stamp}.{fmt}"'
    return resp


def member_out(member: Member, request: Any) -> dict[str, Any]:
    """A member with its history, masked as this reader must see it: what
    ``MemberDetailSerializer`` renders (kept equal by a test), shaped by ``member_row``
    (building the model serializer's fields cost ~1.5 ms of every member write)."""
    from workplaces.members.api.serializers import EventSerializer, member_row

    history = list(EventSerializer(selectors.member_timeline(member=member), many=True).data)
    return {**member_row(member, reveal=can_see_identity(request.user)), "history": history}


def registration_response(member: Member, user: Any) -> HttpResponse:
    from workplaces.members.documents import registration_pdf

    reveal = can_see_identity(user)
    member = Member.objects.select_related("group").get(pk=member.pk)
    union = current_union()
    pdf = registration_pdf(
        member=member,
        union_name=union.name if union else "",
        id_number=member.id_number if reveal else id_number_mask(member.id_number),
        phone=member.phone if reveal else phone_mask(member.phone),
    )
    resp = HttpResponse(pdf, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="member-{member.member_no}.pdf"'
    return resp


def flag(request: Any, name: str) -> bool:
    return request.query_params.get(name, "") in ("1", "true", "yes")


def choice_param(request: Any, name: str, values: list[str], default: str = "") -> str:
    value = request.query_params.get(name, default)
    if value and value not in values:
        raise ValidationError(
            {name: [f"Choose one of: {', '.join(values)}."]}, code="invalid_choice"
        )
    return str(value)
