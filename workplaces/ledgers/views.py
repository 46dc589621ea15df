"""The ledgers page and the printed books (PDF, xlsx) of the union's officers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from workplaces.activities.context import union_here
from workplaces.activities.pages import union_page
from workplaces.ledgers import printing, selectors

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def nav_register() -> None:
    from federation.platform.accounts import nav
    from federation.platform.accounts.roles import UNION_OFFICERS

    nav.register("union", "ledgers:index", gettext_lazy("Ledgers"), roles=UNION_OFFICERS, order=55)


def book_response(user, code: str, fmt: str, raw_from: str, raw_to: str) -> HttpResponse:
    """Build one printed book (the page and the API both answer with it)."""
    book = selectors.book_for(user, code)
    if book is None or fmt not in CONTENT_TYPES:
        raise Http404
    start, end = selectors.period_parse(raw_from, raw_to)
    rows = selectors.rows_of(book, start=start, end=end)
    if fmt == "pdf":
        selectors.pdf_rows_check(rows)
    build = printing.book_pdf if fmt == "pdf" else printing.book_xlsx
    content = build(book=book, union_name=union_here().name, start=start, end=end, rows=rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{code}-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"'
    )
    return response


@union_page
def index(request):
    books = selectors.books_for(request.user)
    if not books:
        raise PermissionDenied
    return render(
        request, "ledgers/index.html", {"books": books, "year": selectors.period_parse("", "")}
    )


@union_page
def printed(request, code: str, fmt: str):
    try:
        return book_response(
            request.user, code, fmt, request.GET.get("from", ""), request.GET.get("to", "")
        )
    except ValidationError as exc:
        return HttpResponse(
            " ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8"
        )
