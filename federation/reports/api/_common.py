"""What the reports API modules share: 404 on a missing or foreign object, the
xlsx content negotiation, query-parameter parsing through typed serializers."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request

M = TypeVar("M", bound=Model)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get_or_404(qs: QuerySet[M], pk: Any) -> M:
    try:
        return qs.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def query(request: Request, serializer: type[serializers.Serializer]) -> dict[str, Any]:
    """The query string parsed by a typed serializer (400 naming the parameter; a NUL byte
    is refused by every CharField)."""
    data = serializer(data=request.query_params)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class FormatParamIsOurs(DefaultContentNegotiation):
    """``?format=xlsx`` names the file format here, not DRF's renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):  # type: ignore[no-untyped-def]
        return renderers[0], renderers[0].media_type
