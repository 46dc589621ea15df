"""Text a union typed is hostile wherever it lands: in a spreadsheet another union's clerk
opens, or in a PDF the federation prints. Every export and document goes through these."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

# a cell starting with one of these is read as a formula (or DDE) by Excel and LibreOffice
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell_safe(value: Any) -> Any:
    """A value for an xlsx or csv cell: numbers, dates and None pass unchanged; text that
    would start a formula gets a leading apostrophe (OWASP's CSV-injection advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def cells_safe(row: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [cell_safe(v) for v in row]


def pdf_text(value: Any) -> str:
    """A user value for a ReportLab ``Paragraph``: markup escaped (``<img>``, ``<a>``,
    ``<font>`` become text), line breaks kept as ``<br/>``."""
    if value is None:
        return ""
    text = escape(str(value).replace("\x00", ""))
    return text.replace("\r\n", "\n").replace("\n", "<br/>")


def pdf_table(data: list[list[Any]], *, col_widths: Sequence[float], **kwargs: Any) -> Any:
    """A ReportLab table for rows holding user text. A row taller than a page splits across
    pages (``splitInRow``): a 10,000-character note prints over several pages instead of
    failing the whole document (``LayoutError``, a 500). Widths are required: ReportLab's
    own sizing leaves a long paragraph's neighbours no room (a ``ValueError``)."""
    from reportlab.platypus import LongTable

    return LongTable(data, colWidths=list(col_widths), splitInRow=1, **kwargs)


def shares(width: float, weights: Sequence[float]) -> list[float]:
    """Column widths sharing ``width`` in proportion to ``weights``."""
    total = sum(weights)
    return [width * w / total for w in weights]


PDF_CHUNK = 800  # characters of one paragraph in a table cell
_BREAKS = "\n。！？；;.!?，, "


def _chunks(text: str, size: int) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, cut after a line end or else a
    sentence or clause end where there is one in the second half of a piece."""
    pieces: list[str] = []
    while len(text) > size:
        window = text[:size]
        cut = max(window.rfind(c) for c in _BREAKS) + 1
        if cut <= size // 2:
            cut = size
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def pdf_cell(value: Any, style: Any) -> list[Any]:
    """A table cell showing a user value: escaped ``Paragraph`` flowables, one per
    ~``PDF_CHUNK`` characters of a long text. A row splits across pages between
    paragraphs cheaply; ReportLab re-wraps one long CJK paragraph at every page, which
    took seconds for a 10,000-character note with markup characters in it."""
    from reportlab.platypus import Paragraph

    text = "" if value is None else str(value)
    if len(text) <= PDF_CHUNK:
        return [Paragraph(pdf_text(text), style)]
    return [Paragraph(pdf_text(piece.strip("\n")), style) for piece in _chunks(text, PDF_CHUNK)]


# characters a plain (unwrapped) cell must not hold: line breaks and the other controls
_CONTROLS = frozenset(chr(c) for c in (*range(32), 127))


def pdf_cell_fitting(value: Any, style: Any, width: float) -> Any:
    """Like ``pdf_cell``, but a short one-line value that fits ``width`` (the cell's width
    inside its padding) at the style's font becomes plain text, which a table draws as it
    is: no markup read (nothing to escape), no line breaking. A register's cells are mostly
    such (numbers, names, dates), and breaking paragraphs into lines was most of a long
    roster's layout time. The table gives those cells the style's font
    (``pdf_plain_style``)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = "" if value is None else str(value)
    if (
        len(text) <= 200
        and _CONTROLS.isdisjoint(text)
        and stringWidth(text, style.fontName, style.fontSize) <= width
    ):
        return text
    return pdf_cell(text, style)


def pdf_plain_style(style: Any, cells: tuple[tuple[int, int], tuple[int, int]]) -> list[Any]:
    """Table style commands giving the plain-text cells in ``cells`` (start, end) the
    paragraph ``style``'s font, size, leading and colour, so they look like the others."""
    start, end = cells
    return [
        ("FONTNAME", start, end, style.fontName),
        ("FONTSIZE", start, end, style.fontSize),
        ("LEADING", start, end, style.leading),
        ("TEXTCOLOR", start, end, style.textColor),
    ]
