"""The columns of a member dues payment file and how each cell is read.

The first row names the columns, in Chinese or as the API's field names: the member by
会员编号 ``member_no`` or 身份证号 ``id_number`` (one of them), 月份 ``month`` (the month
the payment is for), 金额 ``amount``, 缴费日期 ``paid_on``; 姓名 ``name`` is optional and,
when given, must match the member. A cell that cannot be read is an error of its row and
column, never a 500.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tenants.member_index import id_number_normalise
from workplaces.members.imports.reading import bad_file

# field -> the header texts it is known by (the first is the one the template uses)
HEADERS: dict[str, tuple[str, ...]] = {
    "member_no": ("会员编号", "会员号", "member_no"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "id_number"),
    "name": ("姓名", "name"),
    "month": ("月份", "所属月份", "缴费月份", "会费月份", "month", "period"),
    "amount": ("金额", "缴费金额", "实缴金额", "会费金额", "金额(元)", "金额（元）", "amount"),
    "paid_on": ("缴费日期", "缴纳日期", "缴费时间", "paid_on"),
}
REQUIRED = ("month", "amount", "paid_on")
WHO = ("member_no", "id_number")

AMOUNT = re.compile(r"^\d{1,9}(\.\d{1,2})?$")
MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$|^(\d{4})(\d{2})$")
DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$|^(\d{4})(\d{2})(\d{2})$"
)
FIRST_YEAR, LAST_YEAR = 2000, 2100


def header_map(header: list[str]) -> dict[int, tuple[str, str]]:
    """Column index -> (field, header text); a 400 on ``file`` naming missing or repeated
    columns. Columns the import does not know are ignored."""
    aliases = {text.lower(): fld for fld, texts in HEADERS.items() for text in texts}
    mapping: dict[int, tuple[str, str]] = {}
    seen: set[str] = set()
    for i, text in enumerate(header):
        fld = aliases.get(text.strip().lower())
        if fld is None:
            continue
        if fld in seen:
            raise bad_file(_("The column %(c)s appears twice.") % {"c": text}, "duplicate_column")
        seen.add(fld)
        mapping[i] = (fld, text)
    missing = [f"{HEADERS[f][0]} ({f})" for f in REQUIRED if f not in seen]
    if not seen.intersection(WHO):
        missing.insert(0, f"{HEADERS['member_no'][0]} / {HEADERS['id_number'][0]}")
    if missing:
        raise bad_file(_("Missing columns: %(c)s.") % {"c": ", ".join(missing)}, "missing_columns")
    return mapping


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _invalid(message: str, code: str = "invalid") -> ValidationError:
    return ValidationError(message, code=code)


def month_read(value: Any) -> dt.date:
    """2026-05, 2026/5, 2026.05, 202605, 2026年5月, or a date cell -> the first of the month."""
    if isinstance(value, dt.date):
        year, month = value.year, value.month
    else:
        text = _text(value)
        if not text:
            raise _invalid(_("The month is missing."), "required")
        found = MONTH.match(text) or DATE.match(text)
        if not found:
            raise _invalid(_("A month such as 2026-05."))
        parts = [p for p in found.groups() if p is not None]
        year, month = int(parts[0]), int(parts[1])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise _invalid(_("A month such as 2026-05."))
    return dt.date(year, month, 1)


def date_read(value: Any) -> dt.date:
    """2026-06-10, 2026/6/10, 20260610, 2026年6月10日, or a date cell."""
    if isinstance(value, dt.date):
        day = value
    else:
        text = _text(value)
        if not text:
            raise _invalid(_("The date is missing."), "required")
        found = DATE.match(text)
        if not found:
            raise _invalid(_("A date such as 2026-06-10."))
        parts = [int(p) for p in found.groups() if p is not None]
        try:
            day = dt.date(*parts)
        except ValueError:
            raise _invalid(_("A date such as 2026-06-10.")) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise _invalid(_("A date such as 2026-06-10."))
    return day


def amount_read(value: Any) -> Decimal:
    """A positive amount in yuan with at most two decimals (¥ and thousands commas allowed)."""
    text = _text(value).replace(",", "").replace("，", "").lstrip("¥￥").strip()
    if not text:
        raise _invalid(_("The amount is missing."), "required")
    if not AMOUNT.match(text):
        raise _invalid(_("An amount in yuan such as 25.00 (at most two decimals)."))
    amount = Decimal(text)
    if amount <= 0:
        raise _invalid(_("The amount must be more than zero."), "not_positive")
    return amount.quantize(Decimal("0.01"))


def member_no_read(value: Any) -> str:
    return _text(value)[:20]


def id_number_read(value: Any) -> str:
    return id_number_normalise(_text(value))[:18]
