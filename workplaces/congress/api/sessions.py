"""The congress term, its delegates and their composition, sessions with attendance, motions
and documents (union host)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.api import page
from workplaces.congress import selectors, services
from workplaces.congress.api.common import MANAGE, validated
from workplaces.congress.minutes import MINUTES_MAX, session_minutes_pdf, session_minutes_write
from workplaces.congress.models import (
    Congress,
    CongressKind,
    Delegate,
    DelegateCategory,
    Motion,
    Satisfaction,
    Session,
)
from workplaces.congress.report import UNRATED, session_proposals_report


class CongressSerializer(serializers.ModelSerializer):
    class Meta:
        model = Congress
        fields = ["id", "kind", "starts_on", "term_years", "ends_on", "is_current"]


class CongressInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CongressKind.choices)
    starts_on = api_fields.DateField()
    term_years = serializers.IntegerField(min_value=1, max_value=10)


class CongressesApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: CongressSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return page(request, self, Congress.objects.all(), CongressSerializer)

    @extend_schema(request=CongressInSerializer, responses={201: CongressSerializer})
    def post(self, request: Request) -> Response:
        congress = services.congress_create(
            actor=request.user, **validated(CongressInSerializer, request.data)
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

        data = validated(DelegateInSerializer, request.data)
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


class SessionInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CongressKind.choices)
    title = serializers.CharField(max_length=200)
    held_on = api_fields.DateField()
    delegates_total = serializers.IntegerField(min_value=1, max_value=100_000)
    delegates_present = serializers.IntegerField(min_value=0, max_value=100_000)
    proposals_deadline = api_fields.DateField(required=False, allow_null=True)


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
        year = api_fields.year_query(request)
        if year is not None:
            qs = qs.filter(held_on__year=year)
        return page(request, self, qs, SessionSerializer)

    @extend_schema(request=SessionInSerializer, responses={201: SessionSerializer})
    def post(self, request: Request) -> Response:
        session = services.session_record(
            actor=request.user, **validated(SessionInSerializer, request.data)
        )
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)


class ReportedProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    proposer = serializers.CharField()
    department = serializers.CharField()
    answered_on = api_fields.DateField(allow_null=True)
    satisfaction = serializers.CharField(help_text=f"{' | '.join([*Satisfaction.values, UNRATED])}")


class ProposalsReportSerializer(serializers.Serializer):
    """The proposals' handling report the session hears (提案办理情况)."""

    since = api_fields.DateField(allow_null=True)
    previous_session = serializers.IntegerField(allow_null=True)
    answered = ReportedProposalSerializer(many=True)
    satisfaction = serializers.DictField(child=serializers.IntegerField())
    in_hand = ReportedProposalSerializer(many=True)


class SessionDetailSerializer(SessionSerializer):
    proposals_report = serializers.SerializerMethodField()

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "minutes", "proposals_report"]

    @extend_schema_field(ProposalsReportSerializer)
    def get_proposals_report(self, obj: Session) -> dict:
        return ProposalsReportSerializer(session_proposals_report(session=obj)).data


class SessionDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: SessionDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(SessionDetailSerializer(get_object_or_404(Session, pk=pk)).data)


class MinutesInSerializer(serializers.Serializer):
    minutes = serializers.CharField(max_length=MINUTES_MAX, allow_blank=True)


class SessionMinutesTextApi(APIView):
    """Record or correct the minutes text of a session (audited)."""

    permission_classes = [MANAGE]

    @extend_schema(request=MinutesInSerializer, responses={200: SessionDetailSerializer})
    def put(self, request: Request, pk: int) -> Response:
        session = get_object_or_404(Session, pk=pk)
        data = validated(MinutesInSerializer, request.data)
        session = session_minutes_write(
            session=session, minutes=data["minutes"], actor=request.user
        )
        return Response(SessionDetailSerializer(session).data)


class SessionMinutesApi(APIView):
    """The session's minutes (会议纪要) as a printable PDF, with the proposals' handling
    report it heard."""

    permission_classes = [MANAGE]

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request: Request, pk: int) -> HttpResponse:
        session = get_object_or_404(Session, pk=pk)
        response = HttpResponse(
            session_minutes_pdf(session=session), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="session-{session.pk}-minutes.pdf"'
        return response


class AttendanceInSerializer(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(min_value=1), max_length=100_000)


class AttendanceApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=AttendanceInSerializer, responses={200: SessionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        session = get_object_or_404(Session, pk=pk)
        data = validated(AttendanceInSerializer, request.data)
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
            session=session, actor=request.user, **validated(MotionInSerializer, request.data)
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
        data = validated(DocumentInSerializer, request.data)
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
