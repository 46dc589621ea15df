"""Federation host: welfare per union from the facts (no names), open hardship files by
number, and the audited action that opens one file."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import federation_roles
from federation.platform.accounts.roles import FEDERATION_STAFF
from federation.platform.api import page
from tenants.models import Union
from workplaces.welfare import federation_side as selectors

READ = federation_roles(read=FEDERATION_STAFF)
OPEN = federation_roles(*FEDERATION_STAFF)


class WelfareRow(serializers.Serializer):
    union = serializers.CharField()
    name = serializers.CharField()
    deep = serializers.IntegerField()
    relative = serializers.IntegerField()
    accident = serializers.IntegerField()
    aid = serializers.CharField()
    visits = serializers.IntegerField()
    visits_amount = serializers.CharField()
    festival = serializers.CharField()
    festival_per_member = serializers.CharField()
    festival_limit = serializers.CharField()
    festival_over = serializers.BooleanField()


class WelfareOverviewApi(APIView):
    permission_classes = [READ]

    @extend_schema(responses=WelfareRow(many=True))
    def get(self, request: Request) -> Response:
        rows = selectors.welfare_rows(year=api_fields.year_query(request))
        return page(request, self, rows, WelfareRow)


class HardshipOpenFileRow(serializers.Serializer):
    file = serializers.IntegerField()
    opened_on = api_fields.DateField()


class UnionFilesApi(APIView):
    permission_classes = [READ]

    @extend_schema(responses=HardshipOpenFileRow(many=True))
    def get(self, request: Request, slug: str) -> Response:
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        return page(request, self, selectors.open_files(union=union), HardshipOpenFileRow)


class HardshipOpenInput(serializers.Serializer):
    union = serializers.SlugField(max_length=40)
    file = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(max_length=500)


class HardshipOpenApi(APIView):
    """``POST /api/v1/welfare/hardship/open/``: one file, with a reason, audited."""

    permission_classes = [OPEN]

    @extend_schema(request=HardshipOpenInput, responses={200: dict})
    def post(self, request: Request) -> Response:
        data = HardshipOpenInput(data=request.data)
        data.is_valid(raise_exception=True)
        v: dict[str, Any] = data.validated_data
        union = get_object_or_404(Union, slug=v["union"], is_federation=False)
        return Response(
            selectors.hardship_file_open(
                union=union, file_id=v["file"], reason=v["reason"], actor=request.user
            )
        )
