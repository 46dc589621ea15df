"""The dues notice (缴费通知书) the payer prints or forwards to its bank."""

from __future__ import annotations

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from federation.dues import statute
from federation.dues.documents._pdf import P, T, build, grid, money, style
from federation.dues.models import DuesNotice


def _rows(notice: DuesNotice) -> list[list[object]]:
    payer = notice.payer
    body = style("c", 10, 14)
    return [
        [_("Notice"), notice.number],
        [_("Payer"), P(payer, body)],
        [_("Credit code"), getattr(payer, "credit_code", "") or "-"],
        [_("Period"), notice.period],
        [_("Collection mode"), str(notice.get_collection_mode_display())],
        [_("Payroll"), money(notice.payroll_total)],
        [_("Contribution rate"), f"{notice.rate:.2%}"],
        [_("Amount due"), money(notice.amount_due)],
        [_("Paid"), money(notice.amount_paid)],
        [_("Balance"), money(notice.balance)],
        [_("Due date"), str(notice.due_date)],
        [_("Status"), str(notice.get_status_display())],
    ]


def notice_pdf(*, notice: DuesNotice) -> bytes:
    body = style("b", 10, 15)
    story: list[Flowable] = [
        Paragraph(_("Union funds notice"), style("t", 16, 22)),
        Spacer(1, 4 * mm),
        Table(_rows(notice), colWidths=[45 * mm, 110 * mm], style=grid(header=False, size=10)),
        Spacer(1, 6 * mm),
        T(
            _("Please pay by bank transfer before the due date and write %(number)s in the memo."),
            {"number": notice.number},
            body,
        ),
        P(statute.cite_funds(), body),
    ]
    return build(story, title=_("Union funds notice"), margin_mm=20)
