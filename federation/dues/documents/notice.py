"""The dues notice (缴费通知书) the payer prints or forwards to its bank: the amount, where to
pay it (the collecting account from the rule table), who issues it, the date and a seal."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from federation.dues import rule_table, statute
from federation.dues.documents._pdf import P, T, build, font_ready, grid, money, style
from federation.dues.models import DuesNotice
from federation.rules.selectors import RuleMissingError, rule_value


def _setting(key: str) -> str:
    try:
        return str(rule_value(key) or "").strip()
    except RuleMissingError:
        return ""


def _rows(notice: DuesNotice) -> list[list[object]]:
    payer = notice.payer
    cell = style("c", 10, 14)
    return [
        [_("Notice"), notice.number],
        [_("Payer"), P(payer, cell)],
        [_("Credit code"), P(getattr(payer, "credit_code", "") or "-", cell)],
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


def _account_rows() -> list[list[object]]:
    cell = style("a", 10, 14)
    missing = _("(not set: ask the federation)")
    return [
        [_("Account name"), P(_setting(rule_table.ACCOUNT_NAME) or missing, cell)],
        [_("Bank"), P(_setting(rule_table.ACCOUNT_BANK) or missing, cell)],
        [_("Account number"), P(_setting(rule_table.ACCOUNT_NUMBER) or missing, cell)],
    ]


def _seal_block(issuer: str) -> Table:
    """The issuing body, the date and a box for the seal (盖章), on the right."""
    cell = style("i", 10, 16)
    block = [
        [P(issuer or _("(issuing body not set)"), cell)],
        [Paragraph(f"{timezone.localdate():%Y-%m-%d}", cell)],
        [Paragraph(_("(seal)"), cell)],
    ]
    inner = Table(block, colWidths=[60 * mm], rowHeights=[None, None, 28 * mm])
    inner.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font_ready()),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 2), (0, 2), "MIDDLE"),
                ("BOX", (0, 2), (0, 2), 0.6, colors.grey),
            ]
        )
    )
    return Table([["", inner]], colWidths=[95 * mm, 65 * mm])


def notice_pdf(*, notice: DuesNotice) -> bytes:
    body = style("b", 10, 15)
    issuer = _setting(rule_table.ISSUER)
    story: list[Flowable] = [
        Paragraph(_("Union funds notice"), style("t", 16, 22)),
        Spacer(1, 4 * mm),
        Table(_rows(notice), colWidths=[45 * mm, 110 * mm], style=grid(header=False, size=10)),
        Spacer(1, 5 * mm),
        Paragraph(_("Pay to"), body),
        Table(_account_rows(), colWidths=[45 * mm, 110 * mm], style=grid(header=False, size=10)),
        Spacer(1, 5 * mm),
        T(
            _("Please pay by bank transfer before the due date and write %(number)s in the memo."),
            {"number": notice.number},
            body,
        ),
        P(statute.cite_funds(), body),
        Spacer(1, 8 * mm),
        _seal_block(issuer),
    ]
    return build(story, title=_("Union funds notice"), margin_mm=20)
