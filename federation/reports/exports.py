"""The xlsx of a cycle, as the city federation asks for it: headed with the form's labels,
one row per union, a total row (the totals of submitted and accepted reports). Every text
a union typed goes through ``cell_safe``: a formula-like value is written as text, numbers
stay numbers."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from federation.platform.safety import cell_safe
from federation.reports.models import (
    COUNTED_STATUSES,
    NUMERIC_TYPES,
    Cycle,
    FieldType,
    FormField,
    SubmissionStatus,
)
from federation.reports.selectors import cycle_aggregate, cycle_submissions_for_export


def _cell(field: FormField, value: Any) -> Any:
    if value is None:
        return None
    if field.type == FieldType.INTEGER:
        return int(value)
    if field.type == FieldType.DECIMAL:
        return Decimal(str(value))
    return cell_safe(str(value))


def _bold(ws: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=cell_safe(value))
    cell.font = Font(bold=True)
    return cell


def cycle_xlsx(*, cycle: Cycle) -> bytes:
    fields = list(cycle.form.fields.all())
    status_labels = dict(SubmissionStatus.choices)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=cycle.period[:31])
    # row 1 is the header, so the sheet reads as a table; the title goes in the properties
    wb.properties.title = f"{cycle.form.title}（{cycle.period}）"
    header = [_("Union"), *[f.label for f in fields], _("Status"), _("Submitted at"), _("Late")]
    ws.append([_bold(ws, h) for h in header])
    for sub in cycle_submissions_for_export(cycle=cycle).iterator(chunk_size=1000):
        values = sub.values if sub.status in COUNTED_STATUSES else {}
        submitted = (
            timezone.localtime(sub.submitted_at).strftime("%Y-%m-%d %H:%M")
            if sub.submitted_at
            else None
        )
        ws.append(
            [
                cell_safe(sub.union.name),
                *[_cell(f, values.get(f.key)) for f in fields],
                str(status_labels.get(sub.status, sub.status)),
                submitted,
                _("Yes") if sub.late else None,
            ]
        )
    agg = cycle_aggregate(cycle=cycle)
    total_row: list[Any] = [_("Total")]
    for f in fields:
        total_row.append(_cell(f, agg["totals"][f.key]) if f.type in NUMERIC_TYPES else None)
    total_row += [_("%(n)d of %(m)d") % {"n": agg["submitted"], "m": agg["expected"]}, None, None]
    ws.append([_bold(ws, v) for v in total_row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
