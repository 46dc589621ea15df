"""Reading an uploaded member file row by row, for the fast path (issue 16, item 3).

The same files and the same cells as ``reading.read_table``, without holding every row as
Python lists: xlsx through python-calamine (Rust; several times faster than openpyxl),
csv through the standard reader over the decoded text. The checks before reading (size,
the zip-bomb inspection, the row cap) are the ones of ``reading``.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from workplaces.members.imports.reading import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    _cell,
    _decode,
    _too_many_rows,
    bad_file,
    xlsx_inspect,
)


@dataclass
class Table:
    """A file's header cells, an iterator over its data rows (each a list of cells), and
    about how many data rows there are (for the progress bar)."""

    header: list[str]
    rows: Iterator[list[Any]]
    hint: int


def _calamine_cell(value: Any) -> Any:
    """A cell as openpyxl's reader gives it to ``reading._cell`` (dates come as dates)."""
    if type(value) is str:  # most cells: what ``_cell`` returns unchanged, without its tests
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return _cell(value)


def _capped(rows: Iterator[list[Any]], max_rows: int) -> Iterator[list[Any]]:
    for count, row in enumerate(rows, start=1):
        if count > max_rows:
            raise _too_many_rows(max_rows)
        yield row


def _xlsx_rows(content: bytes, *, max_rows: int, max_unpacked: int) -> Table:
    xlsx_inspect(content, max_unpacked=max_unpacked, max_rows=max_rows)
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
        # calamine leaves out empty leading columns; openpyxl (and the old path) keeps them
        _first_row, first_col = sheet.start or (0, 0)
        pad = [""] * first_col
        source = iter(sheet.iter_rows())
        first = next(source, None)
    except (CalamineError, ValueError, IndexError, OSError) as exc:
        raise bad_file(
            _("The xlsx file cannot be read: %(e)s") % {"e": type(exc).__name__}
        ) from None
    if first is None:
        raise bad_file(_("The file is empty."), "empty")

    def rows() -> Iterator[list[Any]]:
        try:
            for row in source:
                yield [*pad, *map(_calamine_cell, row)]
        except CalamineError as exc:
            raise bad_file(
                _("The xlsx file cannot be read: %(e)s") % {"e": type(exc).__name__}
            ) from None

    header = [str(_calamine_cell(h)).strip() for h in [*pad, *first]]
    return Table(header=header, rows=_capped(rows(), max_rows), hint=max(sheet.height - 1, 0))


def _csv_rows(content: bytes, *, max_rows: int) -> Table:
    text = _decode(content)
    if "\x00" in text:
        raise bad_file(_("The file contains null characters; is it really a CSV file?"))
    reader = csv.reader(io.StringIO(text, newline=""))

    def guarded() -> Iterator[list[Any]]:
        try:
            yield from reader
        except csv.Error as exc:
            raise bad_file(_("The CSV file cannot be read: %(e)s") % {"e": exc}) from None

    source = guarded()
    first = next(source, None)
    if first is None:
        raise bad_file(_("The file is empty."), "empty")
    header = [str(h).strip() for h in first]
    return Table(header=header, rows=_capped(source, max_rows), hint=text.count("\n"))


def table_stream(
    *,
    content: bytes,
    filename: str = "",
    max_rows: int = MAX_ROWS,
    max_unpacked: int = 5 * MAX_UPLOAD_BYTES,
) -> Table:
    """The header and a row iterator of an xlsx or csv file; 400 on a malformed file, on
    more than ``max_rows`` data rows (raised while iterating), or on an xlsx unpacking
    past ``max_unpacked``."""
    if not content:
        raise bad_file(_("The file is empty."), "empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise bad_file(_("The file is larger than 20 MB."), "too_large")
    if content[:4] == b"PK\x03\x04":
        return _xlsx_rows(content, max_rows=max_rows, max_unpacked=max_unpacked)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise bad_file(_("The xlsx file cannot be read."))
    return _csv_rows(content, max_rows=max_rows)
