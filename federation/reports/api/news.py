"""Work news (工作信息) on both hosts: unions submit items with photos and see their points;
the federation reviews, records adoptions, keeps the channel rule table and ranks."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.parsers import BoundedJSONParser
from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import FED_REPORTING, FEDERATION_STAFF, UNION_OFFICERS
from federation.platform.api import page
from federation.reports import selectors, services
from federation.reports.api._common import get_or_404, query
from federation.reports.models import NewsChannel, NewsItem, NewsPhoto, NewsStatus
from federation.reports.params import MONTH_RE
from tenants.context import current_union


class NewsAdoptionOutput(serializers.Serializer):
    channel = serializers.CharField(source="channel_code")
    channel_name = serializers.CharField(source="channel.name")
    adopted_on = api_fields.DateField()
    points = serializers.DecimalField(max_digits=6, decimal_places=1)


class NewsPhotoOutput(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = NewsPhoto
        fields = ["id", "name", "content_type", "size", "url"]

    def get_url(self, obj: NewsPhoto) -> str:
        return f"/api/v1/news/{obj.news_id}/photos/{obj.pk}/"


class NewsOutput(serializers.ModelSerializer):
    union: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
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
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20000)
    event_date = api_fields.DateField()
    photos = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class NewsReviewInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class NewsAdoptInput(serializers.Serializer):
    channel = serializers.CharField(max_length=40)
    adopted_on = api_fields.DateField(required=False, allow_null=True, default=None)


class NewsChannelOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    points = serializers.DecimalField(max_digits=6, decimal_places=1)
    effective_from = api_fields.DateField()
    effective_to = api_fields.DateField(allow_null=True)


class NewsChannelInput(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=100)
    points = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0, max_value=1000)
    effective_from = api_fields.DateField()


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


class MonthField(serializers.RegexField):
    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("error_messages", {"invalid": _("Give a month as YYYY-MM.")})
        super().__init__(MONTH_RE, max_length=7, **kwargs)  # type: ignore[arg-type]


class NewsListQuery(serializers.Serializer):
    month = MonthField(required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(
        choices=NewsStatus.values, required=False, allow_blank=True, default=""
    )
    union = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")


class NewsRankingQuery(serializers.Serializer):
    month = MonthField()


class NewsPointsQuery(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


NEWS_FILTERS = [
    OpenApiParameter("month", str),
    OpenApiParameter("status", enum=NewsStatus.values),
    OpenApiParameter("union", str),
]


class NewsListApi(APIView):
    """Federation: every union's news; filters month (YYYY-MM), status, union."""

    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(parameters=NEWS_FILTERS, responses=NewsOutput(many=True))
    def get(self, request: Request) -> Response:
        f = query(request, NewsListQuery)
        qs = selectors.news_list(union_slug=f["union"], status=f["status"], month=f["month"])
        return page(request, self, qs, NewsOutput)


class NewsDetailApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(responses=NewsOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(NewsOutput(get_or_404(selectors.news_list(), pk)).data)


class NewsReviewApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=NewsReviewInput, responses=NewsOutput)
    def post(self, request: Request, pk: int) -> Response:
        news = get_or_404(NewsItem.objects.all(), pk)
        data = NewsReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.news_review(news=news, note=data.validated_data["note"], actor=request.user)
        return Response(NewsOutput(selectors.news_list().get(pk=pk)).data)


class NewsAdoptApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING)]

    @extend_schema(request=NewsAdoptInput, responses={201: NewsOutput})
    def post(self, request: Request, pk: int) -> Response:
        news = get_or_404(NewsItem.objects.select_related("union"), pk)
        data = NewsAdoptInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.news_adopt(news=news, **data.validated_data, actor=request.user)
        return Response(
            NewsOutput(selectors.news_list().get(pk=pk)).data, status=status.HTTP_201_CREATED
        )


class NewsChannelApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(responses=NewsChannelOutput(many=True))
    def get(self, request: Request) -> Response:
        rows = NewsChannel.objects.order_by("code", "-effective_from")
        return page(request, self, rows, NewsChannelOutput)

    @extend_schema(request=NewsChannelInput, responses={201: NewsChannelOutput})
    def post(self, request: Request) -> Response:
        data = NewsChannelInput(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.news_channel_set(**data.validated_data, actor=request.user)
        return Response(NewsChannelOutput(row).data, status=status.HTTP_201_CREATED)


class NewsRankingApi(APIView):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]

    @extend_schema(
        parameters=[OpenApiParameter("month", str, required=True)], responses=NewsRankingOutput
    )
    def get(self, request: Request) -> Response:
        month = query(request, NewsRankingQuery)["month"]
        return Response(NewsRankingOutput(selectors.news_ranking(month=month)).data)


class _PhotoBase(APIView):
    @extend_schema(responses={(200, "image/*"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int, photo: int) -> FileResponse:
        union = current_union()
        qs = NewsPhoto.objects.filter(news_id=pk)
        if union is not None:
            qs = qs.filter(news__union=union)
        p = get_or_404(qs, photo)
        path = services.photo_path(p)
        if not path.exists():
            raise NotFound()
        response = FileResponse(open(path, "rb"), content_type=p.content_type)  # noqa: SIM115
        response["Content-Disposition"] = "inline"
        response["Cache-Control"] = "private, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class NewsPhotoApi(_PhotoBase):
    permission_classes = [federation_roles(FED_REPORTING, read=FEDERATION_STAFF)]


class UnionNewsPhotoApi(_PhotoBase):
    permission_classes = [union_roles(*UNION_OFFICERS)]


class UnionNewsListCreateApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]
    parser_classes = [MultiPartParser, FormParser, BoundedJSONParser]

    @extend_schema(responses=NewsOutput(many=True))
    def get(self, request: Request) -> Response:
        union = current_union()
        assert union is not None
        return page(request, self, selectors.union_news(union=union), NewsOutput)

    @extend_schema(
        request={"multipart/form-data": NewsInput, "application/json": NewsInput},
        responses={201: NewsOutput},
    )
    def post(self, request: Request) -> Response:
        union = current_union()
        assert union is not None
        data = NewsInput(data=request.data)
        data.is_valid(raise_exception=True)
        news = services.news_submit(union=union, **data.validated_data, actor=request.user)
        return Response(
            NewsOutput(selectors.news_list().get(pk=news.pk)).data, status=status.HTTP_201_CREATED
        )


class UnionNewsDetailApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(responses=NewsOutput)
    def get(self, request: Request, pk: int) -> Response:
        union = current_union()
        assert union is not None
        return Response(NewsOutput(get_or_404(selectors.union_news(union=union), pk)).data)


class UnionNewsPointsApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses=NewsPointsOutput)
    def get(self, request: Request) -> Response:
        union = current_union()
        assert union is not None
        year = query(request, NewsPointsQuery).get("year")
        return Response(NewsPointsOutput(selectors.union_points(union=union, year=year)).data)
