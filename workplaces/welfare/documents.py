"""Welfare documents: the festival receipt list (xlsx, every text cell through
``cell_safe``) and the hardship file ledger (PDF, every value through ``pdf_text``)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.safety import cells_safe, pdf_text
from workplaces.rights.common import union_row
from workplaces.welfare import selectors
from workplaces.welfare.models import FestivalDistribution, HardshipFile

FONT = "STSong-Light"


def receipts_xlsx(dist: FestivalDistribution) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = str(dist.year)
    sheet.append(cells_safe([dist.festival, str(dist.distributed_on), dist.goods]))
    sheet.append(cells_safe([_("Member number"), _("Name"), _("Amount"), _("Signed on")]))
    for r in selectors.receipts(dist):
        sheet.append(
            cells_safe(
                [
                    r.member.member_no,
                    r.member.name,
                    float(dist.amount_per_head),
                    r.signed_on.isoformat() if r.signed_on else "",
                ]
            )
        )
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def hardship_ledger_pdf() -> bytes:
    """The hardship file ledger (困难职工档案) of the union's open and closed files."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title = ParagraphStyle("t", fontName=FONT, fontSize=15, leading=21)
    cell = ParagraphStyle("c", fontName=FONT, fontSize=8.5, leading=11)
    head = [
        _("Member"),
        _("Category"),
        _("Household"),
        _("Income per head"),
        _("Cause"),
        _("Opened on"),
        _("Public notice"),
        _("Closed on"),
        _("Aid given"),
    ]
    data = [[Paragraph(pdf_text(h), cell) for h in head]]
    for f in HardshipFile.objects.select_related("member").prefetch_related("aid"):
        line = selectors.income_against_line(f)
        aid = sum((a.amount for a in f.aid.all()), start=0)
        values = [
            f"{f.member.name} ({f.member.member_no})",
            f.get_category_display(),
            f.household_size,
            f"{line['per_head']:.2f} / {line['line']:.2f}",
            f.reason,
            f.opened_on,
            f"{f.notice_from or ''} – {f.notice_to or ''}",
            f.closed_on or "",
            f"{aid:.2f}",
        ]
        data.append([Paragraph(pdf_text(v), cell) for v in values])
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=_("Hardship files"),
    )
    table = Table(data, repeatRows=1)
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
            Paragraph(pdf_text(f"{union_row().name} · {_('Hardship files')}"), title),
            Paragraph(pdf_text(_("Printed on %(d)s") % {"d": timezone.localdate()}), cell),
            table,
        ]
    )
    return buf.getvalue()
