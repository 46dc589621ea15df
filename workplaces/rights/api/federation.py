"""Federation host: contract coverage and overdue mediation across the township, from
the facts the unions push. No names of people, ever."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import federation_roles
from federation.platform.accounts.roles import FEDERATION_STAFF
from federation.platform.api import page
from workplaces.rights import federation_selectors as selectors

READ = federation_roles(read=FEDERATION_STAFF)


class CoverageCollective(serializers.Serializer):
    status = serializers.CharField()
    ends_on = api_fields.DateField(allow_null=True)


class CoverageRow(serializers.Serializer):
    union = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    collective = CoverageCollective(allow_null=True)
    contracts_in_force = serializers.IntegerField()
    workers_covered = serializers.IntegerField()
    mediation_overdue = serializers.IntegerField()
    highlight = serializers.BooleanField()


class CoverageApi(APIView):
    """``GET /api/v1/rights/contracts/coverage/``: per union ``{"union", "collective":
    {"status", "ends_on"} | null, ...}``."""

    permission_classes = [READ]

    @extend_schema(responses=CoverageRow(many=True))
    def get(self, request: Request) -> Response:
        rows = selectors.coverage_rows()
        wanted = request.query_params.get("status", "")
        if wanted:
            rows = [r for r in rows if r["status"] == wanted]
        return page(request, self, rows, CoverageRow)


class MediationOverdueRow(serializers.Serializer):
    union = serializers.CharField()
    name = serializers.CharField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    received_this_year = serializers.IntegerField()
    settled_this_year = serializers.IntegerField()


class MediationOverdueApi(APIView):
    permission_classes = [READ]

    @extend_schema(responses=MediationOverdueRow(many=True))
    def get(self, request: Request) -> Response:
        everyone = request.query_params.get("all", "") in ("1", "true")
        rows = selectors.mediation_rows(overdue_only=not everyone)
        return page(request, self, rows, MediationOverdueRow)
