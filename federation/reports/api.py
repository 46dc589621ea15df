"""/api/v1/reports/ and /api/v1/news/ on both hosts (contract: ../shared/API.md "Reports").
Doors only: parse, call one service or selector, shape the output."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import FED_REPORTING, FED_VIEWER, UNION_OFFICERS
from federation.platform.api import Conflict, Pagination
from federation.reports import exports, news_services, params, selectors, services
from federation.reports.models import (
    Cycle,
    CycleStatus,
    FieldType,
    NewsItem,
    NewsPhoto,
    NewsStatus,
    ReportForm,
    Submission,
    SubmissionStatus,
)
from federation.reports.sources import sources_all
from tenants.context import current_union

READERS = (FED_REPORTING, FED_VIEWER)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _body(request) -> dict:
    if not isinstance(request.data, dict):
        raise ParseError("Send a JSON object.")
    return request.data


def _page(request, view, qs, serializer, **kwargs):
    paginator = Pagination()
    page = paginator.paginate_queryset(qs, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True, **kwargs).data)


def _get(qs, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


# --- serializers -----------------------------------------------------------------------


class ReportFieldIO(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    type = serializers.ChoiceField(choices=FieldType.values)
    required = serializers.BooleanField(required=False, default=False)
    source = serializers.CharField(required=False, allow_blank=True, default="")
    choices = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class ReportFormInput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(required=False, allow_blank=True, default="")
    fields = serializers.ListField(child=serializers.DictField())
    rules = serializers.ListField(child=serializers.DictField(), required=False, default=list)


class ReportFormOutput(serializers.ModelSerializer):
    fields = ReportFieldIO(many=True, read_only=True)
    rules = serializers.ListField(child=serializers.DictField(), read_only=True)

    class Meta:
        model = ReportForm
        fields = ["id", "code", "title", "version", "description", "fields", "rules", "created_at"]


class ReportCycleInput(serializers.Serializer):
    form = serializers.CharField(help_text="form id, or code (its newest version)")
    period = serializers.CharField()
    due_date = serializers.CharField()
    unions = serializers.JSONField(help_text='"all" or a list of union slugs')


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
    submitted_at = serializers.DateTimeField(allow_null=True)
    late = serializers.BooleanField()
    comment = serializers.CharField()


class ReportAggregateOutput(serializers.Serializer):
    submitted = serializers.IntegerField()
    expected = serializers.IntegerField()
    totals = serializers.DictField(child=serializers.JSONField())
    counts = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))


class ReportCommentInput(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class ReportEventOutput(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    actor = serializers.CharField()
    comment = serializers.CharField()


class ReportSubmissionOutput(serializers.ModelSerializer):
    union = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    form = serializers.CharField(source="cycle.form.code")
    form_title = serializers.CharField(source="cycle.form.title")
    period = serializers.CharField(source="cycle.period")
    due_date = serializers.DateField(source="cycle.due_date")
    values = serializers.SerializerMethodField()
    prefilled = serializers.SerializerMethodField()
    overrides = serializers.SerializerMethodField()
    fields = serializers.SerializerMethodField(method_name="form_fields")
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

    def _view(self, obj) -> dict:
        cache = self.context.setdefault("_views", {})
        if obj.pk not in cache:
            cache[obj.pk] = selectors.report_view(submission=obj)
        return cache[obj.pk]

    def get_values(self, obj) -> dict:
        return self._view(obj)["values"]

    def get_prefilled(self, obj) -> dict:
        return self._view(obj)["prefilled"]

    def get_overrides(self, obj) -> dict:
        return {f["key"]: f["value"] for f in self._view(obj)["fields"] if f["overridden"]}

    def form_fields(self, obj) -> list[dict]:
        return [
            {k: f[k] for k in ("key", "label", "type", "required", "source", "choices")}
            for f in self._view(obj)["fields"]
        ]

    def get_editable(self, obj) -> bool:
        return self._view(obj)["editable"]


class ReportSubmissionDetailOutput(ReportSubmissionOutput):
    history = serializers.SerializerMethodField()

    class Meta(ReportSubmissionOutput.Meta):
        fields = [*ReportSubmissionOutput.Meta.fields, "history"]

    def get_history(self, obj) -> list[dict]:
        return ReportEventOutput(obj.events.all(), many=True).data


class ReportValuesInput(serializers.Serializer):
    values = serializers.JSONField()


class ReportSubmitInput(serializers.Serializer):
    values = serializers.JSONField(required=False)


class ReportSourceOutput(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()


# --- federation host: forms, cycles, review ---------------------------------------------------


class SourceListApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(responses=ReportSourceOutput(many=True))
    def get(self, request):
        return Response(ReportSourceOutput(sources_all(), many=True).data)


class FormListCreateApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(
        parameters=[OpenApiParameter("code", str, description="every version of this form")],
        responses=ReportFormOutput(many=True),
    )
    def get(self, request):
        code = request.query_params.get("code", "")[:60]
        qs = selectors.form_versions(code=code) if code else selectors.forms_latest()
        return _page(request, self, qs.prefetch_related("fields"), ReportFormOutput)

    @extend_schema(request=ReportFormInput, responses={201: ReportFormOutput})
    def post(self, request):
        data = ReportFormInput(data=_body(request))
        data.is_valid(raise_exception=True)
        v = data.validated_data
        form = services.form_save(
            code=v["code"],
            title=v["title"],
            fields=_body(request)["fields"],
            rules=v["rules"],
            description=v["description"],
            actor=request.user,
        )
        return Response(ReportFormOutput(form).data, status=status.HTTP_201_CREATED)


class FormDetailApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(responses=ReportFormOutput)
    def get(self, request, pk: int):
        return Response(
            ReportFormOutput(_get(ReportForm.objects.prefetch_related("fields"), pk)).data
        )


class CycleListCreateApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=CycleStatus.values)],
        responses=ReportCycleOutput(many=True),
    )
    def get(self, request):
        state = request.query_params.get("status", "")
        if state and state not in CycleStatus.values:
            raise ValidationError({"status": [f"Choose one of: {', '.join(CycleStatus.values)}."]})
        return _page(request, self, selectors.cycle_list(status=state), ReportCycleOutput)

    @extend_schema(request=ReportCycleInput, responses={201: ReportCycleOutput})
    def post(self, request):
        data = ReportCycleInput(data=_body(request))
        data.is_valid(raise_exception=True)
        v = data.validated_data
        try:
            cycle = services.cycle_open(
                form=v["form"],
                period=v["period"],
                due_date=v["due_date"],
                unions=v["unions"],
                actor=request.user,
            )
        except services.ReportsConflict as exc:
            raise Conflict(exc.detail) from None
        return Response(
            ReportCycleOutput(selectors.cycle_list().get(pk=cycle.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class CycleDetailApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(responses=ReportCycleOutput)
    def get(self, request, pk: int):
        return Response(ReportCycleOutput(_get(selectors.cycle_list(), pk)).data)


class ReportUnionsInput(serializers.Serializer):
    unions = serializers.JSONField(help_text='"all" or a list of union slugs')


class CycleUnionsApi(APIView):
    """Send an open cycle to more unions (e.g. one founded after it opened)."""

    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=ReportUnionsInput, responses=ReportCycleOutput)
    def post(self, request, pk: int):
        cycle = _get(Cycle.objects.select_related("form"), pk)
        data = ReportUnionsInput(data=_body(request))
        data.is_valid(raise_exception=True)
        services.cycle_unions_add(
            cycle=cycle, unions=data.validated_data["unions"], actor=request.user
        )
        return Response(ReportCycleOutput(selectors.cycle_list().get(pk=cycle.pk)).data)


class CycleCloseApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=None, responses=ReportCycleOutput)
    def post(self, request, pk: int):
        cycle = services.cycle_close(cycle=_get(Cycle.objects.all(), pk), actor=request.user)
        return Response(ReportCycleOutput(selectors.cycle_list().get(pk=cycle.pk)).data)


class CycleStatusApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=[*SubmissionStatus.values, "late"])],
        responses=ReportStatusRow(many=True),
    )
    def get(self, request, pk: int):
        cycle = _get(Cycle.objects.select_related("form"), pk)
        rows = selectors.cycle_status(cycle=cycle)
        state = request.query_params.get("status", "")
        if state == "late":
            rows = [r for r in rows if r["late"]]
        elif state in SubmissionStatus.values:
            rows = [r for r in rows if r["status"] == state]
        elif state:
            raise ValidationError(
                {"status": [f"Choose one of: {', '.join([*SubmissionStatus.values, 'late'])}."]}
            )
        return _page(request, self, rows, ReportStatusRow)


class CycleAggregateApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(responses=ReportAggregateOutput)
    def get(self, request, pk: int):
        cycle = _get(Cycle.objects.select_related("form"), pk)
        return Response(selectors.cycle_aggregate(cycle=cycle))


class _FormatParamIsOurs(DefaultContentNegotiation):
    """``?format=xlsx`` names the file format here, not DRF's renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class CycleExportApi(APIView):
    content_negotiation_class = _FormatParamIsOurs
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(
        parameters=[OpenApiParameter("format", enum=["xlsx"])],
        responses={(200, XLSX): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int):
        cycle = _get(Cycle.objects.select_related("form"), pk)
        fmt = request.query_params.get("format", "xlsx")
        if fmt != "xlsx":
            raise ValidationError({"format": ["Only xlsx is offered."]})
        response = HttpResponse(exports.cycle_xlsx(cycle=cycle), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="report-{cycle.form.code}-{cycle.period}.xlsx"'
        )
        return response


def _fed_submissions():
    return Submission.objects.select_related("cycle", "cycle__form", "union")


class SubmissionDetailApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(responses=ReportSubmissionDetailOutput)
    def get(self, request, pk: int):
        return Response(ReportSubmissionDetailOutput(_get(_fed_submissions(), pk)).data)


class SubmissionAcceptApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=ReportCommentInput, responses=ReportSubmissionOutput)
    def post(self, request, pk: int):
        sub = _get(_fed_submissions(), pk)
        data = ReportCommentInput(data=_body(request))
        data.is_valid(raise_exception=True)
        sub = services.submission_accept(
            submission=sub, comment=data.validated_data["comment"], actor=request.user
        )
        return Response(ReportSubmissionOutput(sub).data)


class SubmissionReturnApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=ReportCommentInput, responses=ReportSubmissionOutput)
    def post(self, request, pk: int):
        sub = _get(_fed_submissions(), pk)
        data = ReportCommentInput(data=_body(request))
        data.is_valid(raise_exception=True)
        sub = services.submission_return(
            submission=sub, comment=data.validated_data["comment"], actor=request.user
        )
        return Response(ReportSubmissionOutput(sub).data)


# --- union host: this union's reports ----------------------------------------------------


class UnionReportListApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(
        parameters=[OpenApiParameter("open", bool)], responses=ReportSubmissionOutput(many=True)
    )
    def get(self, request):
        open_only = request.query_params.get("open", "") in ("1", "true")
        qs = selectors.union_reports(union=current_union(), open_only=open_only).select_related(
            "union"
        )
        return _page(request, self, qs, ReportSubmissionOutput)


class UnionReportDetailApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    def _sub(self, pk):
        try:
            return selectors.union_report_get(union=current_union(), pk=pk)
        except Submission.DoesNotExist:
            raise NotFound() from None

    @extend_schema(responses=ReportSubmissionDetailOutput)
    def get(self, request, pk: int):
        return Response(ReportSubmissionDetailOutput(self._sub(pk)).data)

    @extend_schema(request=ReportValuesInput, responses=ReportSubmissionOutput)
    def patch(self, request, pk: int):
        sub = self._sub(pk)
        body = _body(request)
        if "values" not in body:
            raise ValidationError({"values": ["This field is required."]})
        sub = services.submission_save(submission=sub, values=body["values"], actor=request.user)
        return Response(
            ReportSubmissionOutput(
                selectors.union_report_get(union=current_union(), pk=sub.pk)
            ).data
        )


class UnionReportSubmitApi(UnionReportDetailApi):
    http_method_names = ["post", "options"]

    @extend_schema(request=ReportSubmitInput, responses=ReportSubmissionOutput)
    def post(self, request, pk: int):
        sub = self._sub(pk)
        body = request.data if isinstance(request.data, dict) else {}
        sub = services.submission_submit(
            submission=sub, values=body.get("values"), actor=request.user
        )
        return Response(
            ReportSubmissionOutput(
                selectors.union_report_get(union=current_union(), pk=sub.pk)
            ).data
        )


# --- news: both hosts ---------------------------------------------------------------------


class NewsAdoptionOutput(serializers.Serializer):
    channel = serializers.CharField(source="channel_code")
    channel_name = serializers.CharField(source="channel.name")
    adopted_on = serializers.DateField()
    points = serializers.DecimalField(max_digits=6, decimal_places=1)


class NewsPhotoOutput(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = NewsPhoto
        fields = ["id", "name", "content_type", "size", "url"]

    def get_url(self, obj) -> str:
        return f"/api/v1/news/{obj.news_id}/photos/{obj.pk}/"


class NewsOutput(serializers.ModelSerializer):
    union = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    union_name = serializers.CharField(source="union.name")
    photos = NewsPhotoOutput(many=True, read_only=True)
    adoptions = NewsAdoptionOutput(many=True, read_only=True)
    points = serializers.DecimalField(
        source="points_total", max_digits=8, decimal_places=1, read_only=True
    )

    class Meta:
        model = NewsItem
        fields = [
            "id",
            "union",
            "union_name",
            "title",
            "body",
            "event_date",
            "status",
            "submitted_at",
            "submitted_by",
            "reviewed_at",
            "review_note",
            "photos",
            "adoptions",
            "points",
        ]


class NewsInput(serializers.Serializer):
    title = serializers.CharField()
    body = serializers.CharField()
    event_date = serializers.CharField()
    photos = serializers.ListField(child=serializers.FileField(), required=False)


class NewsReviewInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class NewsAdoptInput(serializers.Serializer):
    channel = serializers.CharField()
    adopted_on = serializers.CharField(required=False)


class NewsChannelOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    points = serializers.DecimalField(max_digits=6, decimal_places=1)
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)


class NewsChannelInput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    points = serializers.CharField()
    effective_from = serializers.CharField()


class NewsRankingRow(serializers.Serializer):
    rank = serializers.IntegerField()
    union = serializers.CharField()
    union_name = serializers.CharField()
    items = serializers.IntegerField()
    adopted = serializers.IntegerField()
    points = serializers.DecimalField(max_digits=8, decimal_places=1)


class NewsZeroRow(serializers.Serializer):
    union = serializers.CharField()
    union_name = serializers.CharField()


class NewsRankingOutput(serializers.Serializer):
    month = serializers.CharField()
    rows = NewsRankingRow(many=True)
    zero = NewsZeroRow(many=True)


class NewsPointsOutput(serializers.Serializer):
    year = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=8, decimal_places=1)
    items = serializers.IntegerField()
    by_month = serializers.DictField(child=serializers.DecimalField(max_digits=8, decimal_places=1))


NEWS_FILTERS = [
    OpenApiParameter("month", str),
    OpenApiParameter("status", enum=NewsStatus.values),
    OpenApiParameter("union", str),
]


class NewsListApi(APIView):
    """Federation: every union's news; filters month (YYYY-MM), status, union."""

    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(parameters=NEWS_FILTERS, responses=NewsOutput(many=True))
    def get(self, request):
        f = params.news_filters(request.query_params)
        return _page(request, self, selectors.news_list(**f), NewsOutput)


class NewsDetailApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(responses=NewsOutput)
    def get(self, request, pk: int):
        return Response(NewsOutput(_get(selectors.news_list(), pk)).data)


class NewsReviewApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=NewsReviewInput, responses=NewsOutput)
    def post(self, request, pk: int):
        news = _get(NewsItem.objects.all(), pk)
        data = NewsReviewInput(data=_body(request))
        data.is_valid(raise_exception=True)
        news_services.news_review(news=news, note=data.validated_data["note"], actor=request.user)
        return Response(NewsOutput(selectors.news_list().get(pk=pk)).data)


class NewsAdoptApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=NewsAdoptInput, responses={201: NewsOutput})
    def post(self, request, pk: int):
        news = _get(NewsItem.objects.select_related("union"), pk)
        data = NewsAdoptInput(data=_body(request))
        data.is_valid(raise_exception=True)
        try:
            news_services.news_adopt(
                news=news,
                channel=data.validated_data["channel"],
                adopted_on=data.validated_data.get("adopted_on"),
                actor=request.user,
            )
        except services.ReportsConflict as exc:
            raise Conflict(exc.detail) from None
        return Response(
            NewsOutput(selectors.news_list().get(pk=pk)).data, status=status.HTTP_201_CREATED
        )


class NewsChannelApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(responses=NewsChannelOutput(many=True))
    def get(self, request):
        from federation.reports.models import NewsChannel

        return Response(
            NewsChannelOutput(
                NewsChannel.objects.order_by("code", "-effective_from"), many=True
            ).data
        )

    @extend_schema(request=NewsChannelInput, responses={201: NewsChannelOutput})
    def post(self, request):
        data = NewsChannelInput(data=_body(request))
        data.is_valid(raise_exception=True)
        try:
            row = news_services.news_channel_set(actor=request.user, **data.validated_data)
        except services.ReportsConflict as exc:
            raise Conflict(exc.detail) from None
        return Response(NewsChannelOutput(row).data, status=status.HTTP_201_CREATED)


class NewsRankingApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]

    @extend_schema(
        parameters=[OpenApiParameter("month", str, required=True)], responses=NewsRankingOutput
    )
    def get(self, request):
        month = params.month_param(request.query_params.get("month", ""))
        return Response(NewsRankingOutput(selectors.news_ranking(month=month)).data)


class _PhotoBase(APIView):
    @extend_schema(responses={(200, "image/*"): OpenApiTypes.BINARY})
    def get(self, request, pk: int, photo: int):
        union = current_union()
        qs = NewsPhoto.objects.filter(news_id=pk)
        if union is not None:
            qs = qs.filter(news__union=union)
        p = _get(qs, photo)
        path = news_services.photo_path(p)
        if not path.exists():
            raise NotFound()
        response = FileResponse(open(path, "rb"), content_type=p.content_type)  # noqa: SIM115
        response["Content-Disposition"] = "inline"
        response["Cache-Control"] = "private, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class NewsPhotoApi(_PhotoBase):
    permission_classes = [federation_roles(FED_REPORTING, read=READERS)]


class UnionNewsPhotoApi(_PhotoBase):
    permission_classes = [union_roles(*UNION_OFFICERS)]


class UnionNewsListCreateApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(responses=NewsOutput(many=True))
    def get(self, request):
        return _page(request, self, selectors.union_news(union=current_union()), NewsOutput)

    @extend_schema(
        request={"multipart/form-data": NewsInput, "application/json": NewsInput},
        responses={201: NewsOutput},
    )
    def post(self, request):
        data = request.data
        photos = request.FILES.getlist("photos") if hasattr(request, "FILES") else []
        news = news_services.news_submit(
            union=current_union(),
            title=data.get("title"),
            body=data.get("body"),
            event_date=data.get("event_date"),
            photos=photos,
            actor=request.user,
        )
        return Response(
            NewsOutput(selectors.news_list().get(pk=news.pk)).data, status=status.HTTP_201_CREATED
        )


class UnionNewsDetailApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(responses=NewsOutput)
    def get(self, request, pk: int):
        return Response(NewsOutput(_get(selectors.union_news(union=current_union()), pk)).data)


class UnionNewsPointsApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses=NewsPointsOutput)
    def get(self, request):
        raw = request.query_params.get("year", "")
        if raw and not (raw.isdigit() and 2000 <= int(raw) <= 2100):
            raise ValidationError({"year": ["Give a year such as 2026."]})
        return Response(
            NewsPointsOutput(
                selectors.union_points(union=current_union(), year=int(raw) if raw else None)
            ).data
        )
