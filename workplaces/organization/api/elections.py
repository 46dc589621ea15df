"""Election (换届) steps at the union: the application to the federation and the result (union
host)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.elections import selectors as election_selectors
from federation.elections.models import ElectionApplication, ElectionResult, StepStatus
from federation.platform import api_fields
from federation.platform.api import page
from workplaces.organization import elections
from workplaces.organization.api.common import MANAGE, MAX_SEATS, validated
from workplaces.organization.models import Position


class ApplicationInSerializer(serializers.Serializer):
    planned_on = api_fields.DateField()
    seats = serializers.IntegerField(min_value=1, max_value=MAX_SEATS)
    competitive = serializers.BooleanField(default=True)
    candidates = serializers.ListField(
        child=serializers.CharField(max_length=50), allow_empty=False, max_length=MAX_SEATS * 2
    )


class ApplicationOutSerializer(serializers.ModelSerializer):
    union = serializers.CharField(source="union.slug")

    class Meta:
        model = ElectionApplication
        fields = [
            "id",
            "union",
            "planned_on",
            "seats",
            "competitive",
            "candidates",
            "status",
            "submitted_at",
            "decided_at",
            "note",
        ]


class CandidateInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    votes = serializers.IntegerField(min_value=0, max_value=10_000_000)
    position = serializers.ChoiceField(choices=Position.choices, default=Position.MEMBER)
    member = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    user = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    woman = serializers.BooleanField(allow_null=True, required=False, default=None)


class ResultInSerializer(serializers.Serializer):
    application = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    held_on = api_fields.DateField()
    term_years = serializers.IntegerField(min_value=1, max_value=10)
    eligible_voters = serializers.IntegerField(min_value=1, max_value=10_000_000)
    voters_present = serializers.IntegerField(min_value=0, max_value=10_000_000)
    candidates = CandidateInSerializer(many=True, allow_empty=False, max_length=MAX_SEATS * 2)  # type: ignore[call-arg]


class ResultOutSerializer(serializers.ModelSerializer):
    union = serializers.CharField(source="union.slug")
    elected = serializers.SerializerMethodField()

    class Meta:
        model = ElectionResult
        fields = [
            "id",
            "union",
            "application",
            "held_on",
            "term_years",
            "eligible_voters",
            "voters_present",
            "valid",
            "candidates",
            "elected",
            "status",
            "submitted_at",
            "decided_at",
            "note",
            "term_ref",
        ]

    def get_elected(self, obj: ElectionResult) -> list[str]:
        return [c["name"] for c in obj.elected]


def status_param(request: Request) -> str:
    value = request.query_params.get("status", "")
    return value if value in StepStatus.values else ""


class UnionApplicationsApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: ApplicationOutSerializer(many=True)})
    def get(self, request: Request) -> Response:
        from workplaces.organization.common import this_union

        qs = election_selectors.applications(union=this_union(), status=status_param(request))
        return page(request, self, qs, ApplicationOutSerializer)

    @extend_schema(request=ApplicationInSerializer, responses={201: ApplicationOutSerializer})
    def post(self, request: Request) -> Response:
        data = validated(ApplicationInSerializer, request.data)
        app = elections.application_submit(actor=request.user, **data)
        return Response(ApplicationOutSerializer(app).data, status=status.HTTP_201_CREATED)


class UnionResultsApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: ResultOutSerializer(many=True)})
    def get(self, request: Request) -> Response:
        from workplaces.organization.common import this_union

        qs = election_selectors.results(union=this_union(), status=status_param(request))
        return page(request, self, qs, ResultOutSerializer)

    @extend_schema(request=ResultInSerializer, responses={201: ResultOutSerializer})
    def post(self, request: Request) -> Response:
        data = validated(ResultInSerializer, request.data)
        candidates = [elections.CandidateInput(**c) for c in data.pop("candidates")]
        result = elections.result_submit(
            candidates=candidates,
            application_id=data.pop("application", None),
            actor=request.user,
            **data,
        )
        return Response(ResultOutSerializer(result).data, status=status.HTTP_201_CREATED)
