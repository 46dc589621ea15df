"""The dues API of the federation host for money coming in from outside the unions: bank
statements and organizing targets (employers without a union, billed 筹备金)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.dues import selectors, services, statements
from federation.dues.api.inputs import DuesDeclarationInput, DuesTargetInput, parse
from federation.dues.api.outputs import DuesDeclarationOutput, DuesStatementOutput, DuesTargetOutput
from federation.dues.models import OrganizingTarget, StatementImport
from federation.platform.accounts.permissions import federation_roles
from federation.platform.accounts.roles import FED_DUES, FEDERATION_STAFF
from federation.platform.api import page


class StatementImportApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={201: DuesStatementOutput},
    )
    def post(self, request: Request) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError(
                {"file": [_("Upload a bank statement (csv or xlsx).")]}, code="required"
            )
        statement = statements.statement_import(upload=upload, actor=request.user)
        return Response(DuesStatementOutput(statement).data, status=status.HTTP_201_CREATED)


class StatementApplyApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=None, responses=DuesStatementOutput)
    def post(self, request: Request, pk: int) -> Response:
        statement = get_object_or_404(StatementImport, pk=pk)
        applied = statements.statement_apply(statement=statement, actor=request.user)
        return Response(DuesStatementOutput(applied).data)


class TargetListApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=FEDERATION_STAFF)]

    @extend_schema(responses=DuesTargetOutput(many=True))
    def get(self, request: Request) -> Response:
        return page(
            request, self, selectors.targets_list().select_related("union"), DuesTargetOutput
        )

    @extend_schema(request=DuesTargetInput, responses={201: DuesTargetOutput})
    def post(self, request: Request) -> Response:
        v = parse(DuesTargetInput, request.data)
        target = services.target_create(actor=request.user, **v)
        return Response(DuesTargetOutput(target).data, status=status.HTTP_201_CREATED)


class TargetDeclarationApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=DuesDeclarationInput, responses={201: DuesDeclarationOutput})
    def post(self, request: Request, pk: int) -> Response:
        target = get_object_or_404(OrganizingTarget, pk=pk)
        v = parse(DuesDeclarationInput, request.data)
        decl = services.declaration_submit(target=target, actor=request.user, **v)
        return Response(DuesDeclarationOutput(decl).data, status=status.HTTP_201_CREATED)
