"""The statutory entitlements of a woman worker computed from her record's dates and the
rule table (女职工劳动保护特别规定 2012, art. 6, 7, 9). Pure: the rule values are passed in.

- maternity leave: 98 days, +15 for a difficult birth, +15 for each additional baby
  (twins with a difficult birth: 98 + 15 + 15 = 128);
- miscarriage: 15 days before 4 months of pregnancy, 42 days from 4 months;
- nursing: one hour a day (+1 hour per additional baby) until the child is one year old;
- no night shifts or overtime from the 7th month of pregnancy (the protective reading:
  the 7th month begins when 6 months are complete).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from workplaces.rights.clocks import days_add, months_add


@dataclass(frozen=True)
class WomenRules:
    maternity_days: int = 98
    difficult_days: int = 15
    extra_baby_days: int = 15
    miscarriage_early_days: int = 15
    miscarriage_late_days: int = 42
    miscarriage_threshold_months: int = 4
    nursing_minutes: int = 60
    nursing_extra_baby_minutes: int = 60
    nursing_until_months: int = 12
    protected_month: int = 7


def women_rules(*, on: dt.date | None = None) -> WomenRules:
    from federation.rules.selectors import rule_value

    def r(key: str) -> int:
        return int(rule_value(f"rights.{key}", on=on))

    return WomenRules(
        maternity_days=r("maternity_days"),
        difficult_days=r("maternity_difficult_days"),
        extra_baby_days=r("maternity_extra_baby_days"),
        miscarriage_early_days=r("miscarriage_early_days"),
        miscarriage_late_days=r("miscarriage_late_days"),
        miscarriage_threshold_months=r("miscarriage_threshold_months"),
        nursing_minutes=r("nursing_minutes_per_day"),
        nursing_extra_baby_minutes=r("nursing_extra_baby_minutes"),
        nursing_until_months=r("nursing_until_months"),
        protected_month=r("pregnancy_protected_month"),
    )


def maternity_days(*, babies: int, difficult: bool, rules: WomenRules) -> int:
    return (
        rules.maternity_days
        + (rules.difficult_days if difficult else 0)
        + rules.extra_baby_days * max(babies - 1, 0)
    )


def miscarriage_days(*, started_on: dt.date, miscarried_on: dt.date, rules: WomenRules) -> int:
    threshold = months_add(started_on, rules.miscarriage_threshold_months)
    if miscarried_on < threshold:
        return rules.miscarriage_early_days
    return rules.miscarriage_late_days


def entitlements(
    *,
    pregnancy_started_on: dt.date | None,
    delivered_on: dt.date | None,
    babies: int,
    difficult_birth: bool,
    miscarried_on: dt.date | None,
    rules: WomenRules,
    today: dt.date,
) -> dict[str, Any]:
    """What the record entitles her to, and the stage she is in on ``today``."""
    out: dict[str, Any] = {
        "stage": "",
        "no_night_shift_from": None,
        "maternity_leave_days": None,
        "maternity_leave_until": None,
        "miscarriage_leave_days": None,
        "nursing_minutes_per_day": None,
        "nursing_until": None,
    }
    if pregnancy_started_on and not delivered_on and not miscarried_on:
        out["no_night_shift_from"] = months_add(pregnancy_started_on, rules.protected_month - 1)
        out["stage"] = "pregnancy"
    if miscarried_on and pregnancy_started_on:
        days = miscarriage_days(
            started_on=pregnancy_started_on, miscarried_on=miscarried_on, rules=rules
        )
        out["miscarriage_leave_days"] = days
        out["stage"] = "leave" if today < days_add(miscarried_on, days) else ""
    if delivered_on:
        days = maternity_days(babies=babies, difficult=difficult_birth, rules=rules)
        out["maternity_leave_days"] = days
        # 15 of the days are before childbirth (art. 7), so the leave ends days - 15 after it
        leave_until = days_add(delivered_on, days - 15 - 1)
        out["maternity_leave_until"] = leave_until
        out["nursing_minutes_per_day"] = (
            rules.nursing_minutes + rules.nursing_extra_baby_minutes * (max(babies - 1, 0))
        )
        nursing_until = days_add(months_add(delivered_on, rules.nursing_until_months), -1)
        out["nursing_until"] = nursing_until
        if today <= leave_until:
            out["stage"] = "maternity"
        elif today <= nursing_until:
            out["stage"] = "nursing"
        else:
            out["stage"] = ""
    return out
