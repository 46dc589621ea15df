"""The paper ledgers (七簿三档三册) as a registry: each book names its columns and a
function giving its rows for a period, computed inside the union's schema from live
records. Modules add their books (or rows to a book) from their ``AppConfig.ready()``::

    from workplaces.ledgers.registry import Book, book_register, rows_contribute
    book_register(Book(code="proposals", title=_("Proposal book"), columns=[...], order=40))
    rows_contribute("proposals", proposal_rows)   # rows(start, end) -> list of row lists

A row's first cell is the date it sorts by. A book without contributors prints empty and
labelled, never fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Rows = Callable[[dt.date, dt.date], list[list[Any]]]


@dataclass
class Book:
    code: str
    title: Any
    columns: Sequence[Any]
    order: int = 50
    # roles that may print it (empty: every officer); the chair passes every check
    roles: tuple[str, ...] = ()
    widths: Sequence[float] = ()  # relative column widths for the PDF
    landscape: bool = False
    contributors: list[Rows] = field(default_factory=list)


_BOOKS: dict[str, Book] = {}


def book_register(book: Book) -> Book:
    """Add a book (idempotent by code: a second registration keeps the contributors)."""
    existing = _BOOKS.get(book.code)
    if existing is not None:
        book.contributors = existing.contributors
    _BOOKS[book.code] = book
    return book


def rows_contribute(code: str, rows: Rows) -> None:
    book = _BOOKS[code]
    if rows not in book.contributors:
        book.contributors.append(rows)


def books_all() -> list[Book]:
    return sorted(_BOOKS.values(), key=lambda b: (b.order, b.code))


def book_get(code: str) -> Book | None:
    return _BOOKS.get(code)


def book_rows(book: Book, *, start: dt.date, end: dt.date) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for contributor in book.contributors:
        rows.extend(contributor(start, end))
    return sorted(rows, key=lambda r: str(r[0]) if r else "")
