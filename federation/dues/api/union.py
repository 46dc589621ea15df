"""The dues API of a union host: its own declarations and notices only (another union's
are a 404)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.dues import selectors, services
from federation.dues.api.inputs import (
    DuesDeclarationCorrectInput,
    DuesDeclarationInput,
    DuesNoticeFilterInput,
    parse,
)
from federation.dues.api.outputs import DuesNoticeOutput, DuesUnionDeclarationOutput
from federation.dues.models import NoticeStatus
from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import FINANCE, UNION_OFFICERS
from federation.platform.api import page
from tenants.context import current_union


class UnionDeclarationsApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(responses=DuesUnionDeclarationOutput(many=True))
    def get(self, request: Request) -> Response:
        qs = selectors.declaration_list(union=current_union()).select_related("notice")
        return page(request, self, qs, DuesUnionDeclarationOutput)

    @extend_schema(request=DuesDeclarationInput, responses={201: DuesUnionDeclarationOutput})
    def post(self, request: Request) -> Response:
        v = parse(DuesDeclarationInput, request.data)
        decl = services.declaration_submit(union=current_union(), actor=request.user, **v)
        return Response(DuesUnionDeclarationOutput(decl).data, status=status.HTTP_201_CREATED)


class UnionDeclarationDetailApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(responses=DuesUnionDeclarationOutput)
    def get(self, request: Request, pk: int) -> Response:
        decl = get_object_or_404(selectors.declaration_list(union=current_union()), pk=pk)
        return Response(DuesUnionDeclarationOutput(decl).data)

    @extend_schema(request=DuesDeclarationCorrectInput, responses=DuesUnionDeclarationOutput)
    def patch(self, request: Request, pk: int) -> Response:
        decl = get_object_or_404(selectors.declaration_list(union=current_union()), pk=pk)
        v = parse(DuesDeclarationCorrectInput, request.data)
        decl = services.declaration_correct(
            declaration=decl,
            payroll_total=v["payroll_total"],
            headcount=v.get("headcount", decl.headcount),
            reason=v["reason"],
            actor=request.user,
        )
        return Response(DuesUnionDeclarationOutput(decl).data)


class UnionNoticeListApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(
        parameters=[
            OpenApiParameter("period", str),
            OpenApiParameter("status", enum=NoticeStatus.values),
        ],
        responses=DuesNoticeOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        f = parse(DuesNoticeFilterInput, request.query_params)
        qs = selectors.notice_list(
            union=current_union(),
            period=f["period"].code if f.get("period") else "",
            status=f.get("status", ""),
        )
        return page(request, self, qs, DuesNoticeOutput)


class UnionNoticeDetailApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(responses=DuesNoticeOutput)
    def get(self, request: Request, pk: int) -> Response:
        notice = get_object_or_404(selectors.union_notices(union=current_union()), pk=pk)
        return Response(DuesNoticeOutput(notice).data)
