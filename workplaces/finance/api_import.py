"""API of the member dues import: ``POST /api/v1/finance/member-dues/import/`` (multipart
``file``, ``?dry_run=1``, ``?valid_only=1``) and its xlsx template."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import FINANCE
from workplaces.activities.api import validated
from workplaces.finance import dues_import
from workplaces.members.imports.reading import bad_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportOptions(serializers.Serializer):
    dry_run = serializers.BooleanField(required=False, default=False)
    valid_only = serializers.BooleanField(required=False, default=False)


class ImportRowError(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField()
    field = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField()


ImportResult = inline_serializer(
    name="DuesImportResult",
    fields={
        "total": serializers.IntegerField(),
        "recorded": serializers.IntegerField(),
        "already_recorded": serializers.IntegerField(),
        "amount": serializers.CharField(),
        "errors": ImportRowError(many=True),
        "collections": serializers.ListField(child=serializers.CharField()),
        "written": serializers.BooleanField(),
        "dry_run": serializers.BooleanField(),
    },
)


class DuesImportApi(APIView):
    """Rows with errors: 400 and nothing written, unless ``valid_only`` (then 200 with the
    valid rows recorded and the errors listed). A payment recorded before is counted in
    ``already_recorded`` and not recorded again."""

    permission_classes = [union_roles(FINANCE)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        parameters=[OpenApiParameter("dry_run", bool), OpenApiParameter("valid_only", bool)],
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={
            200: ImportResult,
            # the same shape when rows have errors; ``{"file": [...]}`` for an unreadable file
            400: OpenApiTypes.OBJECT,
        },
    )
    def post(self, request):
        options = validated(ImportOptions, request.query_params)
        upload = request.FILES.get("file")
        if upload is None:
            raise bad_file("Attach the file as 'file' (multipart/form-data).", "required")
        dues_import.upload_check(size=upload.size or 0)
        result = dues_import.dues_import(
            actor=request.user,
            content=upload.read(dues_import.upload_limit_bytes() + 1),
            filename=upload.name or "",
            **options,
        )
        code = (
            status.HTTP_400_BAD_REQUEST
            if result.errors and not options["valid_only"]
            else status.HTTP_200_OK
        )
        return Response(result.as_dict(), status=code)


class DuesImportTemplateApi(APIView):
    permission_classes = [union_roles(FINANCE)]

    @extend_schema(responses={(200, XLSX): OpenApiTypes.BINARY})
    def get(self, request):
        return template_response()


def template_response() -> HttpResponse:
    response = HttpResponse(dues_import.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="member-dues-import-template.xlsx"'
    return response


union_api = [
    path(
        "api/v1/finance/member-dues/import/",
        DuesImportApi.as_view(),
        name="api-member-dues-import",
    ),
    path(
        "api/v1/finance/member-dues/import/template/",
        DuesImportTemplateApi.as_view(),
        name="api-member-dues-import-template",
    ),
]
