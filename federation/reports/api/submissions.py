"""A union's report: the federation reads and reviews it; the union host lists, fills and
submits its own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import FED_REPORTING, FEDERATION_STAFF, UNION_OFFICERS
from federation.platform.api import page
from federation.reports import selectors, services
from federation.reports.api._common import get_or_404, query
from federation.reports.models import Submission
from tenants.context import current_union


class ReportEventOutput(serializers.Serializer):
    at = api_fields.DateTimeField()
    kind = serializers.CharField()
    actor = serializers.CharField()
    comment = serializers.CharField()


class ReportSubmissionOutput(serializers.ModelSerializer):
    union: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    form = serializers.CharField(source="cycle.form.code")
    form_title = serializers.CharField(source="cycle.form.title")
    period = serializers.CharField(source="cycle.period")
    due_date = api_fields.DateField(source="cycle.due_date")
    values = serializers.SerializerMethodField()
    prefilled = serializers.SerializerMethodField()
    overrides = serializers.SerializerMethodField()
    fields = serializers.SerializerMethodField(method_name="form_fields")  # type: ignore[assignment]
    editable = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = [
            "id",
            "cycle",
            "form",
            "form_title",
            "period",
            "due_date",
            "union",
            "status",
            "values",
            "prefilled",
            "overrides",
            "fields",
            "editable",
            "submitted_at",
            "late",
            "comment",
            "reviewed_at",
        ]

    def _view(self, obj: Submission) -> dict[str, Any]:
        cache = self.context.setdefault("_views", {})  # type: ignore[attr-defined]
        if obj.pk not in cache:
            cache[obj.pk] = selectors.report_view(submission=obj)
        return cache[obj.pk]

    def get_values(self, obj: Submission) -> dict[str, Any]:
        return self._view(obj)["values"]

    def get_prefilled(self, obj: Submission) -> dict[str, Any]:
        return self._view(obj)["prefilled"]

    def get_overrides(self, obj: Submission) -> dict[str, Any]:
        return {f["key"]: f["value"] for f in self._view(obj)["fields"] if f["overridden"]}

    def form_fields(self, obj: Submission) -> list[dict[str, Any]]:
        return [
            {k: f[k] for k in ("key", "label", "type", "required", "source", "choices")}
            for f in self._view(obj)["fields"]
        ]

    def get_editable(self, obj: Submission) -> bool:
        return bool(self._view(obj)["editable"])


class ReportSubmissionDetailOutput(ReportSubmissionOutput):
    history = serializers.SerializerMethodField()

    class Meta(ReportSubmissionOutput.Meta):
        fields = [*ReportSubmissionOutput.Meta.fields, "history"]

    def get_history(self, obj: Submission) -> list[dict[str, Any]]:
        return list(ReportEventOutput(obj.events.all(), many=True).data)


class ReportCommentInput(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class ReportValuesInput(serializers.Serializer):
    values = serializers.DictField(child=serializers.JSONField(allow_null=True))


class ReportSubmitInput(serializers.Serializer):
    values = serializers.DictField(child=serializers.JSONField(allow_null=True), required=False)


class UnionReportListQuery(serializers.Serializer):
    open = serializers.BooleanField(required=False, default=False)


def _fed_submissions() -> QuerySet[Submission]:
    return Submission.objects.select_related("cycle", "cycle__form", "union")


# --- federation host ----------------------------------------------------------------------


class SubmissionDetailApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(responses=ReportSubmissionDetailOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(ReportSubmissionDetailOutput(get_or_404(_fed_submissions(), pk)).data)


class SubmissionAcceptApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=ReportCommentInput, responses=ReportSubmissionOutput)
    def post(self, request: Request, pk: int) -> Response:
        sub = get_or_404(_fed_submissions(), pk)
        data = ReportCommentInput(data=request.data)
        data.is_valid(raise_exception=True)
        sub = services.submission_accept(
            submission=sub, comment=data.validated_data["comment"], actor=request.user
        )
        return Response(ReportSubmissionOutput(sub).data)


class SubmissionReturnApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=ReportCommentInput, responses=ReportSubmissionOutput)
    def post(self, request: Request, pk: int) -> Response:
        sub = get_or_404(_fed_submissions(), pk)
        data = ReportCommentInput(data=request.data)
        data.is_valid(raise_exception=True)
        sub = services.submission_return(
            submission=sub, comment=data.validated_data["comment"], actor=request.user
        )
        return Response(ReportSubmissionOutput(sub).data)


# --- union host: this union's reports ----------------------------------------------------


def _own(pk: int) -> Submission:
    union = current_union()
    assert union is not None
    return get_or_404(selectors.union_reports(union=union).select_related("union"), pk)


class UnionReportListApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(
        parameters=[OpenApiParameter("open", bool)], responses=ReportSubmissionOutput(many=True)
    )
    def get(self, request: Request) -> Response:
        union = current_union()
        assert union is not None
        open_only = query(request, UnionReportListQuery)["open"]
        qs = selectors.union_reports(union=union, open_only=open_only).select_related("union")
        return page(request, self, qs, ReportSubmissionOutput)


class UnionReportDetailApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(responses=ReportSubmissionDetailOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(ReportSubmissionDetailOutput(_own(pk)).data)

    @extend_schema(request=ReportValuesInput, responses=ReportSubmissionOutput)
    def patch(self, request: Request, pk: int) -> Response:
        sub = _own(pk)
        data = ReportValuesInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.submission_save(
            submission=sub, values=data.validated_data["values"], actor=request.user
        )
        return Response(ReportSubmissionOutput(_own(pk)).data)


class UnionReportSubmitApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(request=ReportSubmitInput, responses=ReportSubmissionOutput)
    def post(self, request: Request, pk: int) -> Response:
        sub = _own(pk)
        data = ReportSubmitInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.submission_submit(
            submission=sub, values=data.validated_data.get("values"), actor=request.user
        )
        return Response(ReportSubmissionOutput(_own(pk)).data)
