"""Federation host: prefill sources and report forms (versions)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import federation_roles
from federation.platform.accounts.roles import FED_REPORTING, FEDERATION_STAFF
from federation.platform.api import page
from federation.reports import selectors, services
from federation.reports.api._common import get_or_404, query
from federation.reports.models import FieldType, ReportForm
from federation.reports.sources import sources_all


class ReportFieldIO(serializers.Serializer):
    key = serializers.CharField(max_length=60)
    label = serializers.CharField(max_length=200)  # type: ignore[assignment]
    type = serializers.ChoiceField(choices=FieldType.values)
    required = serializers.BooleanField(required=False, default=False)  # type: ignore[assignment]
    source = serializers.CharField(  # type: ignore[assignment]
        required=False, allow_blank=True, default="", max_length=80
    )
    choices = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, default=list, max_length=100
    )


class ReportRuleInput(serializers.Serializer):
    """One cross-field rule; which keys it may name is the service's business."""

    kind = serializers.ChoiceField(choices=["lte", "gte", "lt", "gt", "eq", "sum"])
    left = serializers.JSONField(required=False)
    right = serializers.JSONField(required=False)
    parts = serializers.ListField(child=serializers.CharField(max_length=60), required=False)
    total = serializers.CharField(max_length=60, required=False)


def _flatten(detail: Any) -> Any:
    """``{"fields": [{}, {"type": [...]}]}`` -> ``{"fields[1]": [...]}``: the error keys the
    API has always answered with, naming the row that is wrong."""
    if not isinstance(detail, dict):
        return detail
    out: dict[str, Any] = {}
    for key, value in detail.items():
        rows: dict[int, Any] = {}
        if isinstance(value, dict) and all(isinstance(k, int) for k in value):
            rows = value
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            rows = dict(enumerate(value))
        if not rows:
            out[key] = value
        for i, item in rows.items():
            if isinstance(item, dict) and item:
                out[f"{key}[{i}]"] = [
                    f"{k}: {m}" for k, msgs in item.items() for m in _messages(msgs)
                ]
            elif item:  # the item itself refused (``null`` where a rule belongs)
                out[f"{key}[{i}]"] = _messages(item)
    return out


def _messages(msgs: Any) -> list[str]:
    return [str(m) for m in msgs] if isinstance(msgs, list) else [str(msgs)]


class ReportFormInput(serializers.Serializer):
    code = serializers.CharField(max_length=60)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000
    )
    fields = ReportFieldIO(many=True, allow_empty=False, max_length=300)  # type: ignore[assignment,call-arg]
    rules = ReportRuleInput(many=True, required=False, default=list, max_length=300)  # type: ignore[call-arg]

    def to_internal_value(self, data: Any) -> Any:
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(_flatten(exc.detail)) from None


class ReportFormOutput(serializers.ModelSerializer):
    fields = ReportFieldIO(many=True, read_only=True)  # type: ignore[assignment]
    rules = serializers.ListField(child=serializers.DictField(), read_only=True)

    class Meta:
        model = ReportForm
        fields = ["id", "code", "title", "version", "description", "fields", "rules", "created_at"]


class ReportSourceOutput(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class FormListQuery(serializers.Serializer):
    code = serializers.CharField(required=False, allow_blank=True, max_length=60, default="")


class SourceListApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(responses=ReportSourceOutput(many=True))
    def get(self, request: Request) -> Response:
        return page(request, self, list(sources_all()), ReportSourceOutput)


class FormListCreateApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(
        parameters=[OpenApiParameter("code", str, description="every version of this form")],
        responses=ReportFormOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        code = query(request, FormListQuery)["code"]
        qs = selectors.form_versions(code=code) if code else selectors.forms_latest()
        return page(request, self, qs.prefetch_related("fields"), ReportFormOutput)

    @extend_schema(request=ReportFormInput, responses={201: ReportFormOutput})
    def post(self, request: Request) -> Response:
        data = ReportFormInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        form = services.form_save(
            code=v["code"],
            title=v["title"],
            fields=v["fields"],
            rules=[dict(r) for r in v["rules"]],
            description=v["description"],
            actor=request.user,
        )
        return Response(ReportFormOutput(form).data, status=status.HTTP_201_CREATED)


class FormDetailApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(responses=ReportFormOutput)
    def get(self, request: Request, pk: int) -> Response:
        form = get_or_404(ReportForm.objects.prefetch_related("fields"), pk)
        return Response(ReportFormOutput(form).data)
