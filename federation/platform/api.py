"""What every API view shares: pagination, the error format, small helpers."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, set_rollback
from rest_framework.views import exception_handler as drf_exception_handler

from federation.platform.errors import DomainError

log = logging.getLogger(__name__)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def page(request: Request, view: APIView, rows: Any, serializer: Any) -> Response:
    """A list response in the API's one shape (``{"count", "next", "previous",
    "results"}``, ``?page=``, ``?page_size=`` up to 200); ``rows`` is a queryset or a list."""
    paginator = Pagination()
    items: Any = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(serializer(items, many=True).data)


def validation_error_detail(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return {
            field or "non_field_errors": [str(m) for e in errs for m in e.messages]
            for field, errs in exc.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc, context):
    """DRF's handler, plus: a Django ValidationError from a service is a 400 with fields
    (and their codes); a ``DomainError`` is its own status with ``detail`` and ``code``."""
    if isinstance(exc, DjangoValidationError):
        detail = validation_error_detail(exc)
        if "__all__" in detail:
            detail["non_field_errors"] = detail.pop("__all__")
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DomainError):
        return Response({"detail": exc.detail, "code": exc.code}, status=exc.status)
    if isinstance(exc, IntegrityError):
        # A service catches the violations it expects (a duplicate reference, a second open
        # file) and raises ConflictError; one that reaches the door is a bug (a NOT NULL, a
        # missed check): logged, and a 500 that says nothing of the database.
        log.error("IntegrityError reached the API door", exc_info=exc)
        set_rollback()
        return Response(
            {"detail": "Server error.", "code": "server_error"},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)
