"""The union's own profile (with its employee count and that count's history) and its
in-app notices from the federation, on the union host (API.md "Union profile")."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import CHAIR, ORGANIZATION, UNION_OFFICERS, VICE_CHAIR
from federation.platform.api import Pagination, page
from federation.platform.outbox.models import OutboxMessage
from federation.platform.outbox.selectors import notices_for_union
from tenants.context import current_union
from tenants.models import EmployeeCountChange, Union
from tenants.services import employee_count_set
from workplaces.home.models import NoticeRead
from workplaces.home.selectors import _resolvers, notice_resolved
from workplaces.home.services import notice_mark_read

# who keeps the union's registration data up to date on the union side
PROFILE_EDITORS = (CHAIR, VICE_CHAIR, ORGANIZATION)


def _union() -> Union:
    union = current_union()
    assert union is not None
    return union


class UnionProfileSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    credit_code = serializers.CharField()
    employee_count = serializers.IntegerField()
    domain = serializers.SerializerMethodField()

    def get_domain(self, obj: Union) -> str:
        return f"{obj.slug}.{settings.BASE_DOMAIN}"


class UnionProfileInput(serializers.Serializer):
    employee_count = serializers.IntegerField(min_value=0, max_value=10_000_000)
    as_of = api_fields.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class EmployeeCountOutput(serializers.ModelSerializer):
    class Meta:
        model = EmployeeCountChange
        fields = ["count", "previous", "as_of", "changed_at", "changed_by", "side", "note"]


class NoticeSerializer(serializers.ModelSerializer):
    read_at = serializers.SerializerMethodField()
    resolved = serializers.SerializerMethodField()

    class Meta:
        model = OutboxMessage
        fields = ["id", "kind", "subject", "body", "link", "created_at", "read_at", "resolved"]

    def get_read_at(self, obj: OutboxMessage) -> str | None:
        at = self.context.get("read", {}).get(obj.pk)
        return api_fields.DateTimeField().to_representation(at) if at else None

    def get_resolved(self, obj: OutboxMessage) -> bool:
        now = self.context.get("now")
        return bool(now is not None and notice_resolved(obj, now))


def _notice_context(request: Request, messages: list[OutboxMessage]) -> dict[str, Any]:
    read = dict(
        NoticeRead.objects.filter(
            user_id=int(request.user.pk or 0), message_id__in=[m.pk for m in messages]
        ).values_list("message_id", "read_at")
    )
    return {"read": read, "now": _resolvers(_union())}


class UnionProfileApi(APIView):
    """Everyone of the union reads it; the chair, vice chairs and the organization officer
    change the employee count (kept with its history)."""

    permission_classes = [union_roles(*PROFILE_EDITORS)]

    def get_permissions(self) -> Any:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(responses=UnionProfileSerializer)
    def get(self, request: Request) -> Response:
        return Response(UnionProfileSerializer(_union()).data)

    @extend_schema(request=UnionProfileInput, responses=UnionProfileSerializer)
    def patch(self, request: Request) -> Response:
        data = UnionProfileInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        union = employee_count_set(
            union=_union(),
            count=v["employee_count"],
            as_of=v["as_of"],
            note=v["note"],
            side="union",
            actor=request.user,
        )
        return Response(UnionProfileSerializer(union).data)


class EmployeeCountListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=EmployeeCountOutput(many=True))
    def get(self, request: Request) -> Response:
        qs = EmployeeCountChange.objects.filter(union=_union())
        return page(request, self, qs, EmployeeCountOutput)


class NoticeListApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(responses=NoticeSerializer(many=True))
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        notices: Any = paginator.paginate_queryset(
            notices_for_union(union=_union()), request, view=self
        )
        context = _notice_context(request, list(notices))
        return paginator.get_paginated_response(
            NoticeSerializer(notices, many=True, context=context).data
        )


class NoticeDetailApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(responses=NoticeSerializer)
    def get(self, request: Request, pk: int) -> Response:
        notice = get_object_or_404(notices_for_union(union=_union()), pk=pk)
        context = _notice_context(request, [notice])
        return Response(NoticeSerializer(notice, context=context).data)


class NoticeReadApi(APIView):
    """Mark a notice read for the user asking (not for the whole union)."""

    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(request=None, responses=NoticeSerializer)
    def post(self, request: Request, pk: int) -> Response:
        notice = get_object_or_404(notices_for_union(union=_union()), pk=pk)
        notice_mark_read(user=request.user, message_id=notice.pk)
        context = _notice_context(request, [notice])
        return Response(NoticeSerializer(notice, context=context).data)
