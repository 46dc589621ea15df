"""The xlsx template of a dues payment file: the header row and one example row."""

from __future__ import annotations

import io

from openpyxl import Workbook

from workplaces.finance.dues_import.columns import HEADERS

FIELDS = ("member_no", "id_number", "name", "month", "amount", "paid_on")
EXAMPLE = ("M0001", "", "张三", "2026-05", "25.00", "2026-06-10")


def template_xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "会费缴纳"
    ws.append([HEADERS[f][0] for f in FIELDS])
    ws.append(list(EXAMPLE))
    for column, width in zip("ABCDEF", (12, 20, 10, 10, 10, 12), strict=True):
        ws.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
