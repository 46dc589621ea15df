"""Federation host: report cycles, their status grid, totals and xlsx export."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import federation_roles
from federation.platform.accounts.roles import FED_REPORTING, FEDERATION_STAFF
from federation.platform.api import page
from federation.reports import exports, selectors, services
from federation.reports import rules as R
from federation.reports.api._common import XLSX, FormatParamIsOurs, get_or_404, query
from federation.reports.models import Cycle, CycleStatus, ReportForm, SubmissionStatus


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class FormRefField(serializers.Field):
    """A form by id, or by code (its newest version)."""

    default_error_messages = {"unknown": _("Unknown form.")}

    def to_internal_value(self, data: Any) -> ReportForm:
        form = selectors.form_resolve(ref=data)
        if form is None:
            self.fail("unknown")
        return form

    def to_representation(self, value: Any) -> Any:
        return value.pk if isinstance(value, ReportForm) else value


class PeriodField(serializers.CharField):
    """YYYY, YYYY-Qn, YYYY-Hn or YYYY-MM (API.md conventions)."""

    def to_internal_value(self, data: Any) -> str:
        text = super().to_internal_value(data)
        try:
            return R.period_validate(text)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict["period"]) from None


@extend_schema_field({"oneOf": [{"type": "string", "enum": ["all"]}, {"type": "array"}]})
class UnionsField(serializers.Field):
    """``"all"`` or a list of union slugs."""

    default_error_messages = {"invalid": _('Send "all" or a list of union slugs.')}

    def to_internal_value(self, data: Any) -> str | list[str]:
        if data == "all":
            return "all"
        if (
            not isinstance(data, list)
            or not data
            or not all(isinstance(s, str) and s and "\x00" not in s for s in data)
        ):
            self.fail("invalid")
        return [s[:40] for s in data]

    def to_representation(self, value: Any) -> Any:
        return value


class ReportCycleInput(serializers.Serializer):
    form = FormRefField(help_text="form id, or code (its newest version)")
    period = PeriodField(max_length=10)
    due_date = api_fields.DateField()
    unions = UnionsField(help_text='"all" or a list of union slugs')


class ReportUnionsInput(serializers.Serializer):
    unions = UnionsField(help_text='"all" or a list of union slugs')


class ReportCycleOutput(serializers.ModelSerializer):
    form_code = serializers.CharField(source="form.code")
    form_title = serializers.CharField(source="form.title")
    form_version = serializers.IntegerField(source="form.version")
    expected = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Cycle
        fields = [
            "id",
            "form",
            "form_code",
            "form_title",
            "form_version",
            "period",
            "due_date",
            "status",
            "opened_by",
            "opened_at",
            "closed_at",
            "expected",
        ]


class ReportStatusRow(serializers.Serializer):
    id = serializers.IntegerField()
    union = serializers.CharField()
    union_name = serializers.CharField()
    status = serializers.CharField()
    submitted_at = api_fields.DateTimeField(allow_null=True)
    late = serializers.BooleanField()
    comment = serializers.CharField()


class ReportAggregateOutput(serializers.Serializer):
    submitted = serializers.IntegerField()
    expected = serializers.IntegerField()
    totals = serializers.DictField(child=serializers.JSONField())
    counts = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))


class CycleListQuery(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=CycleStatus.values, required=False, allow_blank=True, default=""
    )


class CycleStatusQuery(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[*SubmissionStatus.values, "late"], required=False, allow_blank=True, default=""
    )


class ExportQuery(serializers.Serializer):
    format = serializers.ChoiceField(choices=["xlsx"], required=False, default="xlsx")


def _cycle_out(cycle: Cycle) -> dict[str, Any]:
    return dict(ReportCycleOutput(selectors.cycle_list().get(pk=cycle.pk)).data)


class CycleListCreateApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=CycleStatus.values)],
        responses=ReportCycleOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        state = query(request, CycleListQuery)["status"]
        return page(request, self, selectors.cycle_list(status=state), ReportCycleOutput)

    @extend_schema(request=ReportCycleInput, responses={201: ReportCycleOutput})
    def post(self, request: Request) -> Response:
        data = ReportCycleInput(data=request.data)
        data.is_valid(raise_exception=True)
        cycle = services.cycle_open(**data.validated_data, actor=request.user)
        return Response(_cycle_out(cycle), status=status.HTTP_201_CREATED)


class CycleDetailApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(responses=ReportCycleOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(ReportCycleOutput(get_or_404(selectors.cycle_list(), pk)).data)


class CycleUnionsApi(APIView):
    """Send an open cycle to more unions (e.g. one founded after it opened)."""

    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=ReportUnionsInput, responses=ReportCycleOutput)
    def post(self, request: Request, pk: int) -> Response:
        cycle = get_or_404(Cycle.objects.select_related("form"), pk)
        data = ReportUnionsInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.cycle_unions_add(
            cycle=cycle,
            unions=data.validated_data["unions"],
            actor=request.user,
        )
        return Response(_cycle_out(cycle))


class CycleCloseApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=None, responses=ReportCycleOutput)
    def post(self, request: Request, pk: int) -> Response:
        cycle = services.cycle_close(
            cycle=get_or_404(Cycle.objects.all(), pk),
            actor=request.user,
        )
        return Response(_cycle_out(cycle))


class CycleStatusApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=[*SubmissionStatus.values, "late"])],
        responses=ReportStatusRow(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        cycle = get_or_404(Cycle.objects.select_related("form"), pk)
        state = query(request, CycleStatusQuery)["status"]
        rows = selectors.cycle_status(cycle=cycle, status=state)
        return page(request, self, rows, ReportStatusRow)


class CycleAggregateApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(responses=ReportAggregateOutput)
    def get(self, request: Request, pk: int) -> Response:
        cycle = get_or_404(Cycle.objects.select_related("form"), pk)
        return Response(selectors.cycle_aggregate(cycle=cycle))


class CycleExportApi(APIView):
    content_negotiation_class = FormatParamIsOurs
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(
        parameters=[OpenApiParameter("format", enum=["xlsx"])],
        responses={(200, XLSX): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        cycle = get_or_404(Cycle.objects.select_related("form"), pk)
        query(request, ExportQuery)
        response = HttpResponse(exports.cycle_xlsx(cycle=cycle), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="report-{cycle.form.code}-{cycle.period}.xlsx"'
        )
        return response
