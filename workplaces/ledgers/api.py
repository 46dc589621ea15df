"""Ledgers API (union host): the list of books and one book printed for a period."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import UNION_OFFICERS
from workplaces.ledgers import selectors
from workplaces.ledgers.views import book_response

# the officers print books (which books: each book's roles, checked per book; a book the
# user may not print is a 404); group leaders and plain members print none
OFFICERS = union_roles(*UNION_OFFICERS)


class IgnoreFormatNegotiation(BaseContentNegotiation):
    """``?format=pdf|xlsx`` picks the printed book's type here, not a DRF renderer."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class BookListApi(APIView):
    permission_classes = [OFFICERS]

    @extend_schema(operation_id="ledgers_list", responses={200: dict})
    def get(self, request):
        books = selectors.books_for(request.user)
        if not books:
            return Response({"detail": "Not allowed."}, status=403)
        return Response(
            {
                "results": [
                    {"code": b.code, "title": str(b.title), "columns": [str(c) for c in b.columns]}
                    for b in books
                ]
            }
        )


class BookApi(APIView):
    """``?format=pdf|xlsx&from=YYYY-MM-DD&to=YYYY-MM-DD`` (default: this calendar year)."""

    permission_classes = [OFFICERS]
    content_negotiation_class = IgnoreFormatNegotiation

    @extend_schema(
        operation_id="ledgers_book",
        parameters=[
            OpenApiParameter("from", str),
            OpenApiParameter("to", str),
            OpenApiParameter("format", enum=["pdf", "xlsx"]),
        ],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request, code: str):
        fmt = request.query_params.get("format", "pdf")
        return book_response(
            request.user,
            code,
            fmt,
            request.query_params.get("from", ""),
            request.query_params.get("to", ""),
        )


union_api = [
    path("api/v1/ledgers/", BookListApi.as_view(), name="api-ledgers"),
    path("api/v1/ledgers/<slug:code>/", BookApi.as_view(), name="api-ledger"),
]
