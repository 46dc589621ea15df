"""Bank statement import: read a csv/xlsx statement, match each credit line to a notice by
bank reference, notice number, credit code or payer name, show what matched, then record
the matched lines as payments (each through ``payment_record``: a reference is used once).

A statement is a file from outside: its size is bounded before it is read (and an xlsx's
uncompressed size before it is opened), its rows are capped, and a refusal is a 400 on
``file``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import services
from federation.dues.kinds import DuesAuditKind
from federation.dues.models import (
    OPEN_STATUSES,
    DuesNotice,
    LineStatus,
    OrganizingTarget,
    Payment,
    StatementImport,
    StatementLine,
)
from federation.dues.money import money_parse
from federation.dues.rules import REFERENCE_RE
from federation.dues.services._common import audit
from federation.platform.actors import Actor, actor_label
from federation.platform.errors import DomainError
from tenants.models import Union

COLUMNS = {
    "paid_on": ("paid_on", "date", "日期", "交易日期", "入账日期", "记账日期"),
    "amount": ("amount", "金额", "贷方金额", "收入金额", "入账金额"),
    "reference": ("reference", "流水号", "交易流水号", "银行流水号", "凭证号", "参考号"),
    "payer_name": ("payer_name", "payer", "付款人", "对方户名", "付款户名", "付款单位"),
    "payer_code": ("payer_code", "credit_code", "信用代码", "统一社会信用代码"),
    "memo": ("memo", "摘要", "备注", "附言", "用途"),
}
_NOTICE_RE = re.compile(r"DN-?(\d{1,9})", re.IGNORECASE)
_REF_RE = re.compile(REFERENCE_RE)
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024  # a month's statement of a township is a few hundred KB
MAX_XLSX_UNPACKED = 50 * 1024 * 1024
MAX_CELL = 500


def _file_error(message: str, code: str) -> ValidationError:
    return ValidationError({"file": [message]}, code=code)


def _read_bounded(upload: Any) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise _file_error(
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
            "too_large",
        )
    data: bytes = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _file_error(
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
            "too_large",
        )
    return data


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()[:10]
    return str(value)[:MAX_CELL]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _file_error(_("This is not a readable xlsx file."), "unreadable") from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise _file_error(_("The workbook is too large once unpacked."), "too_large")
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows: list[list[str]] = []
        for row in wb.active.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS + 1:
                raise _file_error(
                    _("At most %(n)s lines per file.") % {"n": MAX_ROWS}, "too_many_rows"
                )
            rows.append([_cell_text(v) for v in row[:50]])
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - any unreadable workbook is the user's file problem
        raise _file_error(_("This is not a readable xlsx file."), "unreadable") from None
    return rows


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _file_error(_("The csv file is neither UTF-8 nor GB18030."), "encoding")
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text.replace("\x00", ""))):
            if len(rows) > MAX_ROWS + 1:
                raise _file_error(
                    _("At most %(n)s lines per file.") % {"n": MAX_ROWS}, "too_many_rows"
                )
            rows.append([cell[:MAX_CELL] for cell in row[:50]])
    except csv.Error:
        raise _file_error(_("This is not a readable csv file."), "unreadable") from None
    return rows


def _rows_from(upload: Any) -> list[list[str]]:
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith((".xlsx", ".csv")):
        raise _file_error(_("Upload a csv or xlsx file."), "file_type")
    data = _read_bounded(upload)
    rows = _xlsx_rows(data) if name.endswith(".xlsx") else _csv_rows(data)
    if not rows:
        raise _file_error(_("The file is empty."), "empty")
    if len(rows) > MAX_ROWS + 1:
        raise _file_error(_("At most %(n)s lines per file.") % {"n": MAX_ROWS}, "too_many_rows")
    return rows


def _header_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for idx, cell in enumerate(header):
        key = str(cell).strip().lower()
        for field, names in COLUMNS.items():
            if key in names and field not in found:
                found[field] = idx
    missing = [f for f in ("paid_on", "amount", "reference") if f not in found]
    if missing:
        raise _file_error(
            _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)}, "missing_columns"
        )
    return found


def _payer_of(code: str, name: str) -> Union | OrganizingTarget | None:
    if code:
        found = Union.objects.filter(credit_code=code.upper(), is_federation=False).first()
        if found is not None:
            return found
        target = OrganizingTarget.objects.filter(credit_code=code.upper()).first()
        if target is not None:
            return target
    if name:
        found = Union.objects.filter(name=name.strip(), is_federation=False).first()
        return found or OrganizingTarget.objects.filter(name=name.strip()).first()
    return None


def _match(
    *, amount: Decimal, code: str, name: str, memo: str, reference: str
) -> tuple[DuesNotice | None, str]:
    open_notices = DuesNotice.objects.filter(status__in=OPEN_STATUSES).select_related(
        "union", "target"
    )
    m = _NOTICE_RE.search(f"{reference} {memo}")
    if m:
        notice = open_notices.filter(pk=int(m.group(1))).first()
        if notice is not None:
            return notice, _("by notice number")
    payer = _payer_of(code, name)
    if payer is None:
        return None, _("no union with this credit code or name")
    mine = (
        open_notices.filter(union=payer)
        if isinstance(payer, Union)
        else open_notices.filter(target=payer)
    )
    candidates = [n for n in mine.order_by("period_start", "pk") if n.balance >= amount]
    exact = [n for n in candidates if n.balance == amount]
    notice = (exact or candidates)[0] if (exact or candidates) else None
    if notice is None:
        return None, _("%(payer)s has no open notice with a balance of at least %(amount)s") % {
            "payer": payer,
            "amount": f"{amount:,.2f}",
        }
    return notice, _("by payer")


def _line(
    statement: StatementImport, number: int, row: list[str], cols: dict[str, int], seen: set[str]
) -> StatementLine:
    def cell(f: str) -> str:
        return str(row[cols[f]]).strip() if f in cols and cols[f] < len(row) else ""

    line = StatementLine(
        statement=statement,
        row=number,
        reference=cell("reference")[:64],
        payer_name=cell("payer_name")[:200],
        payer_code=cell("payer_code")[:18].upper(),
        memo=cell("memo")[:300],
    )
    problems = []
    try:
        line.amount = money_parse(cell("amount"), field="amount")
    except ValidationError:
        problems.append(_("amount is not a positive amount"))
    try:
        line.paid_on = dt.date.fromisoformat(cell("paid_on")[:10])
    except ValueError:
        problems.append(_("date is not YYYY-MM-DD"))
    if not _REF_RE.match(line.reference):
        problems.append(_("bank reference is missing or malformed"))
    if problems:
        line.status, line.message = LineStatus.INVALID, "; ".join(problems)
    elif line.reference in seen or Payment.objects.filter(reference=line.reference).exists():
        line.status = LineStatus.DUPLICATE
        line.message = _("this bank reference is already recorded")
    else:
        notice, how = _match(
            amount=line.amount or Decimal("0.00"),
            code=line.payer_code,
            name=line.payer_name,
            memo=line.memo,
            reference=line.reference,
        )
        line.notice = notice
        line.status = LineStatus.MATCHED if notice else LineStatus.UNMATCHED
        line.message = how
    seen.add(line.reference)
    return line


@transaction.atomic
def statement_import(*, upload: Any, actor: Actor) -> StatementImport:
    """Read and match a statement; nothing is paid yet (see ``statement_apply``)."""
    rows = _rows_from(upload)
    cols = _header_map(rows[0])
    statement = StatementImport.objects.create(
        file_name=(getattr(upload, "name", "") or "statement")[:200],
        uploaded_by=actor_label(actor),
    )
    seen: set[str] = set()
    lines = [
        _line(statement, number, row, cols, seen)
        for number, row in enumerate(rows[1:], start=2)
        if any(str(c).strip() for c in row)
    ]
    StatementLine.objects.bulk_create(lines)
    audit(
        actor=actor,
        kind=DuesAuditKind.STATEMENT_IMPORTED,
        obj=statement,
        after={"file_name": statement.file_name, "lines": len(lines)},
    )
    return statement


def statement_apply(*, statement: StatementImport, actor: Actor) -> StatementImport:
    """Record each matched line as a payment; a line that fails now (paid meanwhile, reference
    used) is marked with the reason and the others still go through."""
    for line in (
        statement.lines.filter(status=LineStatus.MATCHED).select_related("notice").order_by("row")
    ):
        if line.notice is None or line.amount is None or line.paid_on is None:
            continue  # a matched line always has them; a hand-edited row is skipped
        try:
            payment = services.payment_record(
                notice=line.notice,
                amount=line.amount,
                paid_on=line.paid_on,
                reference=line.reference,
                actor=actor,
                source="statement",
            )
        except DomainError:
            line.status = LineStatus.DUPLICATE
            line.message = _("this bank reference is already recorded")
        except ValidationError as exc:
            line.status = LineStatus.UNMATCHED
            line.message = "; ".join(m for msgs in exc.message_dict.values() for m in msgs)[:300]
        else:
            line.status, line.payment = LineStatus.RECORDED, payment
        line.save(update_fields=["status", "message", "payment"])
    statement.applied_at = timezone.now()
    statement.save(update_fields=["applied_at"])
    return statement
