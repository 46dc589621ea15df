"""/api/v1/groups/ and /api/v1/applications/: union groups and admission by application."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.api import page, validated
from workplaces.members import applications, groups, selectors
from workplaces.members.api.common import MANAGE, MANAGE_ONLY, choice_param, member_out
from workplaces.members.api.serializers import (
    ApplicationInputSerializer,
    ApplicationSerializer,
    ApproveSerializer,
    GroupInputSerializer,
    GroupSerializer,
    MemberDetailSerializer,
    ReasonSerializer,
)
from workplaces.members.masking import can_see_identity
from workplaces.members.models import ApplicationStatus, MembershipApplication, UnionGroup


class GroupListCreateApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses=GroupSerializer(many=True))
    def get(self, request: Request) -> Response:
        return page(request, self, selectors.groups_list(user=request.user), GroupSerializer)

    @extend_schema(request=GroupInputSerializer, responses={201: GroupSerializer})
    def post(self, request: Request) -> Response:
        data = validated(GroupInputSerializer, request.data)
        group = groups.group_create(
            name=data["name"], leader_id=data.get("leader"), actor=request.user
        )
        return Response(GroupSerializer(group).data, status=status.HTTP_201_CREATED)


class GroupDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses=GroupSerializer)
    def get(self, request: Request, pk: int) -> Response:
        group = get_object_or_404(selectors.groups_list(user=request.user), pk=pk)
        return Response(GroupSerializer(group).data)

    @extend_schema(request=GroupInputSerializer, responses=GroupSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        group = get_object_or_404(UnionGroup, pk=pk)
        data = validated(GroupInputSerializer, request.data, partial=True)
        group = groups.group_update(
            group=group,
            name=data.get("name", group.name),
            leader_id=data.get("leader", group.leader_id),
            actor=request.user,
        )
        return Response(GroupSerializer(group).data)


def _identity(request: Request) -> dict[str, bool]:
    """The serializer context that shows full ID numbers and phones to those entitled."""
    return {"reveal": can_see_identity(request.user)}


class ApplicationListCreateApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=ApplicationStatus.values)],
        responses=ApplicationSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        state = choice_param(request, "status", ApplicationStatus.values)
        rows = selectors.applications_list(status=state)
        return page(request, self, rows, ApplicationSerializer, context=_identity(request))

    @extend_schema(request=ApplicationInputSerializer, responses={201: ApplicationSerializer})
    def post(self, request: Request) -> Response:
        data = validated(ApplicationInputSerializer, request.data)
        app = applications.application_submit(actor=request.user, **data)
        return Response(
            ApplicationSerializer(app, context=_identity(request)).data,
            status=status.HTTP_201_CREATED,
        )


class ApplicationApproveApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=ApproveSerializer, responses=MemberDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        app = get_object_or_404(MembershipApplication, pk=pk)
        data = validated(ApproveSerializer, request.data)
        member = applications.application_approve(
            application=app, actor=request.user, on=data.get("on")
        )
        return Response(member_out(member, request), status=status.HTTP_201_CREATED)


class ApplicationRejectApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=ReasonSerializer, responses=ApplicationSerializer)
    def post(self, request: Request, pk: int) -> Response:
        app = get_object_or_404(MembershipApplication, pk=pk)
        data = validated(ReasonSerializer, request.data)
        app = applications.application_reject(
            application=app, reason=data.get("reason", ""), actor=request.user
        )
        return Response(ApplicationSerializer(app, context=_identity(request)).data)
