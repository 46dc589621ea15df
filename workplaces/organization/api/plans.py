"""Work plans with items and progress, the year's summary, and openness of affairs (厂务公开)
(union host)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.api import page
from workplaces.organization import plans, selectors
from workplaces.organization.api.common import MANAGE, validated
from workplaces.organization.models import Channel, OpennessItem, PlanItem, PlanKind, WorkPlan


class PlanItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanItem
        fields = ["id", "title", "owner", "due_on", "progress", "done_on"]


class PlanSerializer(serializers.ModelSerializer):
    items = PlanItemSerializer(many=True, read_only=True)

    class Meta:
        model = WorkPlan
        fields = ["id", "kind", "year", "title", "summary", "summary_on", "items"]


class PlanInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PlanKind.choices, default=PlanKind.YEAR)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)


class PlanItemInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    owner = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    due_on = api_fields.DateField()


class ProgressSerializer(serializers.Serializer):
    progress = serializers.IntegerField(min_value=0, max_value=100)


class SummarySerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=20000)


class PlansApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: PlanSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return page(request, self, WorkPlan.objects.prefetch_related("items"), PlanSerializer)

    @extend_schema(request=PlanInSerializer, responses={201: PlanSerializer})
    def post(self, request: Request) -> Response:
        plan = plans.plan_create(actor=request.user, **validated(PlanInSerializer, request.data))
        return Response(PlanSerializer(plan).data, status=status.HTTP_201_CREATED)


class PlanItemsApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=PlanItemInSerializer, responses={201: PlanItemSerializer})
    def post(self, request: Request, pk: int) -> Response:
        plan = get_object_or_404(WorkPlan, pk=pk)
        data = validated(PlanItemInSerializer, request.data)
        item = plans.plan_item_add(plan=plan, actor=request.user, **data)
        return Response(PlanItemSerializer(item).data, status=status.HTTP_201_CREATED)


class PlanSummaryApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=SummarySerializer, responses={200: PlanSerializer})
    def post(self, request: Request, pk: int) -> Response:
        plan = get_object_or_404(WorkPlan, pk=pk)
        data = validated(SummarySerializer, request.data)
        return Response(
            PlanSerializer(plans.plan_summarise(plan=plan, actor=request.user, **data)).data
        )


class PlanItemProgressApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=ProgressSerializer, responses={200: PlanItemSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        item = get_object_or_404(PlanItem, pk=pk)
        data = validated(ProgressSerializer, request.data)
        item = plans.plan_item_progress(item=item, actor=request.user, **data)
        return Response(PlanItemSerializer(item).data)


class OpennessSerializer(serializers.ModelSerializer):
    class Meta:
        model = OpennessItem
        fields = ["id", "title", "body", "published_on", "channel", "created_by"]


class OpennessInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    published_on = api_fields.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)


class OpennessApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: OpennessSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return page(request, self, selectors.openness_items(), OpennessSerializer)

    @extend_schema(request=OpennessInSerializer, responses={201: OpennessSerializer})
    def post(self, request: Request) -> Response:
        data = validated(OpennessInSerializer, request.data)
        item = plans.openness_publish(actor=request.user, **data)
        return Response(OpennessSerializer(item).data, status=status.HTTP_201_CREATED)
