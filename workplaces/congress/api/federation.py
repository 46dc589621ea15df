"""The township's congress overview from the roll-up facts (federation host)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.api import page
from workplaces.congress import selectors
from workplaces.congress.api.common import FED_READ, validated


class OverviewRowSerializer(serializers.Serializer):
    union = serializers.CharField()
    name = serializers.CharField()
    sessions = serializers.IntegerField()
    last_held_on = api_fields.DateField(allow_null=True)
    delegates = serializers.IntegerField(allow_null=True)
    proposals_received = serializers.IntegerField()
    proposals_answered = serializers.IntegerField()


class OverviewQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class OverviewApi(APIView):
    permission_classes = [FED_READ]

    @extend_schema(
        parameters=[OpenApiParameter("year", int)],
        responses={200: OverviewRowSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        data = validated(OverviewQuerySerializer, request.query_params)
        rows = selectors.congress_overview(year=data.get("year") or timezone.localdate().year)
        return page(request, self, rows, OverviewRowSerializer)
