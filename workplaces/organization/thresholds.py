"""Exact threshold arithmetic for the statutory votes (no floats).

A share rule is a fraction written in the rule table as ``"2/3"`` or ``"0.20"``.
``at_least(part, whole, share)`` is 以上 (the threshold itself counts: 60 of 90 at 2/3);
``more_than(part, whole, share)`` is 过半数 / 超过 (strictly more: 46 of 90 at 1/2).
"""

from __future__ import annotations

from fractions import Fraction


def share_parse(value: object) -> Fraction:
    """A rule value such as ``"2/3"``, ``"0.20"`` or ``[2, 3]`` as an exact fraction."""
    if isinstance(value, list | tuple) and len(value) == 2:
        return Fraction(int(value[0]), int(value[1]))
    return Fraction(str(value).strip())


def at_least(part: int, whole: int, share: Fraction) -> bool:
    """part >= share * whole, in integers: part * den >= num * whole."""
    return part * share.denominator >= share.numerator * whole


def more_than(part: int, whole: int, share: Fraction) -> bool:
    """part > share * whole, in integers."""
    return part * share.denominator > share.numerator * whole


def at_most(part: int, whole: int, share: Fraction) -> bool:
    """part <= share * whole, in integers."""
    return part * share.denominator <= share.numerator * whole
