"""Paginated list responses of the dues API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.api import Pagination


def page(
    request: Request, view: APIView, qs: QuerySet[Any], serializer: type[serializers.Serializer]
) -> Response:
    paginator = Pagination()
    rows = paginator.paginate_queryset(qs, request, view=view)
    return paginator.get_paginated_response(serializer(rows, many=True).data)
