"""The printed nomination form (推荐审批表) of an honour, in the layout of the excellent
cadre's application (union-cadre-duties.txt, 第四篇): the nominee, the honour and level,
the deeds, and the union's opinion with seal and date lines. Every user value goes
through ``pdf_text``."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from federation.platform.safety import pdf_text
from workplaces.activities.context import union_here
from workplaces.activities.models import Honour
from workplaces.activities.rule_table import LEVELS

FONT = "STSong-Light"


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def nomination_pdf(*, honour: Honour) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from workplaces.activities.recognition import honour_kinds

    _font()
    union = union_here()
    spec = honour_kinds().get(honour.kind, {})
    honour_name = spec.get("name", honour.kind)
    title = ParagraphStyle("t", fontName=FONT, fontSize=16, leading=22, alignment=1)
    body = ParagraphStyle("b", fontName=FONT, fontSize=10, leading=15)
    member = honour.member
    nominee = member.name if member else honour.team

    def p(value) -> Paragraph:
        return Paragraph(pdf_text(value), body)

    rows = [
        [
            p(_("Nominee")),
            p(nominee),
            p(_("Gender")),
            p(member.get_gender_display() if member else "—"),
        ],
        [
            p(_("Birth date")),
            p(member.birth_date if member else "—"),
            p(_("Member number")),
            p(member.member_no if member else "—"),
        ],
        [p(_("Union")), p(union.name), p(_("Year")), p(honour.year)],
        [
            p(_("Honour")),
            p(honour_name),
            p(_("Level")),
            p(LEVELS.get(honour.level, honour.level) or "—"),
        ],
        [p(_("Deeds")), p(honour.deeds or ""), "", ""],
        [p(_("Opinion of the union")), p(_("(seal)　　　　Date:")), "", ""],
        [p(_("Opinion of the federation")), p(_("(seal)　　　　Date:")), "", ""],
    ]
    table = Table(
        rows,
        colWidths=[30 * mm, 60 * mm, 30 * mm, 60 * mm],
        rowHeights=[None, None, None, None, 120 * mm, 25 * mm, 25 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("SPAN", (1, 4), (3, 4)),
                ("SPAN", (1, 5), (3, 5)),
                ("SPAN", (1, 6), (3, 6)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=honour_name,
    )
    heading = _("%(honour)s nomination form") % {"honour": honour_name}
    doc.build([Paragraph(pdf_text(heading), title), Spacer(1, 6 * mm), table])
    return buf.getvalue()
