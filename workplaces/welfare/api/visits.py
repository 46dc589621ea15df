"""/api/v1/welfare/visits/ on a union host (API.md "Welfare"). Doors only."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from federation.platform import api_fields
from federation.platform.accounts.permissions import union_roles
from workplaces.members.models import Member
from workplaces.welfare.models import Visit
from workplaces.welfare.roles import WELFARE_MANAGERS, WELFARE_READERS
from workplaces.welfare.services import visits as services

MANAGE = union_roles(*WELFARE_MANAGERS, read=WELFARE_READERS)


class VisitOutput(serializers.ModelSerializer):
    class Meta:
        model = Visit
        fields = ["id", "member", "reason", "visited_on", "visitors", "amount", "note"]


class VisitInput(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    reason = serializers.CharField(max_length=30)
    visited_on = api_fields.DateField()
    amount = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=Decimal("0.00"), max_value=Decimal("100000.00")
    )
    visitors = serializers.CharField(max_length=200, required=False, allow_blank=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class VisitListCreateApi(ListAPIView):
    permission_classes = [MANAGE]
    serializer_class = VisitOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = Visit.objects.all()
        params = self.request.query_params
        if params.get("member", "").isdecimal():
            qs = qs.filter(member_id=int(params["member"]))
        if params.get("reason"):
            qs = qs.filter(reason=params["reason"][:30])
        if params.get("year", "").isdecimal():
            qs = qs.filter(visited_on__year=int(params["year"]))
        return qs

    @extend_schema(request=VisitInput, responses={201: VisitOutput})
    def post(self, request: Request) -> Response:
        data = VisitInput(data=request.data)
        data.is_valid(raise_exception=True)
        visit = services.visit_record(actor=request.user, **data.validated_data)
        return Response(VisitOutput(visit).data, status=status.HTTP_201_CREATED)
