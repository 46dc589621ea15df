"""/api/v1/homes/ on a union host: the union's own assessments only (another union's are a
404), its self-assessment, evidence files, submission, certificate and title."""

from __future__ import annotations

from django.http import HttpResponse
from django.http.response import HttpResponseBase
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.homes import selectors, services
from federation.homes.api import inputs as i
from federation.homes.api import outputs as o
from federation.homes.api.common import FILE, PDF, certificate_response, evidence_response
from federation.homes.api.federation import found
from federation.homes.models import Assessment
from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import UNION_OFFICERS, VICE_CHAIR
from federation.platform.api import page
from tenants.context import current_union

UNION_WRITERS = (VICE_CHAIR,)


def _own(pk: int) -> Assessment:
    return found(selectors.union_assessment_get, union=current_union(), pk=pk)


def _data(pk: int) -> Response:
    return Response(o.assessment_data(_own(pk), side="union"))


class UnionAssessmentListApi(APIView):
    permission_classes = [union_roles(read=UNION_OFFICERS)]

    @extend_schema(operation_id="homes_assessments_list", responses=o.ResultOutput(many=True))
    def get(self, request: Request) -> Response:
        qs = selectors.union_assessments(union=current_union())
        return page(request, self, qs, o.ResultOutput)


class UnionAssessmentDetailApi(APIView):
    permission_classes = [union_roles(*UNION_WRITERS, read=UNION_OFFICERS)]

    @extend_schema(operation_id="homes_assessments_retrieve", responses=o.AssessmentOutput)
    def get(self, request: Request, pk: int) -> Response:
        return _data(pk)

    @extend_schema(
        operation_id="homes_assessments_update",
        request=i.SelfAssessmentInput,
        responses=o.AssessmentOutput,
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = i.parsed(i.SelfAssessmentInput, request.data)
        a = services.assessment_save(
            union=current_union(), assessment=_own(pk), **data, actor=request.user
        )
        return _data(a.pk)


class UnionEvidenceApi(APIView):
    permission_classes = [union_roles(*UNION_WRITERS)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="homes_evidence_create",
        request={"multipart/form-data": i.EvidenceInput},
        responses={201: o.FileOutput},
    )
    def post(self, request: Request, pk: int) -> Response:
        # the file itself is checked by the service (type by content, size): one message
        code = request.data.get("code") if isinstance(request.data, dict) else ""
        evidence = services.evidence_add(
            union=current_union(),
            assessment=_own(pk),
            file=request.FILES.get("file"),
            code=code.strip()[:20] if isinstance(code, str) else "",
            actor=request.user,
        )
        return Response(o.FileOutput(evidence).data, status=status.HTTP_201_CREATED)


class UnionEvidenceDetailApi(APIView):
    permission_classes = [union_roles(*UNION_WRITERS, read=UNION_OFFICERS)]

    @extend_schema(operation_id="homes_evidence_download", responses=FILE)
    def get(self, request: Request, pk: int, file_id: int) -> HttpResponseBase:
        return evidence_response(found(selectors.evidence_get, assessment=_own(pk), pk=file_id))

    @extend_schema(operation_id="homes_evidence_destroy", responses={204: None})
    def delete(self, request: Request, pk: int, file_id: int) -> Response:
        services.evidence_remove(
            union=current_union(), assessment=_own(pk), evidence_id=file_id, actor=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class UnionSubmitApi(APIView):
    permission_classes = [union_roles(*UNION_WRITERS)]

    @extend_schema(
        operation_id="homes_assessments_submit", request=None, responses=o.AssessmentOutput
    )
    def post(self, request: Request, pk: int) -> Response:
        a = services.assessment_submit(
            union=current_union(), assessment=_own(pk), actor=request.user
        )
        return _data(a.pk)


class UnionCertificateApi(APIView):
    permission_classes = [union_roles(read=UNION_OFFICERS)]

    @extend_schema(operation_id="homes_assessments_certificate", responses=PDF)
    def get(self, request: Request, pk: int) -> HttpResponse:
        return certificate_response(_own(pk))


class UnionTitleApi(APIView):
    permission_classes = [union_roles(read=UNION_OFFICERS)]

    @extend_schema(
        operation_id="homes_title",
        responses=inline_serializer(
            "UnionTitles",
            {"current": o.TitleOutput(allow_null=True), "history": o.TitleOutput(many=True)},
        ),
    )
    def get(self, request: Request) -> Response:
        union = current_union()
        current = selectors.union_title(union=union)
        return Response(
            {
                "current": o.TitleOutput(current).data if current else None,
                "history": o.TitleOutput(selectors.union_titles(union=union), many=True).data,
            }
        )
