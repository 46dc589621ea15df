"""Reads of the ledgers: the books a user may print, one book's rows for a period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import UNION_OFFICERS
from federation.platform.actors import Actor
from workplaces.ledgers.registry import Book, book_get, book_rows, books_all


def can_print(user: Actor, book: Book) -> bool:
    return has_role(user, *(book.roles or UNION_OFFICERS))


def books_for(user: Actor) -> list[Book]:
    return [b for b in books_all() if can_print(user, b)]


def period_parse(raw_from: str, raw_to: str) -> tuple[dt.date, dt.date]:
    """The period of a book: ``from``/``to`` dates, by default this calendar year."""
    year = timezone.localdate().year
    try:
        start = dt.date.fromisoformat(raw_from) if raw_from else dt.date(year, 1, 1)
    except ValueError:
        raise ValidationError({"from": _("A date such as 2026-01-01.")}, code="invalid") from None
    try:
        end = dt.date.fromisoformat(raw_to) if raw_to else dt.date(start.year, 12, 31)
    except ValueError:
        raise ValidationError({"to": _("A date such as 2026-12-31.")}, code="invalid") from None
    if end < start:
        raise ValidationError({"to": _("The end is before the start.")}, code="order")
    if (end - start).days > 366 * 5:
        raise ValidationError({"to": _("At most five years at a time.")}, code="too_long")
    return start, end


def book_for(user: Actor, code: str) -> Book | None:
    book = book_get(code)
    return book if book is not None and can_print(user, book) else None


def rows_of(book: Book, *, start: dt.date, end: dt.date) -> list[list[Any]]:
    return book_rows(book, start=start, end=end)


def pdf_rows_check(rows: list[Any]) -> None:
    """A printed PDF holds at most the rule ``ledgers.pdf_max_rows`` rows: a PDF is laid
    out inside the request (10,000 rows ~2 s, 50,000 ~9 s and +330 MB of the web server);
    a longer book is asked for as xlsx, or for a shorter period."""
    from federation.rules.selectors import rule_value

    cap = int(rule_value("ledgers.pdf_max_rows"))
    if len(rows) > cap:
        raise ValidationError(
            {
                "format": [
                    _(
                        "This book has %(n)s rows, more than a PDF holds (%(cap)s): "
                        "download it as xlsx or choose a shorter period."
                    )
                    % {"n": len(rows), "cap": cap}
                ]
            },
            code="too_many_rows",
        )
