"""A book printed as PDF (A4, the table's header repeated on every page, "第 x 页 共 y 页")
and as xlsx (the same heading rows, the page count at the print setup's rows per page).
Every user value goes through ``pdf_text`` / ``cell_safe``."""

from __future__ import annotations

import datetime as dt
import io
import math
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.pdf import long_table, long_table_doc
from federation.platform.safety import cell_safe, pdf_text, shares
from workplaces.ledgers.registry import Book

FONT = "STSong-Light"
XLSX_ROWS_PER_PAGE = 40


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def period_label(start: dt.date, end: dt.date) -> str:
    return _("%(start)s to %(end)s") % {"start": start.isoformat(), "end": end.isoformat()}


def book_pdf(
    *, book: Book, union_name: str, start: dt.date, end: dt.date, rows: list[list[Any]]
) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import NextPageTemplate, Paragraph, Spacer

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pagesize = landscape(A4) if book.landscape else A4
    title_style = ParagraphStyle("t", fontName=FONT, fontSize=16, leading=22, alignment=1)
    body = ParagraphStyle("b", fontName=FONT, fontSize=9, leading=12)
    head = ParagraphStyle("h", fontName=FONT, fontSize=9, leading=12, textColor=colors.white)
    footer_text = f"{union_name} · {book.title} · {period_label(start, end)}"

    class NumberedCanvas(rl_canvas.Canvas):
        """Draws "page x of y" once every page is known (two passes over the saved pages)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT, 8)
                self.drawString(15 * mm, 8 * mm, footer_text[:120])
                self.drawRightString(
                    pagesize[0] - 15 * mm,
                    8 * mm,
                    _("Page %(n)s of %(total)s") % {"n": self._pageNumber, "total": total},
                )
                super().showPage()
            super().save()

    width = pagesize[0] - 30 * mm
    weights = list(book.widths) or [1.0] * len(book.columns)
    header, body_tables = long_table(
        head=book.columns,
        rows=[[_cell(v) for v in row] for row in rows],
        col_widths=shares(width, weights),
        head_style=head,
        body_style=body,
        head_background=colors.HexColor("#9b1c1c"),
        empty=_("(No records in this period.)"),
    )
    buf = io.BytesIO()
    doc = long_table_doc(
        buf,
        header=header,
        pagesize=pagesize,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=str(book.title),
        author=union_name,
    )
    story = [
        NextPageTemplate("later"),
        Paragraph(pdf_text(book.title), title_style),
        Paragraph(pdf_text(_("Union: %(name)s") % {"name": union_name}), body),
        Paragraph(
            pdf_text(
                _("Period: %(period)s　Records: %(n)s　Printed: %(at)s")
                % {
                    "period": period_label(start, end),
                    "n": len(rows),
                    "at": f"{timezone.localtime():%Y-%m-%d %H:%M}",
                }
            ),
            body,
        ),
        Spacer(1, 4 * mm),
        header,
        *body_tables,
    ]
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


def xlsx_pages(rows: int) -> int:
    return max(1, math.ceil(rows / XLSX_ROWS_PER_PAGE))


def book_xlsx(
    *, book: Book, union_name: str, start: dt.date, end: dt.date, rows: list[list[Any]]
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = str(book.code)[:31]
    ws.append([cell_safe(str(book.title))])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([cell_safe(_("Union: %(name)s") % {"name": union_name})])
    ws.append(
        [
            cell_safe(
                _("Period: %(period)s　Records: %(n)s　Pages: %(pages)s")
                % {
                    "period": period_label(start, end),
                    "n": len(rows),
                    "pages": xlsx_pages(len(rows)),
                }
            )
        ]
    )
    ws.append([cell_safe(str(c)) for c in book.columns])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(
            [
                cell_safe(
                    v
                    if isinstance(v, int | float | Decimal) and not isinstance(v, bool)
                    else _cell(v)
                )
                for v in row
            ]
        )
    if not rows:
        ws.append([cell_safe(_("(No records in this period.)"))])
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape" if book.landscape else "portrait"
    ws.oddFooter.center.text = "&P / &N"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
