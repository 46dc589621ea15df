"""Printable and exportable documents: the arrears statement (PDF) and the board (xlsx)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import selectors
from tenants.models import Union

FONT = "STSong-Light"


def arrears_pdf(*, union: Union) -> bytes:
    """Every notice, reminder, payment, adjustment and refund of the union's dues, in order:
    the record the federation brings to court for arrears (Trade Union Law art. 44)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    record = selectors.arrears_record(union=union)
    title = ParagraphStyle("t", fontName=FONT, fontSize=16, leading=22)
    body = ParagraphStyle("b", fontName=FONT, fontSize=9.5, leading=14)
    small = ParagraphStyle("s", fontName=FONT, fontSize=8.5, leading=12)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_("Union funds arrears statement"),
    )
    story = [
        Paragraph(_("Union funds arrears statement"), title),
        Paragraph(
            _("Union: %(name)s　Credit code: %(code)s")
            % {"name": union.name, "code": union.credit_code or "-"},
            body,
        ),
        Paragraph(
            _("Printed at %(at)s　Outstanding: %(amount)s CNY")
            % {
                "at": f"{timezone.localtime():%Y-%m-%d %H:%M}",
                "amount": f"{record['outstanding']:.2f}",
            },
            body,
        ),
        Paragraph(
            _(
                "Under article 44 of the Trade Union Law, an employer that delays or refuses to pay union funds "
                "may be ordered by a court to pay. This statement lists every notice, reminder, payment and "
                "adjustment of the union funds recorded by the federation."
            ),
            small,
        ),
        Spacer(1, 6 * mm),
    ]
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (3, 1), (6, -1), "RIGHT"),
        ]
    )
    head = [
        _("Notice"),
        _("Period"),
        _("Due date"),
        _("Payroll"),
        _("Amount due"),
        _("Paid"),
        _("Balance"),
        _("Status"),
    ]
    rows = [head] + [
        [
            n.number,
            n.period,
            str(n.due_date),
            f"{n.payroll_total:.2f}",
            f"{n.amount_due:.2f}",
            f"{n.amount_paid:.2f}",
            f"{n.balance:.2f}",
            n.get_status_display(),
        ]
        for n in record["notices"]
    ]
    story += [
        Paragraph(_("Notices"), body),
        Table(rows, repeatRows=1, style=style),
        Spacer(1, 5 * mm),
    ]
    events = [[_("Date"), _("Notice"), _("Event"), _("Amount"), _("Details")]]
    for n in record["notices"]:
        for item in selectors.notice_history(notice=n):
            obj, kind = item["obj"], item["kind"]
            if kind == "notice":
                events.append(
                    [
                        str(item["on"]),
                        n.number,
                        _("Notice issued"),
                        f"{n.amount_issued:.2f}",
                        _("payroll %(p)s × rate %(r)s") % {"p": n.payroll_total, "r": n.rate},
                    ]
                )
            elif kind == "reminder":
                events.append(
                    [
                        str(item["on"]),
                        n.number,
                        _("Reminder sent"),
                        f"{obj.outstanding:.2f}",
                        Paragraph(obj.email or _("in-app notice"), small),
                    ]
                )
            elif kind == "payment":
                events.append(
                    [
                        str(item["on"]),
                        n.number,
                        _("Payment received"),
                        f"{obj.amount:.2f}",
                        Paragraph(_("reference %(ref)s") % {"ref": obj.reference}, small),
                    ]
                )
            elif kind == "adjustment":
                events.append(
                    [
                        str(item["on"]),
                        n.number,
                        _("Adjustment"),
                        f"{obj.delta:+.2f}",
                        Paragraph(
                            f"{obj.old_amount:.2f} → {obj.new_amount:.2f} {obj.reason}", small
                        ),
                    ]
                )
            else:
                events.append(
                    [
                        str(item["on"]),
                        n.number,
                        _("Refund (small or micro enterprise)"),
                        f"{obj.amount:.2f}",
                        Paragraph(_("reference %(ref)s") % {"ref": obj.reference}, small),
                    ]
                )
    ev_style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (3, 1), (3, -1), "RIGHT"),
        ]
    )
    story += [
        Paragraph(_("History of the debt"), body),
        Table(
            events,
            repeatRows=1,
            style=ev_style,
            colWidths=[22 * mm, 18 * mm, 40 * mm, 25 * mm, 75 * mm],
        ),
    ]
    doc.build(story)
    return buf.getvalue()


def board_xlsx(*, period: str, notices) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = period or "dues"
    ws.append(
        [
            _("Union"),
            _("Address"),
            _("Period"),
            _("Collection mode"),
            _("Payroll"),
            _("Rate"),
            _("Amount due"),
            _("Paid"),
            _("Balance"),
            _("Due date"),
            _("Status"),
            _("Reminders sent"),
        ]
    )
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for n in notices:
        ws.append(
            [
                str(n.payer),
                n.union.slug if n.union_id else n.target.credit_code,
                n.period,
                n.get_collection_mode_display(),
                n.payroll_total,
                n.rate,
                n.amount_due,
                n.amount_paid,
                n.balance,
                n.due_date,
                n.get_status_display(),
                n.reminders_sent,
            ]
        )
        for col in (5, 7, 8, 9):
            ws.cell(row=ws.max_row, column=col).number_format = "#,##0.00"
        ws.cell(row=ws.max_row, column=6).number_format = "0.00%"
    for letter, width in zip(
        "ABCDEFGHIJKL", (36, 18, 10, 22, 16, 8, 14, 14, 14, 12, 10, 10), strict=True
    ):
        ws.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def notice_pdf(*, notice) -> bytes:
    """The dues notice (缴费通知书) the payer prints or forwards to its bank."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title = ParagraphStyle("t", fontName=FONT, fontSize=16, leading=22)
    body = ParagraphStyle("b", fontName=FONT, fontSize=10, leading=15)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        title=_("Union funds notice"),
    )
    payer = notice.payer
    rows = [
        [_("Notice"), notice.number],
        [_("Payer"), str(payer)],
        [_("Credit code"), getattr(payer, "credit_code", "") or "-"],
        [_("Period"), notice.period],
        [_("Collection mode"), str(notice.get_collection_mode_display())],
        [_("Payroll"), f"{notice.payroll_total:,.2f}"],
        [_("Rate"), f"{notice.rate:.2%}"],
        [_("Amount due"), f"{notice.amount_due:,.2f}"],
        [_("Paid"), f"{notice.amount_paid:,.2f}"],
        [_("Balance"), f"{notice.balance:,.2f}"],
        [_("Due date"), str(notice.due_date)],
        [_("Status"), str(notice.get_status_display())],
    ]
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 10),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
        ]
    )
    story = [
        Paragraph(_("Union funds notice"), title),
        Spacer(1, 4 * mm),
        Table(rows, colWidths=[45 * mm, 110 * mm], style=style),
        Spacer(1, 6 * mm),
        Paragraph(
            _(
                "Please pay by bank transfer before the due date and write %(number)s in the memo. "
                "Trade Union Law art. 43: the employer pays 2%% of its monthly payroll as union funds."
            )
            % {"number": notice.number},
            body,
        ),
    ]
    doc.build(story)
    return buf.getvalue()
