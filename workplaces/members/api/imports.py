"""/api/v1/members/import/: the import, its background jobs and the template."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from workplaces.members import exports, imports
from workplaces.members.api.common import MANAGE_ONLY, flag
from workplaces.members.api.serializers import ImportResultSerializer
from workplaces.members.models import ImportJob


class MemberImportApi(APIView):
    permission_classes = [MANAGE_ONLY]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        parameters=[
            OpenApiParameter("dry_run", bool),
            OpenApiParameter("valid_only", bool),
            OpenApiParameter("background", bool, description="run as a job; poll its status"),
        ],
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={200: ImportResultSerializer, 202: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError(
                {"file": ["Attach the file as 'file' (multipart/form-data)."]}, code="required"
            )
        if (upload.size or 0) > imports.MAX_UPLOAD_BYTES:
            raise ValidationError({"file": ["The file is larger than 20 MB."]}, code="too_large")
        content = upload.read()
        options: dict[str, Any] = {
            "content": content,
            "filename": upload.name or "",
            "actor": request.user,
            "dry_run": flag(request, "dry_run"),
            "valid_only": flag(request, "valid_only"),
        }
        if flag(request, "background"):
            job = imports.import_job_create(**options)
            return Response(imports.import_progress(job), status=status.HTTP_202_ACCEPTED)
        result = imports.members_import(**options)
        code = (
            status.HTTP_400_BAD_REQUEST
            if result.errors and not options["valid_only"]
            else status.HTTP_200_OK
        )
        return Response(result.as_dict(), status=code)


class MemberImportJobApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
        return Response(imports.import_progress(job))


def template_response() -> HttpResponse:
    resp = HttpResponse(exports.import_template_xlsx(), content_type=exports.XLSX)
    resp["Content-Disposition"] = 'attachment; filename="member-import-template.xlsx"'
    return resp


class MemberImportTemplateApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request) -> HttpResponse:
        return template_response()
