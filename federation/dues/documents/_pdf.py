"""What the dues PDFs share: the Chinese CID font, paragraph and table styles, the builder.

Every user value that enters a ``Paragraph`` goes through ``federation.platform.safety.
pdf_text`` (``P(...)`` here does it): ReportLab reads markup in paragraphs, so a union's
text such as ``<img src="/etc/passwd"/>`` must arrive as text."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, TableStyle

from federation.platform.safety import pdf_text

FONT = "STSong-Light"


def font_ready() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def style(name: str, size: float, leading: float) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font_ready(), fontSize=size, leading=leading)


def P(value: Any, paragraph_style: ParagraphStyle) -> Paragraph:  # noqa: N802 - a flowable
    """A paragraph of user text (escaped)."""
    return Paragraph(pdf_text(value), paragraph_style)


def T(template: str, values: dict[str, Any], paragraph_style: ParagraphStyle) -> Paragraph:  # noqa: N802
    """A paragraph of our own (translated) text with user values escaped into it."""
    safe = {k: pdf_text(v) for k, v in values.items()}
    return Paragraph(template % safe, paragraph_style)


def grid(
    *, header: bool = True, right: tuple[int, int] | None = None, size: float = 8.5
) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font_ready()),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke))
    else:
        commands.append(("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke))
    if right is not None:
        commands.append(("ALIGN", (right[0], 1), (right[1], -1), "RIGHT"))
    return TableStyle(commands)


def build(story: list[Flowable], *, title: str, margin_mm: float = 15) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=margin_mm * mm,
        rightMargin=margin_mm * mm,
        topMargin=margin_mm * mm,
        bottomMargin=15 * mm,
        title=title,
    )
    doc.build(story)
    return buf.getvalue()


def money(value: Any) -> str:
    return f"{value:,.2f}"
