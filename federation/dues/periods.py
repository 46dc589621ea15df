"""Dues periods: a month ``YYYY-MM`` or a quarter ``YYYY-Qn`` (API.md conventions)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MONTHLY = "monthly"
QUARTERLY = "quarterly"

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    index: int  # month 1..12 or quarter 1..4
    kind: str

    @property
    def code(self) -> str:
        if self.kind == QUARTERLY:
            return f"{self.year}-Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    @property
    def start(self) -> dt.date:
        month = self.index if self.kind == MONTHLY else 3 * (self.index - 1) + 1
        return dt.date(self.year, month, 1)

    @property
    def end(self) -> dt.date:
        month = self.index if self.kind == MONTHLY else 3 * self.index
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def due_date(self, due_day: int) -> dt.date:
        """``due_day`` of the month after the period (clipped to that month's length)."""
        after = self.end + dt.timedelta(days=1)
        day = min(due_day, calendar.monthrange(after.year, after.month)[1])
        return after.replace(day=day)

    def previous(self) -> Period:
        if self.kind == QUARTERLY:
            return (
                Period(self.year - 1, 4, QUARTERLY)
                if self.index == 1
                else Period(self.year, self.index - 1, QUARTERLY)
            )
        return (
            Period(self.year - 1, 12, MONTHLY)
            if self.index == 1
            else Period(self.year, self.index - 1, MONTHLY)
        )

    def __str__(self) -> str:
        return self.code


def period_parse(value, *, field: str = "period") -> Period:
    """Parse ``YYYY-MM`` or ``YYYY-Qn``; a bad value is a ValidationError on ``field``."""
    text = str(value or "").strip().upper()
    m = _MONTH_RE.match(text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            return Period(year, month, MONTHLY)
    else:
        q = _QUARTER_RE.match(text)
        if q and 2000 <= int(q.group(1)) <= 2100:
            return Period(int(q.group(1)), int(q.group(2)), QUARTERLY)
    raise ValidationError(
        {field: [_("Give a period as YYYY-MM (month 01 to 12) or YYYY-Qn (quarter 1 to 4).")]}
    )


def period_containing(day: dt.date, kind: str) -> Period:
    if kind == QUARTERLY:
        return Period(day.year, (day.month - 1) // 3 + 1, QUARTERLY)
    return Period(day.year, day.month, MONTHLY)


def period_just_ended(today: dt.date, kind: str) -> Period | None:
    """The period that ended just before ``today``'s period, if today's period started this month.

    Monthly: always the previous month. Quarterly: the previous quarter, but only in the first
    month of a quarter (the monthly beat entry then has nothing to do in other months).
    """
    current = period_containing(today, kind)
    if kind == QUARTERLY and today.month != current.start.month:
        return None
    return current.previous()
