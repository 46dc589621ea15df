"""A plain printable list (A4 landscape, the heading and print date, one table whose header
repeats on every page) for the union apps' ledgers; every value goes through ``pdf_text``."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.safety import pdf_cell, pdf_table, pdf_text, shares

FONT = "STSong-Light"


def pdf_font() -> str:
    """The CJK font every PDF uses, registered once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


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
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle

    font = pdf_font()
    title_style = ParagraphStyle("t", fontName=font, fontSize=15, leading=21)
    cell = ParagraphStyle("c", fontName=font, fontSize=8.5, leading=11)
    data = [[pdf_cell(v, cell) for v in row] for row in [head, *rows]]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=title,
    )
    widths = shares(doc.width, weights or [1.0] * len(head))
    table = pdf_table(data, col_widths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    doc.build(
        [
            Paragraph(pdf_text(heading), title_style),
            Paragraph(pdf_text(_("Printed on %(d)s") % {"d": timezone.localdate()}), cell),
            table,
        ]
    )
    return buf.getvalue()
