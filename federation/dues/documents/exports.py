"""The dues board as xlsx: every text cell through ``cell_safe`` (a union's name such as
``=HYPERLINK(...)`` stays text); numbers and dates stay typed cells."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from federation.dues.models import DuesNotice
from federation.platform.safety import cell_safe, cells_safe

WIDTHS = (36, 18, 10, 22, 16, 8, 14, 14, 14, 12, 10, 10)


def _head() -> list[str]:
    return [
        _("Union"),
        _("Address"),
        _("Period"),
        _("Collection mode"),
        _("Payroll"),
        _("Contribution rate"),
        _("Amount due"),
        _("Paid"),
        _("Balance"),
        _("Due date"),
        _("Status"),
        _("Reminders sent"),
    ]


def _row(n: DuesNotice) -> list[object]:
    address = n.union.slug if n.union else (n.target.credit_code if n.target else "")
    return cells_safe(
        [
            str(n.payer),
            address,
            n.period,
            str(n.get_collection_mode_display()),
            n.payroll_total,
            n.rate,
            n.amount_due,
            n.amount_paid,
            n.balance,
            n.due_date,
            str(n.get_status_display()),
            n.reminders_sent,
        ]
    )


def board_xlsx(*, period: str, notices: Iterable[DuesNotice]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = str(cell_safe(period or "dues"))[:31].replace("'", "")
    ws.append(cells_safe(_head()))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for n in notices:
        ws.append(_row(n))
        for col in (5, 7, 8, 9):
            ws.cell(row=ws.max_row, column=col).number_format = "#,##0.00"
        ws.cell(row=ws.max_row, column=6).number_format = "0.00%"
    for letter, width in zip("ABCDEFGHIJKL", WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
