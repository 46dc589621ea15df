"""/api/v1/homes/ on both hosts (contract: ../shared/API.md "Staff home"). Doors only:
parse, call one service or selector, shape the output. The services validate every field."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.homes import documents, selectors, services
from federation.homes.models import FINAL, Assessment, EvidenceFile, Round, Scheme, Status, Title
from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import (
    FED_ASSESSOR,
    FED_REPORTING,
    FED_VIEWER,
    UNION_OFFICERS,
    VICE_CHAIR,
)
from federation.platform.api import Pagination
from tenants.context import current_union

READERS = (FED_ASSESSOR, FED_REPORTING, FED_VIEWER)
UNION_WRITERS = (VICE_CHAIR,)
POINTS = {"max_digits": 6, "decimal_places": 2}


def _body(request) -> dict:
    if not isinstance(request.data, dict):
        raise ParseError("Send a JSON object.")
    return request.data


def _page(request, view, qs, serializer, **kwargs):
    paginator = Pagination()
    page = paginator.paginate_queryset(qs, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True, **kwargs).data)


# --- output ------------------------------------------------------------------------------


class CriterionOutput(serializers.Serializer):
    code = serializers.CharField()
    category = serializers.CharField()
    title = serializers.CharField()
    guidance = serializers.CharField()
    max_points = serializers.DecimalField(**POINTS)
    mandatory = serializers.BooleanField()
    auto_check = serializers.CharField()


class LevelOutput(serializers.Serializer):
    name = serializers.CharField()
    min_score = serializers.DecimalField(**POINTS)
    min_approval_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    order = serializers.IntegerField()
    stars = serializers.IntegerField(allow_null=True)


class SchemeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    version = serializers.IntegerField()
    description = serializers.CharField()
    is_default = serializers.BooleanField()
    total_points = serializers.DecimalField(**POINTS)
    criteria = CriterionOutput(many=True, source="criteria.all")
    levels = LevelOutput(many=True, source="levels.all")
    created_at = serializers.DateTimeField()


class ProgressOutput(serializers.Serializer):
    total = serializers.IntegerField()
    late = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())


class RoundOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    scheme = serializers.IntegerField(source="scheme_id")
    scheme_name = serializers.CharField(source="scheme.name")
    kind = serializers.CharField()
    deadline = serializers.DateField()
    opened_at = serializers.DateTimeField()
    opened_by = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)
    progress = serializers.SerializerMethodField()

    def get_progress(self, obj) -> ProgressOutput:
        return selectors.round_progress(round=obj)


class ResultOutput(serializers.Serializer):
    id = serializers.IntegerField()
    union = serializers.CharField(source="union.slug")
    union_name = serializers.CharField(source="union.name")
    status = serializers.CharField()
    self_total = serializers.DecimalField(**POINTS)
    score = serializers.DecimalField(allow_null=True, **POINTS)
    level = serializers.CharField(source="level.name", allow_null=True, default=None)
    approval_rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    deadline = serializers.DateField(source="effective_deadline")
    reopened = serializers.BooleanField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)


class RoundDetailOutput(RoundOutput):
    assessments = ResultOutput(many=True, source="assessments.all")


class CheckOutput(serializers.Serializer):
    key = serializers.CharField(required=False)
    label = serializers.CharField()
    status = serializers.CharField()
    reason = serializers.CharField()
    value = serializers.CharField()


class FileOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.SerializerMethodField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    uploaded_by = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_code(self, obj) -> str | None:
        return obj.item.criterion.code if obj.item_id else None

    def get_url(self, obj) -> str:
        return f"/api/v1/homes/assessments/{obj.assessment_id}/evidence/{obj.pk}/"


class ItemOutput(serializers.Serializer):
    code = serializers.CharField(source="criterion.code")
    category = serializers.CharField(source="criterion.category")
    title = serializers.CharField(source="criterion.title")
    max_points = serializers.DecimalField(source="criterion.max_points", **POINTS)
    mandatory = serializers.BooleanField(source="criterion.mandatory")
    self_score = serializers.DecimalField(allow_null=True, **POINTS)
    evidence = serializers.CharField()
    score = serializers.SerializerMethodField()
    comment = serializers.SerializerMethodField()
    auto = serializers.SerializerMethodField()

    def _review_visible(self, obj) -> bool:
        return self.context.get("side") == "federation" or obj.assessment.status in (
            Status.RETURNED,
            *FINAL,
        )

    def get_score(self, obj) -> str | None:
        if not self._review_visible(obj) or obj.score is None:
            return None
        return f"{obj.score:.2f}"

    def get_comment(self, obj) -> str:
        return obj.comment if self._review_visible(obj) else ""

    @extend_schema_field(CheckOutput(allow_null=True))
    def get_auto(self, obj):
        key = obj.criterion.auto_check
        return self.context.get("auto", {}).get(key) if key else None


class EventOutput(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField()
    side = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    comment = serializers.CharField()


class AssessmentOutput(ResultOutput):
    round = serializers.IntegerField(source="round_id")
    round_title = serializers.CharField(source="round.title")
    round_kind = serializers.CharField(source="round.kind")
    round_deadline = serializers.DateField(source="round.deadline")
    survey_note = serializers.CharField()
    review_comment = serializers.SerializerMethodField()
    can_submit = serializers.SerializerMethodField()
    submit_blockers = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()
    files = FileOutput(many=True, source="files.all")
    vetoes = serializers.SerializerMethodField()
    events = EventOutput(many=True, source="events.all")
    certificate = serializers.SerializerMethodField()

    def get_review_comment(self, obj) -> str:
        return (
            obj.review_comment
            if obj.status in (Status.RETURNED, *FINAL) or self.context.get("side") == "federation"
            else ""
        )

    def get_can_submit(self, obj) -> bool:
        return not services.submit_blockers(obj)

    def get_submit_blockers(self, obj) -> dict[str, list[str]]:
        return (
            services.submit_blockers(obj)
            if obj.status in (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)
            else {}
        )

    def get_items(self, obj) -> ItemOutput(many=True):
        return ItemOutput(obj.items.all(), many=True, context=self.context).data

    def get_vetoes(self, obj) -> CheckOutput(many=True):
        return self.context.get("vetoes", [])

    def get_certificate(self, obj) -> str | None:
        if Title.objects.filter(assessment=obj).exists():
            return f"/api/v1/homes/assessments/{obj.pk}/certificate.pdf"
        return None


class TitleOutput(serializers.Serializer):
    id = serializers.IntegerField()
    union = serializers.CharField(source="union.slug")
    union_name = serializers.CharField(source="union.name")
    level = serializers.CharField(source="level.name")
    number = serializers.CharField()
    round = serializers.CharField(source="round.title")
    assessment = serializers.IntegerField(source="assessment_id")
    awarded_on = serializers.DateField()
    recheck_due = serializers.DateField()
    current = serializers.BooleanField()
    superseded_on = serializers.DateField(allow_null=True)
    withdrawn_on = serializers.DateField(allow_null=True)
    withdrawn_reason = serializers.CharField()


class OverviewOutput(serializers.Serializer):
    as_of = serializers.DateField()
    unions = serializers.IntegerField()
    titled = serializers.IntegerField()
    levels = serializers.DictField(child=serializers.IntegerField())
    expiring = TitleOutput(many=True)
    returned = serializers.ListField(child=serializers.DictField())
    open_rounds = serializers.IntegerField()


class RuleOutput(serializers.Serializer):
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)
    member_share_min = serializers.DecimalField(max_digits=5, decimal_places=4)
    congress_months = serializers.IntegerField()
    recheck_months = serializers.IntegerField()
    rectification_days = serializers.IntegerField()
    reminder_days = serializers.ListField(child=serializers.IntegerField())
    recheck_reminder_days = serializers.ListField(child=serializers.IntegerField())
    created_by = serializers.CharField()


class RuleInput(serializers.Serializer):
    effective_from = serializers.DateField()
    member_share_min = serializers.CharField(help_text='a share, e.g. "0.9000"')
    congress_months = serializers.IntegerField(required=False)
    recheck_months = serializers.IntegerField(required=False)
    rectification_days = serializers.IntegerField(required=False)
    reminder_days = serializers.ListField(child=serializers.IntegerField(), required=False)
    recheck_reminder_days = serializers.ListField(child=serializers.IntegerField(), required=False)


def _assessment_data(a: Assessment, *, side: str) -> dict:
    checks = selectors.assessment_checks(assessment=a)
    ctx = {"side": side, "auto": checks["auto"], "vetoes": checks["vetoes"]}
    return AssessmentOutput(a, context=ctx).data


# --- input (documentation; the services validate and name the field) ----------------------


class CriterionInput(serializers.Serializer):
    code = serializers.CharField()
    category = serializers.CharField()
    title = serializers.CharField()
    max_points = serializers.CharField(help_text='points, e.g. "6" or "4.50"')
    mandatory = serializers.BooleanField(required=False)
    guidance = serializers.CharField(required=False)
    auto_check = serializers.CharField(required=False)


class LevelInput(serializers.Serializer):
    name = serializers.CharField()
    min_score = serializers.CharField()
    min_approval_rate = serializers.CharField(required=False, help_text='percent, e.g. "80"')
    stars = serializers.IntegerField(required=False, min_value=1, max_value=5)


class SchemeInput(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField(required=False)
    criteria = CriterionInput(many=True)
    levels = LevelInput(many=True)


class RoundInput(serializers.Serializer):
    scheme = serializers.IntegerField()
    title = serializers.CharField()
    deadline = serializers.DateField()
    unions = serializers.JSONField(help_text='a list of union slugs, or "all"')
    kind = serializers.CharField(required=False, help_text="normal | recheck")


class ReviewItemInput(serializers.Serializer):
    code = serializers.CharField()
    score = serializers.CharField()
    comment = serializers.CharField(required=False)


class ReviewInput(serializers.Serializer):
    items = ReviewItemInput(many=True, required=False)
    decision = serializers.CharField(help_text="accept | return | veto | save")
    comment = serializers.CharField(required=False)
    deadline = serializers.DateField(
        required=False,
        help_text="the new deadline when returning (default: today + the rule's rectification days)",
    )


class RoundReviewInput(ReviewInput):
    union = serializers.CharField()


class ReopenInput(serializers.Serializer):
    deadline = serializers.DateField(required=False)
    comment = serializers.CharField(required=False)


class WithdrawInput(serializers.Serializer):
    reason = serializers.CharField()


class SelfItemInput(serializers.Serializer):
    code = serializers.CharField()
    self_score = serializers.CharField(required=False, allow_null=True)
    evidence = serializers.CharField(required=False)


class SelfAssessmentInput(serializers.Serializer):
    items = SelfItemInput(many=True, required=False)
    approval_rate = serializers.CharField(
        required=False, allow_null=True, help_text="percent 0..100"
    )
    survey_note = serializers.CharField(required=False)


class EvidenceInput(serializers.Serializer):
    file = serializers.FileField()
    code = serializers.CharField(required=False, help_text="the criterion the file supports")


ASSESSMENT_FILTERS = [
    OpenApiParameter("round", int),
    OpenApiParameter("status", str),
    OpenApiParameter("union", str),
]
PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)}
FILE = {(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)}


def _pdf(a: Assessment) -> HttpResponse:
    title = Title.objects.select_related("union", "level", "round").filter(assessment=a).first()
    if title is None:
        raise Http404
    response = HttpResponse(documents.certificate_pdf(title=title), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{title.number}.pdf"'
    return response


def _file(evidence: EvidenceFile) -> FileResponse:
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=evidence.content_type,
        as_attachment=True,
        filename=evidence.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- federation host --------------------------------------------------------------------------


class SchemeListApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR, read=READERS)]

    @extend_schema(operation_id="homes_schemes_list", responses=SchemeOutput(many=True))
    def get(self, request):
        services.scheme_default_ensure()
        return _page(request, self, selectors.scheme_list(), SchemeOutput)

    @extend_schema(
        operation_id="homes_schemes_create", request=SchemeInput, responses={201: SchemeOutput}
    )
    def post(self, request):
        d = _body(request)
        scheme = services.scheme_create(
            name=d.get("name"),
            criteria=d.get("criteria"),
            levels=d.get("levels"),
            description=d.get("description", ""),
            actor=request.user,
        )
        return Response(
            SchemeOutput(selectors.scheme_get(pk=scheme.pk)).data, status=status.HTTP_201_CREATED
        )


class SchemeDetailApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(operation_id="homes_schemes_retrieve", responses=SchemeOutput)
    def get(self, request, pk: int):
        try:
            return Response(SchemeOutput(selectors.scheme_get(pk=pk)).data)
        except Scheme.DoesNotExist:
            raise Http404 from None


class RoundListApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR, read=READERS)]

    @extend_schema(operation_id="homes_rounds_list", responses=RoundOutput(many=True))
    def get(self, request):
        return _page(request, self, selectors.round_list(), RoundOutput)

    @extend_schema(
        operation_id="homes_rounds_create", request=RoundInput, responses={201: RoundDetailOutput}
    )
    def post(self, request):
        d = _body(request)
        rnd = services.round_open(
            scheme=d.get("scheme"),
            title=d.get("title"),
            deadline=d.get("deadline"),
            unions=d.get("unions"),
            kind=d.get("kind") or "normal",
            actor=request.user,
        )
        return Response(
            RoundDetailOutput(selectors.round_get(pk=rnd.pk)).data, status=status.HTTP_201_CREATED
        )


def _round(pk: int) -> Round:
    try:
        return selectors.round_get(pk=pk)
    except Round.DoesNotExist:
        raise Http404 from None


class RoundDetailApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(operation_id="homes_rounds_retrieve", responses=RoundDetailOutput)
    def get(self, request, pk: int):
        return Response(RoundDetailOutput(_round(pk)).data)


class RoundResultsApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(operation_id="homes_rounds_results", responses=ResultOutput(many=True))
    def get(self, request, pk: int):
        return _page(request, self, selectors.round_results(round=_round(pk)), ResultOutput)


class RoundCloseApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR)]

    @extend_schema(operation_id="homes_rounds_close", request=None, responses=RoundOutput)
    def post(self, request, pk: int):
        return Response(
            RoundOutput(services.round_close(round=_round(pk), actor=request.user)).data
        )


def _review(request, a: Assessment, d: dict, union=None) -> Assessment:
    return services.assessment_review(
        assessment=a,
        items=d.get("items"),
        decision=d.get("decision") or "save",
        comment=d.get("comment") or "",
        deadline=d.get("deadline"),
        union=union if union is not None else d.get("union"),
        actor=request.user,
    )


class RoundReviewApi(APIView):
    """Review by round and union slug; a union not in the round is a 400 on ``union``."""

    permission_classes = [federation_roles(FED_ASSESSOR)]

    @extend_schema(
        operation_id="homes_rounds_review", request=RoundReviewInput, responses=AssessmentOutput
    )
    def post(self, request, pk: int):
        rnd = _round(pk)
        d = _body(request)
        slug = d.get("union")
        a = (
            Assessment.objects.filter(round=rnd, union__slug=slug).first()
            if isinstance(slug, str)
            else None
        )
        if a is None:
            from django.core.exceptions import ValidationError
            from django.utils.translation import gettext as _

            raise ValidationError({"union": [_("This union is not in the round.")]})
        a = _review(request, a, d, union=slug)
        return Response(_assessment_data(selectors.assessment_get(pk=a.pk), side="federation"))


def _fed_assessment(pk: int) -> Assessment:
    try:
        return selectors.assessment_get(pk=pk)
    except Assessment.DoesNotExist:
        raise Http404 from None


class AssessmentListApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(
        operation_id="homes_assessments_list",
        parameters=ASSESSMENT_FILTERS,
        responses=ResultOutput(many=True),
    )
    def get(self, request):
        p = request.query_params
        try:
            round_id = int(p.get("round") or 0)
        except ValueError:
            from django.core.exceptions import ValidationError

            raise ValidationError({"round": ["Enter a whole number."]}) from None
        state = p.get("status", "")
        if state and state not in Status.values:
            from django.core.exceptions import ValidationError

            raise ValidationError({"status": [f"Choose one of: {', '.join(Status.values)}."]})
        qs = selectors.assessment_list(
            round_id=round_id, status=state, union_slug=p.get("union", "")[:40]
        )
        return _page(request, self, qs, ResultOutput)


class AssessmentDetailApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(operation_id="homes_assessments_retrieve", responses=AssessmentOutput)
    def get(self, request, pk: int):
        return Response(_assessment_data(_fed_assessment(pk), side="federation"))


class AssessmentReviewApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR)]

    @extend_schema(
        operation_id="homes_assessments_review", request=ReviewInput, responses=AssessmentOutput
    )
    def post(self, request, pk: int):
        a = _fed_assessment(pk)
        a = _review(request, a, _body(request))
        return Response(_assessment_data(selectors.assessment_get(pk=a.pk), side="federation"))


class AssessmentReopenApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR)]

    @extend_schema(
        operation_id="homes_assessments_reopen", request=ReopenInput, responses=AssessmentOutput
    )
    def post(self, request, pk: int):
        d = _body(request)
        a = services.assessment_reopen(
            assessment=_fed_assessment(pk),
            deadline=d.get("deadline"),
            comment=d.get("comment") or "",
            actor=request.user,
        )
        return Response(_assessment_data(selectors.assessment_get(pk=a.pk), side="federation"))


class CertificateApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(operation_id="homes_assessments_certificate", responses=PDF)
    def get(self, request, pk: int):
        return _pdf(_fed_assessment(pk))


class EvidenceDownloadApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(operation_id="homes_evidence_download", responses=FILE)
    def get(self, request, pk: int, file_id: int):
        try:
            return _file(selectors.evidence_get(assessment=_fed_assessment(pk), pk=file_id))
        except EvidenceFile.DoesNotExist:
            raise Http404 from None


class TitleListApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(
        operation_id="homes_titles_list",
        parameters=[OpenApiParameter("current", bool)],
        responses=TitleOutput(many=True),
    )
    def get(self, request):
        from federation.homes.models import Title as T

        qs = T.objects.select_related("union", "level", "round").order_by(
            "union__name", "-awarded_on"
        )
        if request.query_params.get("current") in ("1", "true", "yes"):
            qs = qs.filter(current=True)
        return _page(request, self, qs, TitleOutput)


class TitleWithdrawApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR)]

    @extend_schema(
        operation_id="homes_titles_withdraw", request=WithdrawInput, responses=TitleOutput
    )
    def post(self, request, pk: int):
        title = Title.objects.filter(pk=pk).first()
        if title is None:
            raise Http404
        t = services.title_withdraw(
            title=title, reason=_body(request).get("reason"), actor=request.user
        )
        return Response(TitleOutput(t).data)


class RuleApi(APIView):
    """The staff-home rule table: the member-share veto threshold, re-check interval and
    reminder days, each row in force from its date."""

    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(operation_id="homes_rules_list", responses=RuleOutput(many=True))
    def get(self, request):
        from federation.homes.models import HomeRule

        services.rule_default_ensure()
        return _page(request, self, HomeRule.objects.order_by("-effective_from"), RuleOutput)

    @extend_schema(
        operation_id="homes_rules_create", request=RuleInput, responses={201: RuleOutput}
    )
    def post(self, request):
        d = _body(request)
        kwargs = {
            k: d[k]
            for k in (
                "congress_months",
                "recheck_months",
                "rectification_days",
                "reminder_days",
                "recheck_reminder_days",
            )
            if k in d
        }
        row = services.rule_set(
            effective_from=d.get("effective_from"),
            member_share_min=d.get("member_share_min"),
            actor=request.user,
            **kwargs,
        )
        return Response(RuleOutput(row).data, status=status.HTTP_201_CREATED)


class OverviewApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(operation_id="homes_overview", responses=OverviewOutput)
    def get(self, request):
        o = selectors.township_overview()
        returned = [
            {
                "assessment": r["assessment"].pk,
                "union": r["assessment"].union.slug,
                "round": r["assessment"].round.title,
                "reason": r["reason"],
                "deadline": str(r["assessment"].effective_deadline),
            }
            for r in o["returned"]
        ]
        return Response(OverviewOutput({**o, "returned": returned}).data)


# --- union host ---------------------------------------------------------------------------------


def _own(pk: int) -> Assessment:
    union = current_union()
    try:
        return selectors.union_assessment_get(union=union, pk=pk)
    except Assessment.DoesNotExist:
        raise Http404 from None


class UnionAssessmentListApi(APIView):
    permission_classes = [union_roles(read=UNION_OFFICERS)]

    @extend_schema(operation_id="homes_assessments_list", responses=ResultOutput(many=True))
    def get(self, request):
        return _page(
            request, self, selectors.union_assessments(union=current_union()), ResultOutput
        )


class UnionAssessmentDetailApi(APIView):
    permission_classes = [union_roles(*UNION_WRITERS, read=UNION_OFFICERS)]

    @extend_schema(operation_id="homes_assessments_retrieve", responses=AssessmentOutput)
    def get(self, request, pk: int):
        return Response(_assessment_data(_own(pk), side="union"))

    @extend_schema(
        operation_id="homes_assessments_update",
        request=SelfAssessmentInput,
        responses=AssessmentOutput,
    )
    def patch(self, request, pk: int):
        d = _body(request)
        kwargs = {k: d[k] for k in ("approval_rate", "survey_note") if k in d}
        a = services.assessment_save(
            union=current_union(),
            assessment=_own(pk),
            items=d.get("items"),
            actor=request.user,
            **kwargs,
        )
        return Response(_assessment_data(_own(a.pk), side="union"))


class UnionEvidenceApi(APIView):
    permission_classes = [union_roles(*UNION_WRITERS)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="homes_evidence_create",
        request={"multipart/form-data": EvidenceInput},
        responses={201: FileOutput},
    )
    def post(self, request, pk: int):
        evidence = services.evidence_add(
            union=current_union(),
            assessment=_own(pk),
            file=request.FILES.get("file"),
            code=(request.data.get("code") or "").strip(),
            actor=request.user,
        )
        return Response(FileOutput(evidence).data, status=status.HTTP_201_CREATED)


class UnionEvidenceDetailApi(APIView):
    permission_classes = [union_roles(*UNION_WRITERS, read=UNION_OFFICERS)]

    @extend_schema(operation_id="homes_evidence_download", responses=FILE)
    def get(self, request, pk: int, file_id: int):
        try:
            return _file(selectors.evidence_get(assessment=_own(pk), pk=file_id))
        except EvidenceFile.DoesNotExist:
            raise Http404 from None

    @extend_schema(operation_id="homes_evidence_destroy", responses={204: None})
    def delete(self, request, pk: int, file_id: int):
        try:
            services.evidence_remove(
                union=current_union(), assessment=_own(pk), evidence_id=file_id, actor=request.user
            )
        except EvidenceFile.DoesNotExist:
            raise Http404 from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class UnionSubmitApi(APIView):
    permission_classes = [union_roles(*UNION_WRITERS)]

    @extend_schema(
        operation_id="homes_assessments_submit", request=None, responses=AssessmentOutput
    )
    def post(self, request, pk: int):
        a = services.assessment_submit(
            union=current_union(), assessment=_own(pk), actor=request.user
        )
        return Response(_assessment_data(_own(a.pk), side="union"))


class UnionCertificateApi(APIView):
    permission_classes = [union_roles(read=UNION_OFFICERS)]

    @extend_schema(operation_id="homes_assessments_certificate", responses=PDF)
    def get(self, request, pk: int):
        return _pdf(_own(pk))


class UnionTitleApi(APIView):
    permission_classes = [union_roles(read=UNION_OFFICERS)]

    @extend_schema(
        operation_id="homes_title",
        responses=inline_serializer(
            "UnionTitles",
            {"current": TitleOutput(allow_null=True), "history": TitleOutput(many=True)},
        ),
    )
    def get(self, request):
        union = current_union()
        current = selectors.union_title(union=union)
        return Response(
            {
                "current": TitleOutput(current).data if current else None,
                "history": TitleOutput(selectors.union_titles(union=union), many=True).data,
            }
        )
