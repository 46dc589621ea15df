"""Printed tables: a plain printable list (A4 landscape, the heading and print date, a
table whose header repeats on every page) for the union apps' ledgers, and the long table
the printed books share (``long_table``, ``long_table_doc``); every value a user typed goes
through ``safety``."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.safety import (
    pdf_cell_fitting,
    pdf_plain_style,
    pdf_table,
    pdf_text,
    shares,
)

FONT = "STSong-Light"


def pdf_font() -> str:
    """The CJK font every PDF uses, registered once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


# rows per body table: ReportLab re-creates and re-measures the rest of a table at every
# page it splits, so one table of n rows costs ~n^2; tables of CHUNK rows keep it linear
CHUNK = 100


def long_table(
    *,
    head: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float],
    head_style: Any,
    body_style: Any,
    head_background: Any,
    empty: str = "",
) -> tuple[Any, list[Any]]:
    """A long table as flowables: the header row (a table of its own, which
    ``LongTableDoc`` also draws at the top of every later page) and the body in tables of
    ``CHUNK`` rows, whose grid lines meet. A short one-line value is plain text
    (``safety.pdf_cell_fitting``); every other value goes through ``pdf_cell``. With no
    rows, ``empty`` spans the one body row."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, TableStyle

    grid = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    header = pdf_table([[Paragraph(pdf_text(c), head_style) for c in head]], col_widths=col_widths)
    header.setStyle(TableStyle([*grid, ("BACKGROUND", (0, 0), (-1, 0), head_background)]))
    # a cell's text width inside the table's default padding (6 points each side)
    inner = [w - 12 for w in col_widths]
    body_cmds = [*grid, *pdf_plain_style(body_style, ((0, 0), (-1, -1)))]
    if not rows:
        data = [[Paragraph(pdf_text(empty), body_style)] + [""] * (len(head) - 1)]
        table = pdf_table(data, col_widths=col_widths)
        table.setStyle(TableStyle([*body_cmds, ("SPAN", (0, 0), (-1, 0))]))
        return header, [table]
    body = []
    for start in range(0, len(rows), CHUNK):
        data = [
            [pdf_cell_fitting(v, body_style, inner[i]) for i, v in enumerate(row)]
            for row in rows[start : start + CHUNK]
        ]
        table = pdf_table(data, col_widths=col_widths)
        table.setStyle(TableStyle(body_cmds))
        body.append(table)
    return header, body


def long_table_doc(buf: Any, *, header: Any, **kwargs: Any) -> Any:
    """A ``BaseDocTemplate`` for a document that ends with a ``long_table``: the first
    page flows as usual; every later page draws ``header`` at its top and flows below it,
    so the columns are named on every page. Keyword arguments as ``SimpleDocTemplate``'s
    (``pagesize``, margins, ``title``, ``author``)."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    doc = BaseDocTemplate(buf, **kwargs)
    pad = 6  # a frame's default padding
    _w, head_h = header.wrap(doc.width - 2 * pad, doc.height)
    # the flowing table is centred in the frame's inner width: the header likewise
    x = doc.leftMargin + pad + (doc.width - 2 * pad - sum(header._colWidths)) / 2
    top = doc.bottomMargin + doc.height - pad

    def draw_header(canvas: Any, _doc: Any) -> None:
        header.drawOn(canvas, x, top - head_h)

    first = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="first")
    later = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height - head_h, id="later")
    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[first]),
            PageTemplate(id="later", frames=[later], onPage=draw_header),
        ]
    )
    return doc


def list_pdf(
    *,
    title: str,
    heading: str,
    head: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    weights: Sequence[float] | None = None,
) -> bytes:
    """``title`` names the document; ``heading`` is printed above the date and the table.
    Columns share the page's width by ``weights`` (equal when none); a row taller than a
    page splits across pages (``safety.pdf_table``)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import NextPageTemplate, Paragraph

    font = pdf_font()
    title_style = ParagraphStyle("t", fontName=font, fontSize=15, leading=21)
    cell = ParagraphStyle("c", fontName=font, fontSize=8.5, leading=11)
    pagesize = landscape(A4)
    width = pagesize[0] - 24 * mm
    header, body = long_table(
        head=head,
        rows=rows,
        col_widths=shares(width, weights or [1.0] * len(head)),
        head_style=cell,
        body_style=cell,
        head_background=colors.whitesmoke,
    )
    buf = io.BytesIO()
    doc = long_table_doc(
        buf,
        header=header,
        pagesize=pagesize,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=title,
    )
    doc.build(
        [
            NextPageTemplate("later"),
            Paragraph(pdf_text(heading), title_style),
            Paragraph(pdf_text(_("Printed on %(d)s") % {"d": timezone.localdate()}), cell),
            header,
            *body,
        ]
    )
    return buf.getvalue()
