"""What every API view shares: pagination, the error format, small helpers."""

import json
import logging
from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import IntegrityError
from django.db.models import Count, QuerySet, Window
from django.db.models.query import ModelIterable, ValuesIterable
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView, set_rollback
from rest_framework.views import exception_handler as drf_exception_handler

from federation.platform.errors import DomainError

log = logging.getLogger(__name__)

ERROR_CODES_HEADER = "X-Error-Codes"
ERROR_CODES_MAX = 4000


_TOTAL = "_page_total"
_MAX_OFFSET = 2**63 - 1


class WindowCountPaginator(Paginator):
    """A page of a queryset read with its total in the same statement (``COUNT(*) OVER
    ()``) instead of a ``COUNT`` query before it: one statement per list request less
    (issue 16, load test). An empty page past the first is invalid (a 404, as before)
    without counting. Querysets a window count could miscount (DISTINCT, UNION, already
    sliced) or that yield neither models nor dicts are counted the usual way."""

    def _windowed(self) -> bool:
        qs = self.object_list
        return (
            isinstance(qs, QuerySet)
            and qs._iterable_class in (ModelIterable, ValuesIterable)
            and not qs.query.distinct
            and not qs.query.combinator
            and not qs.query.is_sliced
        )

    def page(self, number: Any) -> Page:
        if not self._windowed():
            return super().page(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("That page number is not an integer") from exc
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        bottom = (number - 1) * self.per_page
        if bottom + self.per_page > _MAX_OFFSET:  # PostgreSQL's OFFSET is a bigint
            raise EmptyPage("That page contains no results")
        qs = cast(QuerySet, self.object_list).annotate(**{_TOTAL: Window(Count("*"))})
        rows = list(qs[bottom : bottom + self.per_page])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        total = 0
        for row in rows:
            if isinstance(row, dict):
                total = row.pop(_TOTAL)
            else:
                total = getattr(row, _TOTAL)
                delattr(row, _TOTAL)
        self.__dict__["count"] = total  # Paginator.count is a cached property
        return Page(rows, number, self)


class Pagination(PageNumberPagination):
    django_paginator_class = WindowCountPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def page(
    request: Request,
    view: APIView,
    rows: Any,
    serializer: type[BaseSerializer] | Callable[[Any], Any],
    *,
    context: dict[str, Any] | None = None,
) -> Response:
    """A list response in the API's one shape (``{"count", "next", "previous",
    "results"}``, ``?page=``, ``?page_size=`` up to 200); ``rows`` is a queryset or a list.
    ``serializer`` is an output serializer class (given ``context``) or a function that
    shapes one row."""
    paginator = Pagination()
    items: Any = paginator.paginate_queryset(rows, request, view=view) or []
    data: Any
    if isinstance(serializer, type) and issubclass(serializer, BaseSerializer):
        data = serializer(items, many=True, context=context or {}).data
    else:
        shape = cast(Callable[[Any], Any], serializer)
        data = [shape(item) for item in items]
    return paginator.get_paginated_response(data)


def validated(serializer_class: type[BaseSerializer], data: Any, **kwargs: Any) -> dict[str, Any]:
    """The validated input of a request through its input serializer (``partial=True`` and
    the like pass through); bad input is a 400 naming the fields, with their codes."""
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _field(name: str | None) -> str:
    return "non_field_errors" if name in (None, "", "__all__") else str(name)


def validation_error_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            _field(field): [str(m) for e in errs for m in e.messages]
            for field, errs in exc.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def validation_error_codes(exc: DjangoValidationError) -> dict[str, list[str]]:
    """The same keys as ``validation_error_detail``, each message's ``code`` in its place
    (``invalid`` when a service gave none)."""
    pairs = exc.error_dict.items() if hasattr(exc, "error_dict") else [(None, [exc])]
    return {
        _field(field): [e.code or "invalid" for err in errs for e in err.error_list]
        for field, errs in pairs
    }


def _codes_header(response: Response, codes: Any) -> Response:
    """The 400 body keeps the contract's shape (``{"field": ["message", ...]}``); the codes
    travel beside it in ``X-Error-Codes`` (the same keys, JSON), unless that grows too big
    for a header."""
    encoded = json.dumps(codes, separators=(",", ":"), ensure_ascii=True, default=str)
    if len(encoded) <= ERROR_CODES_MAX:
        response[ERROR_CODES_HEADER] = encoded
    return response


def exception_handler(exc, context):
    """DRF's handler, plus: a Django ValidationError from a service is a 400 with fields
    (their codes in the ``X-Error-Codes`` header); a ``DomainError`` is its own status with
    ``detail`` and ``code``."""
    if isinstance(exc, DjangoValidationError):
        response = Response(validation_error_detail(exc), status=status.HTTP_400_BAD_REQUEST)
        return _codes_header(response, validation_error_codes(exc))
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
    handled = drf_exception_handler(exc, context)
    if handled is not None and isinstance(exc, exceptions.ValidationError):
        _codes_header(handled, exc.get_codes())
    return handled
