"""Ledgers API (union host): the list of books and one book printed for a period."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from workplaces.activities.api import UnionUser
from workplaces.ledgers import selectors
from workplaces.ledgers.views import book_response


class IgnoreFormatNegotiation(BaseContentNegotiation):
    """``?format=pdf|xlsx`` picks the printed book's type here, not a DRF renderer."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class BookListApi(APIView):
    permission_classes = [UnionUser]

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

    permission_classes = [UnionUser]
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
