"""A union's archive over the API: the federation administrator exports any union and
imports an archive into a union; a union's chair exports its own union."""

from django.db import connection
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import federation_roles, union_roles
from tenants import selectors
from tenants.archive import MAX_ARCHIVE_BYTES, union_archive_export, union_archive_import


def _zip(union, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{union.slug}-archive.zip"'
    return response


class UnionArchiveApi(APIView):
    """GET: the union's archive (zip). POST (multipart ``file``, ``confirm`` = the slug):
    replace the union's contents with an archive."""

    permission_classes = [federation_roles()]
    parser_classes = [MultiPartParser]

    class UnionArchiveImportInputSerializer(serializers.Serializer):
        file = serializers.FileField(max_length=255)
        confirm = serializers.CharField(max_length=40)

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    def get(self, request, slug):
        union = get_object_or_404(selectors.unions_all(), slug=slug)
        return _zip(union, union_archive_export(union=union))

    @extend_schema(
        request={"multipart/form-data": UnionArchiveImportInputSerializer},
        responses=inline_serializer(
            "UnionArchiveImportOut",
            {
                "tables": serializers.IntegerField(),
                "rows": serializers.IntegerField(),
                "files": serializers.IntegerField(),
            },
        ),
    )
    def post(self, request, slug):
        union = get_object_or_404(selectors.unions_all(), slug=slug)
        data = self.UnionArchiveImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["confirm"] != union.slug:
            return Response(
                {"confirm": ["Type the union's slug to replace its contents."]}, status=400
            )
        upload = data.validated_data["file"]
        if upload.size > MAX_ARCHIVE_BYTES:
            return Response({"file": ["The archive is too large."]}, status=400)
        return Response(union_archive_import(union=union, data=upload.read()))


class OwnUnionArchiveApi(APIView):
    """A union's chair takes its own union's archive (zip)."""

    permission_classes = [union_roles()]

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    def get(self, request):
        union = getattr(connection, "tenant")  # noqa: B009 - django-tenants sets it per request
        return _zip(union, union_archive_export(union=union))
