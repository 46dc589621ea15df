"""/api/v1/homes/ on the federation host: schemes, rounds, reviews, titles, the rule table
and the overview. Doors: parse with the typed inputs, call one service or selector."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.homes import selectors, services
from federation.homes.api import inputs as i
from federation.homes.api import outputs as o
from federation.homes.api.common import (
    FILE,
    PDF,
    certificate_response,
    evidence_response,
)
from federation.homes.models import Assessment, Round, Status, Title
from federation.platform.accounts.permissions import federation_roles
from federation.platform.accounts.roles import FED_ASSESSOR, FEDERATION_STAFF
from federation.platform.api import page

ASSESSMENT_FILTERS = [
    OpenApiParameter("round", int),
    OpenApiParameter("status", str, enum=Status.values),
    OpenApiParameter("union", str),
]


def found(getter: Any, **kwargs: Any) -> Any:
    try:
        return getter(**kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


def _assessment(pk: int) -> Assessment:
    return found(selectors.assessment_get, pk=pk)


def _round(pk: int) -> Round:
    return found(selectors.round_get, pk=pk)


def _reviewed(a: Assessment) -> Response:
    return Response(o.assessment_data(selectors.assessment_get(pk=a.pk), side="federation"))


class SchemeListApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR, read=FEDERATION_STAFF)]

    @extend_schema(operation_id="homes_schemes_list", responses=o.SchemeOutput(many=True))
    def get(self, request: Request) -> Response:
        return page(request, self, selectors.scheme_list(), o.SchemeOutput)

    @extend_schema(
        operation_id="homes_schemes_create", request=i.SchemeInput, responses={201: o.SchemeOutput}
    )
    def post(self, request: Request) -> Response:
        scheme = services.scheme_create(**i.parsed(i.SchemeInput, request.data), actor=request.user)
        data = o.SchemeOutput(selectors.scheme_get(pk=scheme.pk)).data
        return Response(data, status=status.HTTP_201_CREATED)


class SchemeDetailApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(operation_id="homes_schemes_retrieve", responses=o.SchemeOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(o.SchemeOutput(found(selectors.scheme_get, pk=pk)).data)


class RoundListApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR, read=FEDERATION_STAFF)]

    @extend_schema(operation_id="homes_rounds_list", responses=o.RoundOutput(many=True))
    def get(self, request: Request) -> Response:
        return page(request, self, selectors.round_list(), o.RoundOutput)

    @extend_schema(
        operation_id="homes_rounds_create",
        request=i.RoundInput,
        responses={201: o.RoundDetailOutput},
    )
    def post(self, request: Request) -> Response:
        rnd = services.round_open(**i.parsed(i.RoundInput, request.data), actor=request.user)
        data = o.RoundDetailOutput(selectors.round_get(pk=rnd.pk)).data
        return Response(data, status=status.HTTP_201_CREATED)


class RoundDetailApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(operation_id="homes_rounds_retrieve", responses=o.RoundDetailOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(o.RoundDetailOutput(_round(pk)).data)


class RoundResultsApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(operation_id="homes_rounds_results", responses=o.ResultOutput(many=True))
    def get(self, request: Request, pk: int) -> Response:
        return page(request, self, selectors.round_results(round=_round(pk)), o.ResultOutput)


class RoundCloseApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR)]

    @extend_schema(operation_id="homes_rounds_close", request=None, responses=o.RoundOutput)
    def post(self, request: Request, pk: int) -> Response:
        rnd = services.round_close(round=_round(pk), actor=request.user)
        return Response(o.RoundOutput(rnd).data)


class RoundReviewApi(APIView):
    """Review by round and union slug; a union not in the round is a 400 on ``union``."""

    permission_classes = [federation_roles(FED_ASSESSOR)]

    @extend_schema(
        operation_id="homes_rounds_review", request=i.RoundReviewInput, responses=o.AssessmentOutput
    )
    def post(self, request: Request, pk: int) -> Response:
        rnd = _round(pk)
        data = i.parsed(i.RoundReviewInput, request.data)
        a = selectors.round_assessment(round=rnd, union_slug=data["union"])
        return _reviewed(services.assessment_review(assessment=a, **data, actor=request.user))


class AssessmentListApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    class Filters(serializers.Serializer):
        round = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
        status = serializers.ChoiceField(choices=Status.choices, required=False)
        union = serializers.CharField(required=False, max_length=40)

    @extend_schema(
        operation_id="homes_assessments_list",
        parameters=ASSESSMENT_FILTERS,
        responses=o.ResultOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        f = i.parsed(self.Filters, request.query_params.dict())
        qs = selectors.assessment_list(
            round_id=f.get("round"), status=f.get("status", ""), union_slug=f.get("union", "")
        )
        return page(request, self, qs, o.ResultOutput)


class AssessmentDetailApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(operation_id="homes_assessments_retrieve", responses=o.AssessmentOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(o.assessment_data(_assessment(pk), side="federation"))


class AssessmentReviewApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR)]

    @extend_schema(
        operation_id="homes_assessments_review",
        request=i.ReviewInput,
        responses=o.AssessmentOutput,
    )
    def post(self, request: Request, pk: int) -> Response:
        a = _assessment(pk)
        data = i.parsed(i.ReviewInput, request.data)
        return _reviewed(services.assessment_review(assessment=a, **data, actor=request.user))


class AssessmentReopenApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR)]

    @extend_schema(
        operation_id="homes_assessments_reopen", request=i.ReopenInput, responses=o.AssessmentOutput
    )
    def post(self, request: Request, pk: int) -> Response:
        data = i.parsed(i.ReopenInput, request.data)
        a = services.assessment_reopen(assessment=_assessment(pk), **data, actor=request.user)
        return _reviewed(a)


class CertificateApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(operation_id="homes_assessments_certificate", responses=PDF)
    def get(self, request: Request, pk: int) -> HttpResponse:
        return certificate_response(_assessment(pk))


class EvidenceDownloadApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(operation_id="homes_evidence_download", responses=FILE)
    def get(self, request: Request, pk: int, file_id: int) -> HttpResponseBase:
        a = _assessment(pk)
        return evidence_response(found(selectors.evidence_get, assessment=a, pk=file_id))


class TitleListApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(
        operation_id="homes_titles_list",
        parameters=[OpenApiParameter("current", bool)],
        responses=o.TitleOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        current = request.query_params.get("current") in ("1", "true", "yes")
        return page(request, self, selectors.title_list(current=current), o.TitleOutput)


class TitleWithdrawApi(APIView):
    permission_classes = [federation_roles(FED_ASSESSOR)]

    @extend_schema(
        operation_id="homes_titles_withdraw", request=i.WithdrawInput, responses=o.TitleOutput
    )
    def post(self, request: Request, pk: int) -> Response:
        title = found(Title.objects.get, pk=pk)
        data = i.parsed(i.WithdrawInput, request.data)
        return Response(
            o.TitleOutput(services.title_withdraw(title=title, **data, actor=request.user)).data
        )


class RuleApi(APIView):
    """The staff-home rule table: the member-share veto threshold, re-check interval and
    reminder days, each row in force from its date."""

    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(operation_id="homes_rules_list", responses=o.RuleOutput(many=True))
    def get(self, request: Request) -> Response:
        return page(request, self, selectors.rule_list(), o.RuleOutput)

    @extend_schema(
        operation_id="homes_rules_create", request=i.RuleInput, responses={201: o.RuleOutput}
    )
    def post(self, request: Request) -> Response:
        row = services.rule_set(**i.parsed(i.RuleInput, request.data), actor=request.user)
        return Response(o.RuleOutput(row).data, status=status.HTTP_201_CREATED)


class OverviewApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(operation_id="homes_overview", responses=o.OverviewOutput)
    def get(self, request: Request) -> Response:
        overview = selectors.township_overview()
        returned = [
            {
                "assessment": r["assessment"].pk,
                "union": r["assessment"].union.slug,
                "round": r["assessment"].round.title,
                "reason": r["reason"],
                "deadline": str(r["assessment"].effective_deadline),
            }
            for r in overview["returned"]
        ]
        return Response(o.OverviewOutput({**overview, "returned": returned}).data)
