"""/api/v1/members/: the register (API.md "Members"). Doors only."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import FINANCE
from federation.platform.api import page, validated
from federation.platform.errors import NotFoundError
from workplaces.members import selectors, services
from workplaces.members.api.common import (
    FILTER_PARAMS,
    MANAGE,
    MANAGE_ONLY,
    IgnoreFormatNegotiation,
    export_response,
    member_filters,
    member_or_404,
    member_out,
    registration_response,
)
from workplaces.members.api.serializers import (
    LIST_VALUES,
    DuesRuleInputSerializer,
    LeaveSerializer,
    MemberDetailSerializer,
    MemberInputSerializer,
    MemberOutputSerializer,
    MemberUpdateSerializer,
    member_row_of_values,
)
from workplaces.members.masking import can_see_identity
from workplaces.members.selectors import MANAGERS


class MemberListCreateApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(parameters=FILTER_PARAMS, responses=MemberOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        qs = selectors.member_list(user=request.user, with_dues=False, **member_filters(request))
        rule = selectors.dues_rule_in_force()
        # the same fields as MemberOutputSerializer, built directly from the rows' values: a
        # list page is the hot path
        reveal = can_see_identity(request.user)
        rows = qs.values(*LIST_VALUES)
        tz = timezone.get_current_timezone()  # once, not twice per row
        return page(
            request,
            self,
            rows,
            lambda v: member_row_of_values(v, rule=rule, reveal=reveal, tz=tz),
        )

    @extend_schema(request=MemberInputSerializer, responses={201: MemberDetailSerializer})
    def post(self, request: Request) -> Response:
        data = validated(MemberInputSerializer, request.data)
        member = services.member_create(actor=request.user, **data)
        return Response(member_out(member, request), status=status.HTTP_201_CREATED)


class MemberDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses=MemberDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        member = member_or_404(request, pk)
        return Response(member_out(member, request))

    @extend_schema(request=MemberUpdateSerializer, responses=MemberDetailSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        member = member_or_404(request, pk)
        data = validated(MemberUpdateSerializer, request.data, partial=True)
        member = services.member_update(member=member, actor=request.user, **data)
        return Response(member_out(member, request))


class MyMembershipApi(APIView):
    """A member's own record, for whoever's login is linked to it."""

    @extend_schema(responses=MemberDetailSerializer)
    def get(self, request: Request) -> Response:
        member = selectors.member_of_user(user=request.user)
        if member is None:
            raise NotFoundError("No member record is linked to this login.")
        # one's own record, in full
        return Response(MemberDetailSerializer(member, context={"reveal": True}).data)


class MemberLeaveApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=LeaveSerializer, responses=MemberDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        member = member_or_404(request, pk)
        data = validated(LeaveSerializer, request.data)
        member = services.member_leave(
            member=member,
            actor=request.user,
            status=data["status"],
            on=data.get("on"),
            reason=data["reason"],
        )
        return Response(member_out(member, request))


class MemberRevealApi(APIView):
    """The full ID number and phone of one member, for a reader who sees them masked;
    every reveal is audited (who, when, whose). Any reader of the member may ask."""

    permission_classes = [union_roles(*selectors.READERS)]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request, pk: int) -> Response:
        member = member_or_404(request, pk)
        shown = services.member_reveal(member=member, actor=request.user)
        return Response(shown)


class MemberRegistrationPdfApi(APIView):
    """会员登记表 (PDF), with the ID number and phone as this reader may see them."""

    permission_classes = [MANAGE]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> HttpResponse:
        return registration_response(member_or_404(request, pk), request.user)


class MemberExportApi(APIView):
    permission_classes = [MANAGE]
    content_negotiation_class = IgnoreFormatNegotiation

    @extend_schema(
        parameters=[OpenApiParameter("format", enum=["xlsx", "csv"]), *FILTER_PARAMS],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request) -> Any:
        fmt = request.query_params.get("format", "xlsx")
        if fmt not in ("xlsx", "csv"):
            raise ValidationError({"format": ["Choose xlsx or csv."]}, code="invalid_choice")
        qs = selectors.member_list(user=request.user, **member_filters(request))
        return export_response(qs, fmt, user=request.user)


class DuesSummaryApi(APIView):
    """The member dues rule in force and the union's monthly total; the chair or the finance
    officer adds a new rule row from a date (the previous one ends the day before)."""

    permission_classes = [union_roles(FINANCE, read=MANAGERS)]

    @extend_schema(request=DuesRuleInputSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request: Request) -> Response:
        data = validated(DuesRuleInputSerializer, request.data)
        services.dues_rule_set(actor=request.user, **data)
        return Response(self._summary(), status=status.HTTP_201_CREATED)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        return Response(self._summary())

    def _summary(self) -> dict[str, Any]:
        rule = selectors.dues_rule_in_force()
        counts = selectors.member_counts()
        return {
            "rate": f"{rule.rate:.4f}",
            "floor_unit": f"{rule.floor_unit:.2f}",
            "effective_from": rule.effective_from.isoformat(),
            "members_paying": counts["active"],
            "monthly_total": f"{selectors.dues_monthly_total():.2f}",
        }
