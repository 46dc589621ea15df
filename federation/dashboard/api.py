from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.dashboard.figures import dashboard_api_payload_cached
from federation.platform import api_fields
from federation.platform.accounts.permissions import federation_roles
from federation.platform.accounts.roles import FEDERATION_STAFF
from federation.platform.db import federation_reads

DashboardOut = inline_serializer(
    "DashboardOut",
    {
        "unions": serializers.IntegerField(),
        "members": serializers.IntegerField(),
        "women_members": serializers.IntegerField(),
        "dues": inline_serializer(
            "DashboardDues",
            {
                "period": serializers.CharField(allow_null=True),
                "amount_due": serializers.CharField(),
                "amount_paid": serializers.CharField(),
                "collection_rate": serializers.CharField(),
            },
        ),
        "homes": serializers.DictField(child=serializers.IntegerField()),
        "reports": inline_serializer(
            "DashboardReports",
            {"open_cycles": serializers.IntegerField(), "late": serializers.IntegerField()},
        ),
        "as_of": api_fields.DateTimeField(),
    },
)


class DashboardApi(APIView):
    permission_classes = [federation_roles(*FEDERATION_STAFF)]

    @extend_schema(responses=DashboardOut)
    def get(self, request):
        with federation_reads():
            return Response(dashboard_api_payload_cached())
