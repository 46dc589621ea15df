"""/api/v1/congress/... (API.md "Congress"): the congress term and delegates, sessions with
attendance, motions and documents, proposals and suggestions, democratic evaluation on a
union host; the township overview on the federation host. Doors only."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import (
    FEDERATION_STAFF,
    ORGANIZATION,
    UNION_OFFICERS,
    UNION_ROLES,
    VICE_CHAIR,
)
from federation.platform.api import page
from workplaces.congress import evaluation, proposals, selectors, services
from workplaces.congress.models import (
    Congress,
    CongressKind,
    Delegate,
    DelegateCategory,
    Evaluation,
    Grade,
    Motion,
    Proposal,
    ProposalKind,
    Satisfaction,
    Session,
)
from workplaces.organization.common import field_error

MANAGERS = (ORGANIZATION, VICE_CHAIR)
MANAGE = union_roles(*MANAGERS, read=UNION_OFFICERS)
ANY_UNION_USER = union_roles(*UNION_ROLES)
PROPOSALS = union_roles(*MANAGERS, read=tuple(UNION_ROLES))
FED_READ = federation_roles(read=FEDERATION_STAFF)


def _valid(serializer_class: type[serializers.Serializer], data: Any) -> dict:
    s = serializer_class(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


# --- congress term and delegates -------------------------------------------------------------
class CongressSerializer(serializers.ModelSerializer):
    class Meta:
        model = Congress
        fields = ["id", "kind", "starts_on", "term_years", "ends_on", "is_current"]


class CongressInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CongressKind.choices)
    starts_on = serializers.DateField()
    term_years = serializers.IntegerField(min_value=1, max_value=10)


class CongressesApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: CongressSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return page(request, self, Congress.objects.all(), CongressSerializer)

    @extend_schema(request=CongressInSerializer, responses={201: CongressSerializer})
    def post(self, request: Request) -> Response:
        congress = services.congress_create(
            actor=request.user, **_valid(CongressInSerializer, request.data)
        )
        return Response(CongressSerializer(congress).data, status=status.HTTP_201_CREATED)


class DelegateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Delegate
        fields = ["id", "congress", "name", "category", "woman", "member", "active"]


class DelegateInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    category = serializers.ChoiceField(choices=DelegateCategory.choices)
    woman = serializers.BooleanField(default=False)
    member = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    ok = serializers.BooleanField()
    message = serializers.CharField()


class DelegatesApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: DelegateSerializer(many=True)})
    def get(self, request: Request) -> Response:
        congress = selectors.congress_current()
        qs = congress.delegates.all() if congress else Delegate.objects.none()
        return page(request, self, qs, DelegateSerializer)

    @extend_schema(request=DelegateInSerializer, responses={201: DelegateSerializer})
    def post(self, request: Request) -> Response:
        from federation.platform.errors import ConflictError

        data = _valid(DelegateInSerializer, request.data)
        congress = selectors.congress_current()
        if congress is None:
            raise ConflictError("Record the congress term first.", code="no_congress")
        delegate = services.delegate_add(
            congress=congress,
            name=data["name"],
            category=data["category"],
            woman=data["woman"],
            member_id=data.get("member"),
            actor=request.user,
        )
        return Response(DelegateSerializer(delegate).data, status=status.HTTP_201_CREATED)


class CompositionApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: FindingSerializer(many=True)})
    def get(self, request: Request) -> Response:
        congress = selectors.congress_current()
        findings = selectors.roster_findings(congress) if congress else []
        return page(request, self, findings, FindingSerializer)


# --- sessions ------------------------------------------------------------------------------------
class SessionInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CongressKind.choices)
    title = serializers.CharField(max_length=200)
    held_on = serializers.DateField()
    delegates_total = serializers.IntegerField(min_value=1, max_value=100_000)
    delegates_present = serializers.IntegerField(min_value=0, max_value=100_000)
    proposals_deadline = serializers.DateField(required=False, allow_null=True)


class MotionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Motion
        fields = ["id", "title", "yes", "no", "abstain", "passed", "resolution"]


class SessionSerializer(serializers.ModelSerializer):
    motions = MotionSerializer(many=True, read_only=True)
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "kind",
            "title",
            "held_on",
            "delegates_total",
            "delegates_present",
            "quorate",
            "proposals_deadline",
            "motions",
            "documents",
        ]

    def get_documents(self, obj: Session) -> list[dict]:
        return [{"id": d.pk, "title": d.title, "motion": d.motion_id} for d in obj.documents.all()]


class SessionsApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: SessionSerializer(many=True)})
    def get(self, request: Request) -> Response:
        qs = Session.objects.prefetch_related("motions", "documents")
        year = request.query_params.get("year", "")
        if year.isdigit():
            qs = qs.filter(held_on__year=int(year))
        return page(request, self, qs, SessionSerializer)

    @extend_schema(request=SessionInSerializer, responses={201: SessionSerializer})
    def post(self, request: Request) -> Response:
        session = services.session_record(
            actor=request.user, **_valid(SessionInSerializer, request.data)
        )
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)


class SessionDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: SessionSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(SessionSerializer(get_object_or_404(Session, pk=pk)).data)


class AttendanceInSerializer(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(min_value=1), max_length=100_000)


class AttendanceApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=AttendanceInSerializer, responses={200: SessionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        session = get_object_or_404(Session, pk=pk)
        data = _valid(AttendanceInSerializer, request.data)
        session = services.attendance_record(
            session=session, present_ids=data["present"], actor=request.user
        )
        return Response(SessionSerializer(session).data)


class MotionInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    yes = serializers.IntegerField(min_value=0, max_value=100_000)
    no = serializers.IntegerField(min_value=0, max_value=100_000)
    abstain = serializers.IntegerField(min_value=0, max_value=100_000)
    resolution = serializers.CharField(
        max_length=20000, required=False, allow_blank=True, default=""
    )


class MotionsApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=MotionInSerializer, responses={201: MotionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        session = get_object_or_404(Session, pk=pk)
        motion = services.motion_vote(
            session=session, actor=request.user, **_valid(MotionInSerializer, request.data)
        )
        return Response(MotionSerializer(motion).data, status=status.HTTP_201_CREATED)


class DocumentInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    file = serializers.FileField()
    motion = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class DocumentsApi(APIView):
    permission_classes = [MANAGE]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": DocumentInSerializer},
        responses={
            201: inline_serializer(
                "CongressDocument",
                {"id": serializers.IntegerField(), "title": serializers.CharField()},
            )
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        session = get_object_or_404(Session, pk=pk)
        data = _valid(DocumentInSerializer, request.data)
        motion = (
            get_object_or_404(Motion, pk=data["motion"], session=session)
            if data.get("motion")
            else None
        )
        doc = services.document_add(
            session=session,
            title=data["title"],
            file=data["file"],
            motion=motion,
            actor=request.user,
        )
        return Response({"id": doc.pk, "title": doc.title}, status=status.HTTP_201_CREATED)


# --- proposals -------------------------------------------------------------------------------------
class ProposalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Proposal
        fields = [
            "id",
            "kind",
            "number",
            "session",
            "title",
            "body",
            "proposer",
            "seconders",
            "submitted_on",
            "status",
            "reason",
            "department",
            "answer",
            "answered_on",
            "satisfaction",
        ]


class ProposalInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20000)
    proposer = serializers.CharField(max_length=50)
    seconders = serializers.ListField(
        child=serializers.CharField(max_length=50), max_length=200, default=list
    )
    session = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class SuggestionInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20000)
    proposer = serializers.CharField(max_length=50)


class ReviewInSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    department = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class AnswerInSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=20000)


class RateInSerializer(serializers.Serializer):
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)


class ProposalsApi(APIView):
    permission_classes = [PROPOSALS]

    def get_permissions(self) -> list:
        # any login of the union may submit a proposal; reviewing is for the officers
        return [ANY_UNION_USER()] if self.request.method == "POST" else [PROPOSALS()]

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=ProposalKind.values),
            OpenApiParameter("status", str),
        ],
        responses={200: ProposalSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        qs = Proposal.objects.all()
        kind = request.query_params.get("kind", "")
        if kind in ProposalKind.values:
            qs = qs.filter(kind=kind)
        state = request.query_params.get("status", "")
        if state:
            qs = qs.filter(status=state[:20])
        return page(request, self, qs, ProposalSerializer)

    @extend_schema(request=ProposalInSerializer, responses={201: ProposalSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(ProposalInSerializer, request.data)
        proposal = proposals.proposal_submit(
            title=data["title"],
            body=data["body"],
            proposer=data["proposer"],
            seconders=data["seconders"],
            session_id=data.get("session"),
            actor=request.user,
        )
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


class SuggestionsApi(APIView):
    permission_classes = [ANY_UNION_USER]

    @extend_schema(request=SuggestionInSerializer, responses={201: ProposalSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(SuggestionInSerializer, request.data)
        proposal = proposals.proposal_submit(
            seconders=[], suggestion=True, actor=request.user, **data
        )
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


class ProposalDetailApi(APIView):
    permission_classes = [PROPOSALS]

    @extend_schema(responses={200: ProposalSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ProposalSerializer(get_object_or_404(Proposal, pk=pk)).data)


class ProposalReviewApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=ReviewInSerializer, responses={200: ProposalSerializer})
    def post(self, request: Request, pk: int) -> Response:
        proposal = get_object_or_404(Proposal, pk=pk)
        data = _valid(ReviewInSerializer, request.data)
        return Response(
            ProposalSerializer(
                proposals.proposal_review(proposal=proposal, actor=request.user, **data)
            ).data
        )


class ProposalAnswerApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=AnswerInSerializer, responses={200: ProposalSerializer})
    def post(self, request: Request, pk: int) -> Response:
        proposal = get_object_or_404(Proposal, pk=pk)
        data = _valid(AnswerInSerializer, request.data)
        return Response(
            ProposalSerializer(
                proposals.proposal_answer(proposal=proposal, actor=request.user, **data)
            ).data
        )


class ProposalRateApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=RateInSerializer, responses={200: ProposalSerializer})
    def post(self, request: Request, pk: int) -> Response:
        proposal = get_object_or_404(Proposal, pk=pk)
        data = _valid(RateInSerializer, request.data)
        return Response(
            ProposalSerializer(
                proposals.proposal_rate(proposal=proposal, actor=request.user, **data)
            ).data
        )


class BookApi(APIView):
    """The proposal book (提案簿) or the suggestion book (建议簿) as a printable PDF."""

    permission_classes = [MANAGE]
    kind = ProposalKind.PROPOSAL

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request: Request) -> Any:
        from django.http import HttpResponse

        from workplaces.congress.books import book_pdf

        year_param = request.query_params.get("year", "")
        year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else None
        response = HttpResponse(book_pdf(kind=self.kind, year=year), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.kind}-book.pdf"'
        return response


class SuggestionBookApi(BookApi):
    kind = ProposalKind.SUGGESTION


# --- democratic evaluation ------------------------------------------------------------------------
class SubjectInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    post = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class EvaluationInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    subjects = SubjectInSerializer(many=True, allow_empty=False, max_length=200)  # type: ignore[call-arg]


class EvaluationSerializer(serializers.ModelSerializer):
    subjects = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = ["id", "title", "is_open", "subjects"]

    def get_subjects(self, obj: Evaluation) -> list[dict]:
        return [{"id": s.pk, "name": s.name, "post": s.post} for s in obj.subjects.all()]


class GradeInSerializer(serializers.Serializer):
    subject = serializers.IntegerField(min_value=1)
    grade = serializers.ChoiceField(choices=Grade.choices)


class BallotInSerializer(serializers.Serializer):
    grades = GradeInSerializer(many=True, allow_empty=False, max_length=200)  # type: ignore[call-arg]


class EvaluationsApi(APIView):
    permission_classes = [union_roles(*MANAGERS, read=tuple(UNION_ROLES))]

    @extend_schema(responses={200: EvaluationSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return page(
            request, self, Evaluation.objects.prefetch_related("subjects"), EvaluationSerializer
        )

    @extend_schema(request=EvaluationInSerializer, responses={201: EvaluationSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(EvaluationInSerializer, request.data)
        ev = evaluation.evaluation_create(
            title=data["title"],
            subjects=[(s["name"], s["post"]) for s in data["subjects"]],
            actor=request.user,
        )
        return Response(EvaluationSerializer(ev).data, status=status.HTTP_201_CREATED)


class BallotApi(APIView):
    permission_classes = [ANY_UNION_USER]

    @extend_schema(
        request=BallotInSerializer,
        responses={201: inline_serializer("BallotCast", {"ballots": serializers.IntegerField()})},
    )
    def post(self, request: Request, pk: int) -> Response:
        ev = get_object_or_404(Evaluation, pk=pk)
        data = _valid(BallotInSerializer, request.data)
        grades = {g["subject"]: g["grade"] for g in data["grades"]}
        if len(grades) != len(data["grades"]):
            raise field_error("grades", "Grade every cadre once.", code="duplicate")
        count = evaluation.evaluation_vote(evaluation=ev, voter=request.user, grades=grades)
        return Response({"ballots": count}, status=status.HTTP_201_CREATED)


class TallySerializer(serializers.Serializer):
    subject = serializers.IntegerField()
    name = serializers.CharField()
    post = serializers.CharField()
    grades = serializers.DictField(child=serializers.IntegerField())


class TallyApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(responses={200: TallySerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        ev = get_object_or_404(Evaluation, pk=pk)
        return Response(TallySerializer(evaluation.evaluation_tally(evaluation=ev), many=True).data)


class EvaluationCloseApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=None, responses={200: EvaluationSerializer})
    def post(self, request: Request, pk: int) -> Response:
        ev = get_object_or_404(Evaluation, pk=pk)
        return Response(
            EvaluationSerializer(
                evaluation.evaluation_close(evaluation=ev, actor=request.user)
            ).data
        )


# --- federation side ------------------------------------------------------------------------------
class OverviewRowSerializer(serializers.Serializer):
    union = serializers.CharField()
    name = serializers.CharField()
    sessions = serializers.IntegerField()
    last_held_on = serializers.DateField(allow_null=True)
    delegates = serializers.IntegerField(allow_null=True)
    proposals_received = serializers.IntegerField()
    proposals_answered = serializers.IntegerField()


class OverviewQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class OverviewApi(APIView):
    permission_classes = [FED_READ]

    @extend_schema(
        parameters=[OpenApiParameter("year", int)],
        responses={200: OverviewRowSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        data = _valid(OverviewQuerySerializer, request.query_params)
        rows = selectors.congress_overview(year=data.get("year") or timezone.localdate().year)
        return page(request, self, rows, OverviewRowSerializer)
