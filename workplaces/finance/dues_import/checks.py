"""Checking every row of a dues payment file before anything is written.

Per row: each cell is read (errors by row and column, the header being row 1), the member
is found by member number or ID number in this union (both given: they must name the same
member; a name given must match). Across rows and against the ledger: the same payment
twice in the file is an error of the later row; a payment recorded by an earlier import
is counted as already recorded and skipped (what makes a re-import change nothing); a
payment may not take a month past what is due (a retained member owes nothing), nor fall
in a year whose accounts are closed, nor be for a month before the member joined, nor be
dated in the future.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from workplaces.finance.dues_import import columns
from workplaces.finance.dues_ledger import dues_due, dues_rules
from workplaces.finance.models import DuesImportLine, FinalAccount, MemberDues
from workplaces.members.models import Member, MemberStatus

CHUNK = 5000
READERS = {
    "member_no": columns.member_no_read,
    "id_number": columns.id_number_read,
    "name": lambda v: str(v).strip() if v is not None else "",
    "month": columns.month_read,
    "amount": columns.amount_read,
    "paid_on": columns.date_read,
}

Key = tuple[int, dt.date, dt.date, Decimal]


@dataclass
class Line:
    row: int
    member: Member
    month: dt.date
    amount: Decimal
    paid_on: dt.date

    @property
    def key(self) -> Key:
        return (self.member.pk, self.month, self.paid_on, self.amount)


@dataclass
class Checked:
    """New payments to record, how many were recorded before, and the errors."""

    lines: list[Line] = field(default_factory=list)
    already: int = 0
    total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def error(self, row: int, column: str, fld: str, code: str, message: str) -> None:
        self.errors.append(
            {"row": row, "column": column, "field": fld, "code": code, "message": message}
        )


def _members(values: set[str], attr: str) -> dict[str, Member]:
    found: dict[str, Member] = {}
    ordered = sorted(values)
    for i in range(0, len(ordered), CHUNK):
        for m in Member.objects.filter(**{f"{attr}__in": ordered[i : i + CHUNK]}):
            found[getattr(m, attr)] = m
    return found


def _read_rows(
    rows: Iterable[list[Any]], mapping: dict[int, tuple[str, str]], checked: Checked
) -> list[tuple[int, dict[str, Any]]]:
    """Each non-empty row's cells read into values (errors by cell)."""
    out = []
    for n, raw in enumerate(rows, start=2):
        if not any(str(v).strip() for v in raw if v is not None):
            continue
        checked.total += 1
        values: dict[str, Any] = {}
        for i, (fld, text) in mapping.items():
            cell = raw[i] if i < len(raw) else ""
            try:
                values[fld] = READERS[fld](cell)
            except ValidationError as exc:
                checked.error(n, text, fld, exc.code or "invalid", " ".join(exc.messages))
        out.append((n, values))
    return out


def _member_of(
    n: int,
    values: dict[str, Any],
    columns_of: dict[str, str],
    by_no: dict[str, Member],
    by_id: dict[str, Member],
    checked: Checked,
) -> Member | None:
    no, idn = values.get("member_no", ""), values.get("id_number", "")
    if not no and not idn:
        fld = "member_no" if "member_no" in columns_of else "id_number"
        checked.error(
            n, columns_of[fld], fld, "required", _("The member number or ID number is missing.")
        )
        return None
    one, two = by_no.get(no) if no else None, by_id.get(idn) if idn else None
    if (no and one is None) or (idn and two is None):
        fld = "member_no" if no and one is None else "id_number"
        checked.error(
            n, columns_of[fld], fld, "unknown", _("No member of this union has this number.")
        )
        return None
    member = one or two
    if one is not None and two is not None and one.pk != two.pk:
        checked.error(
            n,
            columns_of["id_number"],
            "id_number",
            "mismatch",
            _("The member number and the ID number name different members."),
        )
        return None
    name = values.get("name", "")
    if member is not None and name and name != member.name:
        checked.error(
            n, columns_of["name"], "name", "mismatch", _("The name does not match the member.")
        )
        return None
    return member


def _owed(lines: list[Line], columns_of: dict[str, str], checked: Checked) -> list[Line]:
    """Keep the lines that fit what is still owed for their member and month, in file order."""
    members = {line.member.pk for line in lines}
    months = {line.month for line in lines}
    ledger = {
        (r.member_id, r.month): r
        for r in MemberDues.objects.filter(member_id__in=members, month__in=months)
    }
    rules = dues_rules(months=months)
    paid: dict[tuple[int, dt.date], Decimal] = {}
    kept = []
    for line in lines:
        key = (line.member.pk, line.month)
        row = ledger.get(key)
        retained = line.member.status == MemberStatus.RETAINED
        due = (
            row.due
            if row is not None
            else dues_due(
                wage=line.member.monthly_wage,
                retained=retained,
                on=line.month,
                rule=rules[line.month],
            )
        )
        so_far = paid.get(key, row.paid if row is not None else Decimal("0.00"))
        if so_far + line.amount > due:
            message = (
                _("A retained member owes no dues.")
                if due == 0 and retained
                else _("More than is owed for %(month)s (%(owed)s).")
                % {"month": f"{line.month:%Y-%m}", "owed": f"{max(due - so_far, 0):.2f}"}
            )
            checked.error(line.row, columns_of["amount"], "amount", "over_due", message)
            continue
        paid[key] = so_far + line.amount
        kept.append(line)
    return kept


def rows_check(
    *, header: list[str], rows: Iterable[list[Any]], today: dt.date | None = None
) -> Checked:
    """Read and check every row; ``Checked.lines`` are the payments a write would record."""
    mapping = columns.header_map(header)
    columns_of = {fld: text for fld, text in mapping.values()}
    today = today or timezone.localdate()
    checked = Checked()
    read = _read_rows(rows, mapping, checked)
    bad_rows = {e["row"] for e in checked.errors}
    by_no = _members({v["member_no"] for _n, v in read if v.get("member_no")}, "member_no")
    by_id = _members({v["id_number"] for _n, v in read if v.get("id_number")}, "id_number")
    closed = set(FinalAccount.objects.values_list("year", flat=True))
    first_row: dict[Key, int] = {}
    lines: list[Line] = []
    for n, values in read:
        member = _member_of(n, values, columns_of, by_no, by_id, checked)
        if member is None or n in bad_rows:
            continue
        line = Line(n, member, values["month"], values["amount"], values["paid_on"])
        paid_text = columns_of["paid_on"]
        if line.paid_on > today:
            checked.error(n, paid_text, "paid_on", "future", _("The date is in the future."))
        elif line.paid_on.year in closed:
            message = _("The accounts of %(year)s are closed.") % {"year": line.paid_on.year}
            checked.error(n, paid_text, "paid_on", "year_closed", message)
        elif line.month < member.joined_on.replace(day=1):
            message = _("The member joined on %(on)s.") % {"on": f"{member.joined_on:%Y-%m-%d}"}
            checked.error(n, columns_of["month"], "month", "before_joining", message)
        elif line.key in first_row:
            message = _("The same payment as row %(r)d.") % {"r": first_row[line.key]}
            checked.error(n, columns_of["amount"], "amount", "duplicate", message)
        else:
            first_row[line.key] = n
            lines.append(line)
    recorded = _recorded({line.key for line in lines})
    fresh = [line for line in lines if line.key not in recorded]
    checked.already = len(lines) - len(fresh)
    checked.lines = _owed(fresh, columns_of, checked)
    checked.errors.sort(key=lambda e: (e["row"], e["field"]))
    return checked


def _recorded(keys: set[Key]) -> set[Key]:
    """The payments among ``keys`` an earlier import recorded."""
    if not keys:
        return set()
    members = {k[0] for k in keys}
    months = {k[1] for k in keys}
    found = DuesImportLine.objects.filter(member_id__in=members, month__in=months).values_list(
        "member_id", "month", "paid_on", "amount"
    )
    return {k for k in found if k in keys}
