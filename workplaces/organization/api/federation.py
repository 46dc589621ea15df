"""The township's terms from the roll-up facts and the federation's decisions on election
applications and results (federation host)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.elections import selectors as election_selectors
from federation.elections import services as election_services
from federation.elections.models import StepStatus
from federation.platform import api_fields
from federation.platform.accounts.permissions import federation_roles
from federation.platform.api import page
from workplaces.organization import selectors
from workplaces.organization.api.common import FED_READ, validated
from workplaces.organization.api.elections import (
    ApplicationOutSerializer,
    ResultOutSerializer,
    status_param,
)
from workplaces.organization.models import TermStatus


class TownshipTermSerializer(serializers.Serializer):
    union = serializers.CharField()
    name = serializers.CharField()
    elected_on = api_fields.DateField(allow_null=True)
    ends_on = api_fields.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=TermStatus.choices)
    committee_size = serializers.IntegerField()
    women_on_committee = serializers.IntegerField()
    pending = inline_serializer(
        "PendingElectionSteps",
        {"applications": serializers.IntegerField(), "results": serializers.IntegerField()},
    )


class FederationTermsApi(APIView):
    """Every union's term from the roll-up facts; ``?status=in_term|due_soon|overdue|none``."""

    permission_classes = [FED_READ]

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=TermStatus.values)],
        responses={200: TownshipTermSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        wanted = request.query_params.get("status", "")
        rows = selectors.terms_overview(status=wanted if wanted in TermStatus.values else "")
        return page(request, self, rows, TownshipTermSerializer)


class DecisionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class FederationApplicationsApi(APIView):
    permission_classes = [FED_READ]

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=StepStatus.values)],
        responses={200: ApplicationOutSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        qs = election_selectors.applications(status=status_param(request))
        return page(request, self, qs, ApplicationOutSerializer)


class FederationApplicationDecideApi(APIView):
    permission_classes = [federation_roles()]
    approve = True

    @extend_schema(request=DecisionSerializer, responses={200: ApplicationOutSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = validated(DecisionSerializer, request.data)
        app = election_services.application_decide(
            application_id=pk, approve=self.approve, note=data["note"], actor=request.user
        )
        return Response(ApplicationOutSerializer(app).data)


class FederationApplicationReturnApi(FederationApplicationDecideApi):
    approve = False


class FederationResultsApi(APIView):
    permission_classes = [FED_READ]

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=StepStatus.values)],
        responses={200: ResultOutSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        qs = election_selectors.results(status=status_param(request))
        return page(request, self, qs, ResultOutSerializer)


class FederationResultDecideApi(APIView):
    permission_classes = [federation_roles()]
    approve = True

    @extend_schema(request=DecisionSerializer, responses={200: ResultOutSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = validated(DecisionSerializer, request.data)
        result = election_services.result_decide(
            result_id=pk, approve=self.approve, note=data["note"], actor=request.user
        )
        return Response(ResultOutSerializer(result).data)


class FederationResultReturnApi(FederationResultDecideApi):
    approve = False
