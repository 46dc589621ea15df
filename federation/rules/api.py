"""``/api/v1/rules/``: the rule table, read by staff, changed by the administrator."""

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
from federation.rules.models import RuleValue
from federation.rules.registry import rules_declared
from federation.rules.services import rule_change


class RuleRowOut(serializers.ModelSerializer):
    class Meta:
        model = RuleValue
        fields = ["key", "value", "effective_from", "effective_to", "note", "updated_by"]


class RuleOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    kind = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    rows = RuleRowOut(many=True)


class RuleChangeIn(serializers.Serializer):
    key = serializers.CharField(max_length=80)
    value = serializers.JSONField()
    effective_from = api_fields.DateField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class RuleListApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(responses=RuleOut(many=True))
    def get(self, request: Request) -> Response:
        rows: dict[str, list[RuleValue]] = {}
        for row in RuleValue.objects.order_by("key", "-effective_from"):
            rows.setdefault(row.key, []).append(row)
        data = [
            {
                "key": r.key,
                "label": str(r.label),
                "kind": r.kind,
                "source": r.source,
                "rows": rows.get(r.key, []),
            }
            for r in rules_declared()
        ]
        return page(request, self, data, RuleOut)

    @extend_schema(request=RuleChangeIn, responses={201: RuleRowOut})
    def post(self, request: Request) -> Response:
        data = RuleChangeIn(data=request.data)
        data.is_valid(raise_exception=True)
        row = rule_change(actor=request.user, **data.validated_data)
        return Response(RuleRowOut(row).data, status=201)
