"""The township overview as a workbook and an assessment's evidence as a zip. Every text
cell through ``cell_safe``: a union's text never becomes a live formula."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from federation.homes.models import Assessment
from federation.platform.safety import cells_safe

WIDTHS = (36, 18, 14, 22, 30, 14, 14, 10)


def _sheet(ws: Worksheet, header: list[str], rows: list[list[Any]]) -> None:
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(cells_safe(row))
    for col, width in zip("ABCDEFGH", WIDTHS, strict=True):
        ws.column_dimensions[col].width = width


def _titles(ws: Worksheet, overview: dict[str, Any]) -> None:
    header = [
        _("Union"),
        _("Address"),
        _("Level"),
        _("Certificate number"),
        _("Round"),
        _("Awarded on"),
        _("Re-check due"),
        _("Score"),
    ]
    rows = [
        [
            t.union.name,
            t.union.slug,
            t.level.name,
            t.number,
            t.round.title,
            t.awarded_on,
            t.recheck_due,
            t.assessment.score,
        ]
        for t in overview["titles"]
    ]
    _sheet(ws, header, rows)
    for row in ws.iter_rows(min_row=2, min_col=8, max_col=8):
        row[0].number_format = "0.00"


def overview_xlsx(*, overview: dict[str, Any]) -> bytes:
    """The township overview as a workbook: titles, per level, expiring, returned."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Titles")[:31]
    _titles(ws, overview)
    levels = [[name, n] for name, n in overview["levels"].items()]
    levels.append([_("Without a title"), max(overview["unions"] - overview["titled"], 0)])
    _sheet(wb.create_sheet(_("Per level")[:31]), [_("Level"), pgettext("count", "Unions")], levels)
    expiring = [[t.union.name, t.level.name, t.recheck_due] for t in overview["expiring"]]
    _sheet(
        wb.create_sheet(_("Expiring in 90 days")[:31]),
        [_("Union"), _("Level"), _("Re-check due")],
        expiring,
    )
    returned = [
        [
            r["assessment"].union.name,
            r["assessment"].round.title,
            r["reason"],
            r["assessment"].effective_deadline,
        ]
        for r in overview["returned"]
    ]
    header = [_("Union"), _("Round"), _("Reason"), _("New deadline")]
    _sheet(wb.create_sheet(_("Returned")[:31]), header, returned)
    ws.append([])
    ws.append([_("As of"), timezone.localdate()])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _self_sheet(assessment: Assessment) -> str:
    sheet = io.StringIO()
    writer = csv.writer(sheet)
    writer.writerow(
        [_("Code"), _("Category"), _("Criterion"), _("Points"), _("Self score"), _("Evidence")]
    )
    for item in assessment.items.select_related("criterion").order_by("criterion__order"):
        c = item.criterion
        writer.writerow(
            cells_safe([c.code, c.category, c.title, c.max_points, item.self_score, item.evidence])
        )
    return "\ufeff" + sheet.getvalue()


def evidence_zip(*, assessment: Assessment) -> IO[bytes]:
    """Every evidence file of an assessment in one zip, by criterion, with the self-assessment
    as a CSV sheet (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    out = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    used: set[str] = set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("self-assessment.csv", _self_sheet(assessment))
        for f in assessment.files.select_related("item__criterion").order_by("id"):
            folder = f.item.criterion.code if f.item else "general"
            name = f"{folder}/{f.original_name}"
            n = 1
            while name in used:
                n += 1
                stem, dot, ext = f.original_name.rpartition(".")
                name = f"{folder}/{stem or ext}-{n}{dot}{ext if stem else ''}"
            used.add(name)
            try:
                with f.file.open("rb") as handle:
                    zf.writestr(name, handle.read())
            except FileNotFoundError:
                continue
    out.seek(0)
    return out  # type: ignore[return-value]
