"""Level computation (pure functions, no database).

Rule (../shared/DESIGN.md "Staff home"): the level is the highest of the scheme's levels
whose minimum score is at most the total AND whose minimum members' approval rate is met;
a mandatory (必备) criterion scored zero fails the assessment whatever the total.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

TWO = Decimal("0.01")


def to_points(value) -> Decimal:
    """A score as Decimal with two places; raises ValueError for anything else."""
    if isinstance(value, bool) or value is None or isinstance(value, float):
        # floats carry binary noise (79.9 is not 79.9): the API takes strings or integers
        if isinstance(value, float):
            value = repr(value)
        else:
            raise ValueError("not a number")
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValueError("not a number") from None
    if not d.is_finite():
        raise ValueError("not a number")
    if d != d.quantize(TWO, rounding=ROUND_HALF_UP):
        raise ValueError("at most two decimal places")
    return d.quantize(TWO)


def mandatory_zero(items: Iterable, *, field: str) -> bool:
    """True when a mandatory criterion is scored zero (a missing score is not zero)."""
    return any(
        item.criterion.mandatory and getattr(item, field) is not None and getattr(item, field) == 0
        for item in items
    )


def level_for(
    *, levels: Iterable, total: Decimal, approval_rate: Decimal | None, mandatory_failed: bool
):
    """The highest level reached, or None."""
    if mandatory_failed:
        return None
    for level in sorted(levels, key=lambda lv: (lv.min_score, lv.order), reverse=True):
        if total < level.min_score:
            continue
        if level.min_approval_rate and (
            approval_rate is None or approval_rate < level.min_approval_rate
        ):
            continue
        return level
    return None
