"""Reading the union's records for the checks: facts pushed by the union-side modules
(``tenants.facts``) and the union funds declarations (``federation.dues.selectors``)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from federation.dues import selectors as dues
from tenants.facts import fact_value
from tenants.models import Union


class _Missing:
    """No fact row: the module has no record for the union."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def fact(union: Union, key: str) -> Any:
    """The fact's value (``None`` is a value), or ``MISSING`` when the union has no row."""
    return fact_value(union=union, key=key, default=MISSING)


def year_entry(by_year: Any, year: int) -> Any:
    """``{"2026": ...}[year]`` or None."""
    return by_year.get(str(year)) if isinstance(by_year, dict) else None


def months_after(on: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier, when negative), clipped to the month."""
    year, month = divmod(on.year * 12 + on.month - 1 + months, 12)
    month += 1
    return dt.date(year, month, min(on.day, calendar.monthrange(year, month)[1]))


def months_before(on: dt.date, months: int) -> dt.date:
    return months_after(on, -months)


def _period_floor(day: dt.date, step: int) -> dt.date:
    return dt.date(day.year, (day.month - 1) // step * step + 1, 1)


def _code(start: dt.date, step: int) -> str:
    if step == 3:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start:%Y-%m}"


def dues_periods_missing(*, union: Union, on: dt.date) -> tuple[list[str], list[str], list[str]]:
    """(missing, expected, declared) period codes of the union's payroll declarations.

    Expected: every period of the last 12 months (the dues rule table's period kind) whose
    payment date (``due_day`` of the next month) has passed by ``on``, from the union's
    registration or its first declaration, whichever is earlier. A union that never declared
    for such a period has it missing."""
    policy = dues.policy_in_force(on=on)
    step = 3 if policy.period_kind == "quarterly" else 1
    declarations = list(dues.declaration_list(union=union).values_list("period_start", flat=True))
    starts = set(declarations) | set(
        dues.union_notices(union=union).values_list("period_start", flat=True)
    )
    registered = union.created_at.date() if union.created_at else on
    since = max(months_before(on, 12), min([registered, *starts]))
    expected: list[dt.date] = []
    start = _period_floor(since, step)
    while True:
        after = months_after(start, step)
        due = after.replace(
            day=min(policy.due_day, calendar.monthrange(after.year, after.month)[1])
        )
        if due >= on:
            break
        expected.append(start)
        start = after
    missing = [_code(s, step) for s in expected if s not in starts]
    return missing, [_code(s, step) for s in expected], [_code(s, step) for s in sorted(starts)]
