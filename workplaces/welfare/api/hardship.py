"""/api/v1/welfare/hardship/ on a union host (API.md "Welfare"). Doors only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import union_roles
from workplaces.members.models import Member
from workplaces.rights.api.common import union_object
from workplaces.welfare import selectors
from workplaces.welfare.models import (
    AidKind,
    HardshipAid,
    HardshipCategory,
    HardshipFile,
    ReviewOutcome,
)
from workplaces.welfare.roles import HARDSHIP_MANAGERS
from workplaces.welfare.services import hardship as services

MANAGE = union_roles(*HARDSHIP_MANAGERS)
MONEY_MAX = Decimal("9999999.99")


class HardshipAidOutput(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="cash | goods | schooling | medical")

    class Meta:
        model = HardshipAid
        fields = ["id", "kind", "amount", "given_on", "note"]


class HardshipFileOutput(serializers.Serializer):
    id = serializers.IntegerField()
    member = serializers.IntegerField(source="member_id")
    member_name = serializers.CharField(source="member.name")
    category = serializers.CharField(help_text="deep | relative | accident")
    household_size = serializers.IntegerField()
    household_income = serializers.DecimalField(max_digits=12, decimal_places=2)
    income_per_head = serializers.SerializerMethodField()
    minimum_living_line = serializers.SerializerMethodField()
    below_line = serializers.SerializerMethodField()
    reason = serializers.CharField()
    opened_on = api_fields.DateField()
    notice_from = api_fields.DateField(allow_null=True)
    notice_to = api_fields.DateField(allow_null=True)
    reviewed_on = api_fields.DateField(allow_null=True)
    closed_on = api_fields.DateField(allow_null=True)
    close_reason = serializers.CharField()
    status = serializers.SerializerMethodField()

    def _line(self, obj: HardshipFile) -> dict[str, Any]:
        return selectors.income_against_line(obj)

    def get_income_per_head(self, obj: HardshipFile) -> str:
        return f"{self._line(obj)['per_head']:.2f}"

    def get_minimum_living_line(self, obj: HardshipFile) -> str:
        return f"{self._line(obj)['line']:.2f}"

    def get_below_line(self, obj: HardshipFile) -> bool:
        return bool(self._line(obj)["below"])

    def get_status(self, obj: HardshipFile) -> str:
        return "open" if obj.is_open else "closed"


class HardshipFileInput(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    category = serializers.ChoiceField(choices=HardshipCategory.choices)
    household_size = serializers.IntegerField(min_value=1, max_value=30)
    household_income = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), max_value=MONEY_MAX
    )
    reason = serializers.CharField(max_length=5000)
    opened_on = api_fields.DateField(required=False)
    spouse_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True)
    notice_from = api_fields.DateField(required=False, allow_null=True)
    notice_to = api_fields.DateField(required=False, allow_null=True)


class FileListCreateApi(ListAPIView):
    permission_classes = [MANAGE]
    serializer_class = HardshipFileOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = HardshipFile.objects.select_related("member")
        params = self.request.query_params
        if params.get("status") == "open":
            qs = qs.filter(closed_on__isnull=True)
        elif params.get("status") == "closed":
            qs = qs.filter(closed_on__isnull=False)
        if params.get("category") in HardshipCategory.values:
            qs = qs.filter(category=params["category"])
        return qs

    @extend_schema(request=HardshipFileInput, responses={201: HardshipFileOutput})
    def post(self, request: Request) -> Response:
        data = HardshipFileInput(data=request.data)
        data.is_valid(raise_exception=True)
        file = services.hardship_open(actor=request.user, **data.validated_data)
        return Response(HardshipFileOutput(file).data, status=status.HTTP_201_CREATED)


class FileDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses=HardshipFileOutput)
    def get(self, request: Request, pk: int) -> Response:
        file = union_object(HardshipFile, pk)
        data = dict(HardshipFileOutput(file).data)
        data["aid"] = HardshipAidOutput(file.aid.all(), many=True).data
        return Response(data)


class HardshipAidInput(serializers.Serializer):
    amount = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal("99999999")
    )
    given_on = api_fields.DateField()
    kind = serializers.ChoiceField(choices=AidKind.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class FileAidApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=HardshipAidInput, responses={201: HardshipAidOutput})
    def post(self, request: Request, pk: int) -> Response:
        file = union_object(HardshipFile, pk)
        data = HardshipAidInput(data=request.data)
        data.is_valid(raise_exception=True)
        aid = services.aid_give(file=file, actor=request.user, **data.validated_data)
        return Response(HardshipAidOutput(aid).data, status=status.HTTP_201_CREATED)


class HardshipCloseInput(serializers.Serializer):
    reason = serializers.CharField(max_length=500)
    on = api_fields.DateField()


class FileCloseApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=HardshipCloseInput, responses=HardshipFileOutput)
    def post(self, request: Request, pk: int) -> Response:
        file = union_object(HardshipFile, pk)
        data = HardshipCloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        file = services.hardship_close(file=file, actor=request.user, **data.validated_data)
        return Response(HardshipFileOutput(file).data)


class HardshipReviewInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    reviewed_on = api_fields.DateField()
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    category = serializers.ChoiceField(
        choices=HardshipCategory.choices, required=False, allow_blank=True
    )
    household_income = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=MONEY_MAX,
        required=False,
        allow_null=True,
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class FileReviewApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=HardshipReviewInput, responses={201: HardshipFileOutput})
    def post(self, request: Request, pk: int) -> Response:
        file = union_object(HardshipFile, pk)
        data = HardshipReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.hardship_review(file=file, actor=request.user, **data.validated_data)
        file.refresh_from_db()
        return Response(HardshipFileOutput(file).data, status=status.HTTP_201_CREATED)


class HardshipNoticeInput(serializers.Serializer):
    notice_from = api_fields.DateField()
    notice_to = api_fields.DateField()


class FileNoticeApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=HardshipNoticeInput, responses=HardshipFileOutput)
    def post(self, request: Request, pk: int) -> Response:
        file = union_object(HardshipFile, pk)
        data = HardshipNoticeInput(data=request.data)
        data.is_valid(raise_exception=True)
        file = services.hardship_notice(file=file, actor=request.user, **data.validated_data)
        return Response(HardshipFileOutput(file).data)
