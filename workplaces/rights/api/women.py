"""/api/v1/rights/women/: the 四期 register, the yearly health check and 三八红旗手
nominations. The women workers' officer and the chair only; every read is audited."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import union_roles
from federation.platform.api import Pagination, page
from workplaces.members.models import Member
from workplaces.rights.api.common import union_object
from workplaces.rights.models import (
    HealthCheck,
    HonourNomination,
    NominationStatus,
    ProtectionKind,
    ProtectionRecord,
)
from workplaces.rights.roles import WOMEN_OFFICERS
from workplaces.rights.services import women as services

WOMEN = union_roles(*WOMEN_OFFICERS)


class WomenEntitlementsOutput(serializers.Serializer):
    stage = serializers.CharField()
    no_night_shift_from = api_fields.DateField(allow_null=True)
    maternity_leave_days = serializers.IntegerField(allow_null=True)
    maternity_leave_until = api_fields.DateField(allow_null=True)
    miscarriage_leave_days = serializers.IntegerField(allow_null=True)
    nursing_minutes_per_day = serializers.IntegerField(allow_null=True)
    nursing_until = api_fields.DateField(allow_null=True)


class WomenRecordOutput(serializers.Serializer):
    id = serializers.IntegerField()
    member = serializers.IntegerField(source="member_id")
    member_name = serializers.CharField(source="member.name")
    kind = serializers.CharField(help_text="menstruation | pregnancy")
    pregnancy_started_on = api_fields.DateField(allow_null=True)
    expected_on = api_fields.DateField(allow_null=True)
    delivered_on = api_fields.DateField(allow_null=True)
    babies = serializers.IntegerField()
    difficult_birth = serializers.BooleanField()
    miscarried_on = api_fields.DateField(allow_null=True)
    started_on = api_fields.DateField(allow_null=True)
    ended_on = api_fields.DateField(allow_null=True)
    note = serializers.CharField()
    entitlements = serializers.SerializerMethodField()

    def get_entitlements(self, obj: ProtectionRecord) -> dict[str, Any]:
        return WomenEntitlementsOutput(services.record_entitlements(obj)).data


class WomenRecordInput(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    kind = serializers.ChoiceField(choices=ProtectionKind.choices)
    pregnancy_started_on = api_fields.DateField(required=False, allow_null=True)
    expected_on = api_fields.DateField(required=False, allow_null=True)
    delivered_on = api_fields.DateField(required=False, allow_null=True)
    babies = serializers.IntegerField(min_value=1, max_value=9, required=False)
    difficult_birth = serializers.BooleanField(required=False)
    miscarried_on = api_fields.DateField(required=False, allow_null=True)
    started_on = api_fields.DateField(required=False, allow_null=True)
    ended_on = api_fields.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class RecordListCreateApi(APIView):
    permission_classes = [WOMEN]

    @extend_schema(responses=WomenRecordOutput(many=True))
    def get(self, request: Request) -> Response:
        pager = Pagination()
        qs = ProtectionRecord.objects.order_by("-created_at", "-id")
        records = pager.paginate_queryset(qs, request, view=self) or []
        ids = [r.pk for r in records]
        rows = services.protection_records_read(
            actor=request.user, records=ProtectionRecord.objects.filter(pk__in=ids)
        )
        rows.sort(key=lambda r: ids.index(r.pk))
        return pager.get_paginated_response(WomenRecordOutput(rows, many=True).data)

    @extend_schema(request=WomenRecordInput, responses={201: WomenRecordOutput})
    def post(self, request: Request) -> Response:
        data = WomenRecordInput(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.protection_record_create(actor=request.user, **data.validated_data)
        return Response(WomenRecordOutput(record).data, status=status.HTTP_201_CREATED)


class RecordDetailApi(APIView):
    permission_classes = [WOMEN]

    @extend_schema(responses=WomenRecordOutput)
    def get(self, request: Request, pk: int) -> Response:
        record = union_object(ProtectionRecord, pk)
        record = services.protection_record_read(record=record, actor=request.user)
        return Response(WomenRecordOutput(record).data)

    @extend_schema(request=WomenRecordInput(partial=True), responses=WomenRecordOutput)
    def patch(self, request: Request, pk: int) -> Response:
        record = union_object(ProtectionRecord, pk)
        data = WomenRecordInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = {k: v for k, v in data.validated_data.items() if k not in ("member", "kind")}
        record = services.protection_record_update(
            record=record, changes=changes, actor=request.user
        )
        return Response(WomenRecordOutput(record).data)


class WomenHealthCheckInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    held_on = api_fields.DateField()
    provider = serializers.CharField(max_length=200, required=False, allow_blank=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    members = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), many=True, allow_empty=True
    )


class WomenHealthCheckOutput(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    held_on = api_fields.DateField()
    provider = serializers.CharField()
    participants = serializers.ListField(child=serializers.IntegerField())


class HealthCheckApi(APIView):
    permission_classes = [WOMEN]

    @extend_schema(request=WomenHealthCheckInput, responses={201: WomenHealthCheckOutput})
    def post(self, request: Request) -> Response:
        data = WomenHealthCheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        check = services.health_check_record(actor=request.user, **data.validated_data)
        members = services.health_check_read(check=check, actor=request.user)
        out = {**vars(check), "id": check.pk, "participants": sorted(m.pk for m in members)}
        return Response(WomenHealthCheckOutput(out).data, status=status.HTTP_201_CREATED)


class HealthCheckDetailApi(APIView):
    permission_classes = [WOMEN]

    @extend_schema(responses=WomenHealthCheckOutput)
    def get(self, request: Request, year: int) -> Response:
        found = HealthCheck.objects.filter(year=year).values_list("pk", flat=True).first()
        check = union_object(HealthCheck, found or 0)
        members = services.health_check_read(check=check, actor=request.user)
        out = {**vars(check), "id": check.pk, "participants": sorted(m.pk for m in members)}
        return Response(WomenHealthCheckOutput(out).data)


class WomenNominationInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    level = serializers.CharField(max_length=50, required=False, allow_blank=True)
    deeds = serializers.CharField(max_length=5000)


class WomenNominationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    member = serializers.IntegerField(source="member_id")
    level = serializers.CharField()
    deeds = serializers.CharField()
    status = serializers.CharField(help_text="nominated | awarded | not_awarded")


class NominationListCreateApi(APIView):
    permission_classes = [WOMEN]

    @extend_schema(responses=WomenNominationOutput(many=True))
    def get(self, request: Request) -> Response:
        return page(request, self, HonourNomination.objects.all(), WomenNominationOutput)

    @extend_schema(request=WomenNominationInput, responses={201: WomenNominationOutput})
    def post(self, request: Request) -> Response:
        data = WomenNominationInput(data=request.data)
        data.is_valid(raise_exception=True)
        n = services.nomination_create(actor=request.user, **data.validated_data)
        return Response(WomenNominationOutput(n).data, status=status.HTTP_201_CREATED)


class WomenNominationDecideInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=NominationStatus.choices)


class NominationDecideApi(APIView):
    permission_classes = [WOMEN]

    @extend_schema(request=WomenNominationDecideInput, responses=WomenNominationOutput)
    def post(self, request: Request, pk: int) -> Response:
        n = union_object(HonourNomination, pk)
        data = WomenNominationDecideInput(data=request.data)
        data.is_valid(raise_exception=True)
        n = services.nomination_decide(
            nomination=n, status=data.validated_data["status"], actor=request.user
        )
        return Response(WomenNominationOutput(n).data)
