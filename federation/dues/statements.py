"""Bank statement import: read a csv/xlsx statement, match each credit line to a notice by
bank reference, notice number, credit code or payer name, show what matched, then record
the matched lines as payments (each through ``payment_record``: a reference is used once)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import services
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
from tenants.models import Union

COLUMNS = {
    "paid_on": ("paid_on", "date", "日期", "交易日期", "入账日期", "记账日期"),
    "amount": ("amount", "金额", "贷方金额", "收入金额", "入账金额"),
    "reference": ("reference", "流水号", "交易流水号", "银行流水号", "凭证号", "参考号"),
    "payer_name": ("payer_name", "payer", "付款人", "对方户名", "付款户名", "付款单位"),
    "payer_code": ("payer_code", "credit_code", "信用代码", "统一社会信用代码"),
    "memo": ("memo", "摘要", "备注", "附言", "用途"),
}
_NOTICE_RE = re.compile(r"DN-?(\d+)", re.IGNORECASE)
MAX_ROWS = 5000


def _rows_from(upload) -> list[list[str]]:
    name = (getattr(upload, "name", "") or "").lower()
    data = upload.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - any unreadable workbook is the user's file problem
            raise ValidationError({"file": [_("This is not a readable xlsx file.")]}) from None
        rows = []
        for row in wb.active.iter_rows(values_only=True):
            rows.append(
                [
                    ""
                    if v is None
                    else (v.isoformat()[:10] if isinstance(v, dt.date | dt.datetime) else str(v))
                    for v in row
                ]
            )
        return rows
    if not name.endswith(".csv"):
        raise ValidationError({"file": [_("Upload a csv or xlsx file.")]})
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError({"file": [_("The csv file is neither UTF-8 nor GB18030.")]})
    return [row for row in csv.reader(io.StringIO(text))]


def _header_map(header: list[str]) -> dict[str, int]:
    found = {}
    for idx, cell in enumerate(header):
        key = str(cell).strip().lower()
        for field, names in COLUMNS.items():
            if key in names and field not in found:
                found[field] = idx
    missing = [f for f in ("paid_on", "amount", "reference") if f not in found]
    if missing:
        raise ValidationError(
            {"file": [_("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)}]}
        )
    return found


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
    payer = None
    if code:
        payer = (
            Union.objects.filter(credit_code=code.upper(), is_federation=False).first()
            or OrganizingTarget.objects.filter(credit_code=code.upper()).first()
        )
    if payer is None and name:
        payer = (
            Union.objects.filter(name=name.strip(), is_federation=False).first()
            or OrganizingTarget.objects.filter(name=name.strip()).first()
        )
    if payer is None:
        return None, _("no union with this credit code or name")
    mine = (
        open_notices.filter(union=payer)
        if isinstance(payer, Union)
        else open_notices.filter(target=payer)
    )
    candidates = [n for n in mine.order_by("period_start", "pk") if n.balance >= amount]
    exact = [n for n in candidates if n.balance == amount]
    notice = (exact or candidates or [None])[0]
    if notice is None:
        return None, _("%(payer)s has no open notice with a balance of at least %(amount)s") % {
            "payer": payer,
            "amount": amount,
        }
    return notice, _("by payer")


@transaction.atomic
def statement_import(*, upload, actor) -> StatementImport:
    """Read and match a statement; nothing is paid yet (see ``statement_apply``)."""
    rows = _rows_from(upload)
    if not rows:
        raise ValidationError({"file": [_("The file is empty.")]})
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError({"file": [_("At most %(n)s lines per file.") % {"n": MAX_ROWS}]})
    cols = _header_map(rows[0])
    statement = StatementImport.objects.create(
        file_name=(getattr(upload, "name", "") or "statement")[:200],
        uploaded_by=services._actor_name(actor),
    )
    seen: set[str] = set()
    lines = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(str(c).strip() for c in row):
            continue

        def cell(f, row=row):
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
        try:
            services._reference_parse(line.reference)
        except ValidationError:
            problems.append(_("bank reference is missing or malformed"))
        if problems:
            line.status, line.message = LineStatus.INVALID, "; ".join(problems)
        elif line.reference in seen or Payment.objects.filter(reference=line.reference).exists():
            line.status, line.message = (
                LineStatus.DUPLICATE,
                _("this bank reference is already recorded"),
            )
        else:
            notice, how = _match(
                amount=line.amount,
                code=line.payer_code,
                name=line.payer_name,
                memo=line.memo,
                reference=line.reference,
            )
            line.notice = notice
            line.status = LineStatus.MATCHED if notice else LineStatus.UNMATCHED
            line.message = how
        seen.add(line.reference)
        lines.append(line)
    StatementLine.objects.bulk_create(lines)
    return statement


def statement_apply(*, statement: StatementImport, actor) -> StatementImport:
    """Record each matched line as a payment; a line that fails now (paid meanwhile, reference
    used) is marked with the reason and the others still go through."""
    for line in (
        statement.lines.filter(status=LineStatus.MATCHED).select_related("notice").order_by("row")
    ):
        try:
            payment = services.payment_record(
                notice=line.notice,
                amount=line.amount,
                paid_on=line.paid_on,
                reference=line.reference,
                actor=actor,
                source="statement",
            )
        except services.DuesConflict:
            line.status, line.message = (
                LineStatus.DUPLICATE,
                _("this bank reference is already recorded"),
            )
        except ValidationError as exc:
            line.status = LineStatus.UNMATCHED
            line.message = "; ".join(m for msgs in exc.message_dict.values() for m in msgs)[:300]
        else:
            line.status, line.payment = LineStatus.RECORDED, payment
        line.save(update_fields=["status", "message", "payment"])
    statement.applied_at = timezone.now()
    statement.save(update_fields=["applied_at"])
    return statement
