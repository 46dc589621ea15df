"""Welfare documents: the festival receipt list (xlsx, every text cell through
``cell_safe``) and the hardship file ledger (PDF, every value through ``pdf_text``)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from federation.platform.pdf import list_pdf
from federation.platform.safety import cells_safe
from workplaces.rights.common import union_row
from workplaces.welfare import selectors
from workplaces.welfare.models import FestivalDistribution, HardshipFile


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


# member, category, household, income, cause (the long text), opened, notice, closed, aid
HARDSHIP_WEIGHTS = (2, 1.2, 0.8, 1.4, 4, 1.2, 1.8, 1.2, 1)


def hardship_ledger_pdf() -> bytes:
    """The hardship file ledger (困难职工档案) of the union's open and closed files."""
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
    rows = []
    for f in HardshipFile.objects.select_related("member").prefetch_related("aid"):
        line = selectors.income_against_line(f)
        aid = sum((a.amount for a in f.aid.all()), start=0)
        rows.append(
            [
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
        )
    name = _("Hardship files")
    return list_pdf(
        title=name,
        heading=f"{union_row().name} · {name}",
        head=head,
        rows=rows,
        weights=HARDSHIP_WEIGHTS,
    )
