"""The contract file (合同档案) as a printable PDF: every contract with its clocks. Every
user value goes through ``pdf_text``."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.safety import pdf_text
from workplaces.rights import selectors
from workplaces.rights.common import union_row
from workplaces.rights.services.contracts import contract_kinds

FONT = "STSong-Light"


def contracts_ledger_pdf() -> bytes:
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
    kinds = contract_kinds()
    union = union_row()
    head = [
        _("Kind"),
        _("Title"),
        _("Signed on"),
        _("Term"),
        _("Filing due"),
        _("Filed on"),
        _("Effective on"),
        _("Renewal from"),
        _("Status"),
        _("Workers covered"),
    ]
    data = [[Paragraph(pdf_text(h), cell) for h in head]]
    for c, k in selectors.contracts_list():
        values = [
            kinds.get(c.kind, c.kind),
            c.title,
            c.signed_on or "",
            f"{c.starts_on or ''} – {c.ends_on or ''}",
            k.filing_due or "",
            c.filed_on or "",
            k.effective_on or "",
            k.renewal_from or "",
            dict(_status_labels()).get(k.status, k.status),
            c.workers_covered,
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
        title=_("Collective contract file"),
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
    story = [
        Paragraph(pdf_text(f"{union.name} · {_('Collective contract file')}"), title),
        Paragraph(pdf_text(_("Printed on %(d)s") % {"d": timezone.localdate()}), cell),
        table,
    ]
    doc.build(story)
    return buf.getvalue()


def _status_labels() -> list[tuple[str, str]]:
    from workplaces.rights.models import ContractStatus

    return [(v, str(label)) for v, label in ContractStatus.choices]
