"""The proposal book (提案簿) and the suggestion book (建议簿): printable A4 PDFs. Every
user value goes through ``pdf_text`` before it reaches a ReportLab Paragraph."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from federation.platform.safety import pdf_cell, pdf_table, pdf_text
from tenants.context import union_side
from workplaces.congress.models import Proposal, ProposalKind


@union_side
def book_pdf(*, kind: str, year: int | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from federation.homes.documents import cjk_font
    from workplaces.organization.common import this_union

    font = cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    head = ParagraphStyle("head", fontName=font, fontSize=16, leading=22, alignment=1)
    qs = Proposal.objects.filter(kind=kind).order_by("number")
    if year:
        qs = qs.filter(submitted_on__year=year)
    title = _("Proposal book") if kind == ProposalKind.PROPOSAL else _("Suggestion book")
    rows = [
        [
            Paragraph(pdf_text(h), body)
            for h in (
                _("No."),
                _("Submitted on"),
                _("Title and content"),
                _("Proposer / seconders"),
                _("Review and department"),
                _("Answer"),
                _("Satisfaction"),
            )
        ]
    ]
    for p in qs:
        rows.append(
            [
                Paragraph(str(p.number), body),
                Paragraph(p.submitted_on.isoformat(), body),
                [Paragraph(f"<b>{pdf_text(p.title)}</b>", body), *pdf_cell(p.body, body)],
                Paragraph(pdf_text(" ".join([p.proposer, *p.seconders])), body),
                Paragraph(pdf_text(f"{p.get_status_display()} {p.department} {p.reason}"), body),
                Paragraph(pdf_text(p.answer), body),
                Paragraph(pdf_text(p.get_satisfaction_display() if p.satisfaction else ""), body),
            ]
        )
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, title=str(title)
    )
    table = pdf_table(
        rows,
        col_widths=[10 * mm, 20 * mm, 55 * mm, 28 * mm, 28 * mm, 25 * mm, 18 * mm],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ]
        )
    )
    heading = f"{pdf_text(this_union().name)} {pdf_text(title)}" + (f" {year}" if year else "")
    doc.build([Paragraph(heading, head), Spacer(1, 6 * mm), table])
    return buf.getvalue()
