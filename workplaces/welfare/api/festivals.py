"""/api/v1/welfare/festivals/: festival goods with the member list and receipts."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import union_roles
from workplaces.members.models import Member
from workplaces.rights.api.common import body_size_check, union_object
from workplaces.welfare import selectors
from workplaces.welfare.models import FestivalDistribution
from workplaces.welfare.roles import WELFARE_MANAGERS, WELFARE_READERS
from workplaces.welfare.services import festivals as services

MANAGE = union_roles(*WELFARE_MANAGERS, read=WELFARE_READERS)


class FestivalReceiptOutput(serializers.Serializer):
    member = serializers.IntegerField(source="member_id")
    member_no = serializers.CharField(source="member.member_no")
    name = serializers.CharField(source="member.name")
    signed_on = api_fields.DateField(allow_null=True)
    via = serializers.CharField()


class FestivalOutput(serializers.Serializer):
    id = serializers.IntegerField()
    festival = serializers.CharField()
    year = serializers.IntegerField()
    distributed_on = api_fields.DateField()
    goods = serializers.CharField()
    amount_per_head = serializers.DecimalField(max_digits=10, decimal_places=2)
    recipients = serializers.IntegerField(source="recipients_count", default=None)
    missing = serializers.IntegerField(source="missing_count", default=None)


class FestivalInput(serializers.Serializer):
    festival = serializers.CharField(max_length=50)
    distributed_on = api_fields.DateField()
    amount_per_head = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=Decimal("0"), max_value=Decimal("100000")
    )
    goods = serializers.CharField(max_length=300, required=False, allow_blank=True)
    members = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), many=True, allow_empty=False
    )


class FestivalListCreateApi(ListAPIView):
    permission_classes = [MANAGE]
    serializer_class = FestivalOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = selectors.festivals_with_counts()
        year = api_fields.year_query(self.request)
        return qs if year is None else qs.filter(year=year)

    @extend_schema(request=FestivalInput, responses={201: FestivalOutput})
    def post(self, request: Request) -> Response:
        data = FestivalInput(data=request.data)
        data.is_valid(raise_exception=True)
        dist = services.festival_distribute(actor=request.user, **data.validated_data)
        dist = selectors.festivals_with_counts().get(pk=dist.pk)
        return Response(FestivalOutput(dist).data, status=status.HTTP_201_CREATED)


class FestivalDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses=FestivalOutput)
    def get(self, request: Request, pk: int) -> Response:
        union_object(FestivalDistribution, pk)
        dist = selectors.festivals_with_counts().get(pk=pk)
        data = dict(FestivalOutput(dist).data)
        data["receipts"] = FestivalReceiptOutput(selectors.receipts(dist), many=True).data
        data["missing_receipts"] = FestivalReceiptOutput(
            selectors.receipts(dist, missing=True), many=True
        ).data
        return Response(data)


class FestivalSignInput(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    signed_on = api_fields.DateField()


class ReceiptSignApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=FestivalSignInput, responses=FestivalReceiptOutput)
    def post(self, request: Request, pk: int) -> Response:
        dist = union_object(FestivalDistribution, pk)
        data = FestivalSignInput(data=request.data)
        data.is_valid(raise_exception=True)
        receipt = services.receipt_sign(
            distribution=dist, actor=request.user, **data.validated_data
        )
        return Response(FestivalReceiptOutput(receipt).data)


class FestivalImportInput(serializers.Serializer):
    file = serializers.FileField()


class ReceiptImportApi(APIView):
    """A signed list (csv or xlsx: member number, signed date), bounded before reading."""

    permission_classes = [MANAGE]
    parser_classes = [MultiPartParser]

    @extend_schema(request=FestivalImportInput, responses={200: dict})
    def post(self, request: Request, pk: int) -> Response:
        dist = union_object(FestivalDistribution, pk)
        body_size_check(request, limit=services.IMPORT_MAX_BYTES)
        data = FestivalImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        n = services.receipts_import(
            distribution=dist, upload=data.validated_data["file"], actor=request.user
        )
        return Response({"signed": n}, status=status.HTTP_200_OK)
