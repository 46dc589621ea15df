"""Pure calculators of the union funds: no database, no clock, no settings.

The numbers they use (rate, shares, grace days) come from the rule row in force, passed in
by the caller; the rules themselves (DESIGN.md "Union funds", Trade Union Law art. 42) are
here once, unit-tested without a database (tests/federation/dues/test_calculators.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
# a bank reference: 1 to 64 letters, digits or - _ / . : (used once, see ``Payment``)
REFERENCE_RE = r"^[A-Za-z0-9][A-Za-z0-9_\-/.:]{0,63}$"
_REFERENCE = re.compile(REFERENCE_RE)
ZERO = Decimal("0.00")

# the values of ``models.CollectionMode`` / ``models.NoticeStatus`` (kept as plain strings
# here so this module imports nothing from Django)
FULL, SPLIT, PREPARATORY = "full", "split", "preparatory"
ISSUED, PARTIAL, PAID, OVERDUE, WAIVED = "issued", "partial", "paid", "overdue", "waived"


def quantize_money(value: Decimal) -> Decimal:
    """0.01 CNY, half-up (12.245 → 12.25; banker's rounding would give 12.24)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def reference_ok(reference: str) -> bool:
    return bool(_REFERENCE.match(reference))


def notice_amount(
    *, payroll_total: Decimal, rate: Decimal, mode: str, upper_share: Decimal
) -> Decimal:
    """payroll × rate, 0.01 CNY half-up; in split collection only the upper share is billed
    (rounded once, at the end)."""
    if mode == SPLIT:
        return quantize_money(payroll_total * rate * upper_share)
    return quantize_money(payroll_total * rate)


def notice_status_for(
    *,
    status: str,
    amount_due: Decimal,
    amount_paid: Decimal,
    grace_until: dt.date,
    today: dt.date,
) -> str:
    """The status a notice has from its money and the clock: waived stays waived; paid when
    nothing is left; overdue after the last grace day; partial; issued."""
    if status == WAIVED:
        return WAIVED
    if amount_paid >= amount_due:
        return PAID
    if today > grace_until:
        return OVERDUE
    if amount_paid > 0:
        return PARTIAL
    return ISSUED


def initial_status(*, amount: Decimal, grace_until: dt.date, today: dt.date) -> str:
    """A notice issued late (after its grace days) is overdue at once; nothing to pay is paid."""
    if amount == 0:
        return PAID
    return OVERDUE if today > grace_until else ISSUED


@dataclass(frozen=True)
class Shares:
    """Where money received on a notice goes."""

    workplace: Decimal  # returned to the workplace union (回拨)
    federation: Decimal  # the federation's own part of the upper share
    city: Decimal  # passed up to the city federation (上解)


def share_split(
    *, mode: str, received: Decimal, workplace_share: Decimal, city_share: Decimal
) -> Shares:
    """Split money received. Full collection: the workplace share goes back, the rest is the
    upper share; split collection and 筹备金: everything received is upper share. The city's
    part of the upper share is rounded half-up; the federation keeps the remainder, so the
    three parts always add up to what was received."""
    workplace = quantize_money(received * workplace_share) if mode == FULL else ZERO
    upper = received - workplace
    city = quantize_money(upper * city_share)
    return Shares(workplace=workplace, federation=upper - city, city=city)


def refund_netting(
    *, paid: Decimal, returned: Decimal, city_passed: Decimal
) -> tuple[Decimal, Decimal, Decimal]:
    """A full refund to a small or micro enterprise nets against what already left the
    federation: the workplace share returned (回拨) and the city share passed up (上解).
    Returns (refund paid out now, netted against the return, netted against the city)
    with ``returned + city_passed`` capped at ``paid``: no share goes negative."""
    net_returned = min(max(returned, ZERO), paid)
    net_city = min(max(city_passed, ZERO), paid - net_returned)
    return paid - net_returned - net_city, net_returned, net_city


def credit_application(*, credit: Decimal, amount_due: Decimal, amount_paid: Decimal) -> Decimal:
    """How much of an open credit (an overpayment carried forward) a notice takes: up to its
    balance, never below zero."""
    balance = amount_due - amount_paid
    return max(min(credit, balance), ZERO)


def expected_notice_on(*, period_end: dt.date) -> dt.date:
    """The cycle bills a period the day after it ends (the beat entry runs on the 1st)."""
    return period_end + dt.timedelta(days=1)
