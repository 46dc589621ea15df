"""The legal clocks of rights work, as pure functions of dates and rule values.

Day clocks are calendar days with ``datetime.timedelta`` (集体合同规定 2004: filing within
10 days of signing, art. 42; effective when the labour department raises no objection
within 15 days of receipt, art. 47; 劳动争议调解仲裁法 art. 14: mediation within 15 days).
Month and year clocks move the calendar month and keep the day, clamped to the month's
last day (2029-02-28 minus 3 months is 2028-11-28).
"""

from __future__ import annotations

import calendar
import datetime as dt


def months_add(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (negative moves back), the day of month
    clamped to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def years_add(day: dt.date, years: int) -> dt.date:
    return months_add(day, 12 * years)


def days_add(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def filing_due(*, signed_on: dt.date, filing_days: int) -> dt.date:
    """The last day to file a signed contract with the labour department."""
    return days_add(signed_on, filing_days)


def effective_on(*, filed_on: dt.date, review_days: int) -> dt.date:
    """The day a filed contract takes effect when the department has not objected."""
    return days_add(filed_on, review_days)


def renewal_from(*, ends_on: dt.date, renewal_months: int) -> dt.date:
    """The first day of renewal talks before a contract expires."""
    return months_add(ends_on, -renewal_months)


def term_longest_end(*, starts_on: dt.date, max_years: int) -> dt.date:
    """The last allowed end day: a term of ``max_years`` from ``starts_on`` ends the day
    before the same date ``max_years`` later (2026-03-01 + 3 years ends 2029-02-28)."""
    return days_add(years_add(starts_on, max_years), -1)


def term_shortest_end(*, starts_on: dt.date, min_years: int) -> dt.date:
    return days_add(years_add(starts_on, min_years), -1)


def mediation_deadline(*, received_on: dt.date, mediation_days: int) -> dt.date:
    """The end of the mediation period: after it the parties may go to arbitration."""
    return days_add(received_on, mediation_days)


def mediation_overdue(*, deadline: dt.date, open_: bool, today: dt.date) -> bool:
    return open_ and today > deadline
