"""Checks read from the union's own records: the veto checks (一票否决) and the automatic
evidence of criteria.

Each check is a named function returning a ``CheckResult``. The union-side modules push
their facts (``tenants.facts``; keys in ../wt/BRIEF.md "Fact keys"); a missing fact row is
"no record" (``no_data``), which BLOCKS acceptance like a failed check: a veto never passes
silently. A share of members over 100% of employees is a data error (``error``), which
blocks too. They read public rows only: a page never loops over tenant schemas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.dues import selectors as dues
from federation.homes.records import (
    MISSING,
    dues_periods_missing,
    fact,
    months_before,
    year_entry,
)
from tenants.models import Union, UnionRollup
from tenants.selectors import employees_effective

PASS = "pass"
FAIL = "fail"
NO_DATA = "no_data"
ERROR = "error"


@dataclass(frozen=True)
class CheckResult:
    status: str  # pass | fail | no_data (no record) | error (the data contradict)
    reason: str
    value: str = ""


@dataclass(frozen=True)
class Check:
    key: str
    label: Any
    func: Callable[..., CheckResult]


VETO_CHECKS: dict[str, Check] = {}
AUTO_CHECKS: dict[str, Check] = {}


def veto_check(
    key: str, label: Any
) -> Callable[[Callable[..., CheckResult]], Callable[..., CheckResult]]:
    def register(func: Callable[..., CheckResult]) -> Callable[..., CheckResult]:
        VETO_CHECKS[key] = Check(key, label, func)
        return func

    return register


def auto_check(
    key: str, label: Any
) -> Callable[[Callable[..., CheckResult]], Callable[..., CheckResult]]:
    def register(func: Callable[..., CheckResult]) -> Callable[..., CheckResult]:
        AUTO_CHECKS[key] = Check(key, label, func)
        return func

    return register


def _no_record(what: str) -> CheckResult:
    return CheckResult(NO_DATA, _("No record: %(what)s") % {"what": what})


def _rollup(union: Union) -> UnionRollup | None:
    return UnionRollup.objects.filter(union=union).first()


def _rule(on: dt.date) -> Any:
    from federation.homes.selectors import rule_in_force

    return rule_in_force(on=on)


def _pct(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def member_share(union: Union) -> tuple[Decimal, int, int] | None:
    """(share, active members, employees) with the employees the latest of the registered
    count and the declared headcount; None without data."""
    employees = employees_effective(union)
    rollup = _rollup(union)
    if rollup is None or employees is None or not employees.count:
        return None
    share = Decimal(rollup.members_active) / Decimal(employees.count)
    return share, rollup.members_active, employees.count


# --- veto checks (一票否决) -----------------------------------------------------------


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


@veto_check("committee_term", gettext_lazy("Committee re-elected on time"))
def veto_committee_term(*, union: Union, on: dt.date) -> CheckResult:
    term = fact(union, "organization.term")
    if term is MISSING:
        return _no_record(_("the union's committee and term are not in the app."))
    ends_on = _date(term.get("ends_on")) if isinstance(term, dict) else None
    if ends_on is None or term.get("status") == "none":
        return _no_record(_("the union has not recorded its committee term."))
    if term.get("status") == "overdue" or ends_on < on:
        return CheckResult(
            FAIL,
            _("The committee's term ended on %(date)s without a re-election.") % {"date": ends_on},
            str(ends_on),
        )
    return CheckResult(
        PASS, _("The committee's term runs until %(date)s.") % {"date": ends_on}, str(ends_on)
    )


@veto_check("workers_congress", gettext_lazy("Workers' congress held in the last 12 months"))
def veto_workers_congress(*, union: Union, on: dt.date) -> CheckResult:
    value = fact(union, "congress.last_held_on")
    if value is MISSING:
        return _no_record(_("the union's congress sessions are not in the app."))
    months = _rule(on).congress_months
    held = _date(value)
    if held is None:
        return CheckResult(FAIL, _("No workers' congress is on record."))
    if held < months_before(on, months):
        return CheckResult(
            FAIL,
            _("The last workers' congress was held on %(date)s, more than %(months)s months ago.")
            % {"date": held, "months": months},
            str(held),
        )
    return CheckResult(PASS, _("Workers' congress held on %(date)s.") % {"date": held}, str(held))


@veto_check("dues_overdue", gettext_lazy("Union funds declared and paid, none overdue"))
def veto_dues_overdue(*, union: Union, on: dt.date) -> CheckResult:
    notices = list(dues.union_notices(union=union))
    overdue = [f"{n.period} ({n.balance:.2f})" for n in notices if n.status == "overdue"]
    if overdue:
        detail = "、".join(overdue)
        return CheckResult(
            FAIL, _("Union funds are overdue: %(periods)s.") % {"periods": detail}, detail
        )
    missing, expected, declared = dues_periods_missing(union=union, on=on)
    if missing:
        detail = "、".join(missing)
        return CheckResult(
            FAIL,
            _("No payroll declared for the closed period(s) %(periods)s.") % {"periods": detail},
            detail,
        )
    if not expected and not declared and not notices:
        return _no_record(_("no payroll declaration and no union funds notice for this union."))
    return CheckResult(PASS, _("Payroll declared for every closed period; no notice overdue."))


@veto_check("member_share", gettext_lazy("Members at least the threshold share of employees"))
def veto_member_share(*, union: Union, on: dt.date) -> CheckResult:
    employees = employees_effective(union)
    if employees is None or not employees.count:
        return _no_record(_("the number of employees is not recorded."))
    rollup = _rollup(union)
    if rollup is None:
        return _no_record(_("the union has reported no member numbers yet."))
    share = Decimal(rollup.members_active) / Decimal(employees.count)
    values = {"members": rollup.members_active, "employees": employees.count, "share": _pct(share)}
    if share > 1:
        return CheckResult(
            ERROR,
            _(
                "Data error: %(members)s members of %(employees)s employees (%(share)s) is more "
                "than all employees; correct the employee count or the member roll."
            )
            % values,
            _pct(share),
        )
    threshold = _rule(on).member_share_min
    text = _(
        "%(members)s members of %(employees)s employees (%(share)s; at least %(min)s required)."
    ) % {**values, "min": _pct(threshold)}
    return CheckResult(PASS if share >= threshold else FAIL, text, _pct(share))


def vetoes_run(*, union: Union, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Every veto check for the union: [{key, label, status, reason, value}]."""
    on = on or timezone.localdate()
    out = []
    for check in VETO_CHECKS.values():
        result = check.func(union=union, on=on)
        out.append({"key": check.key, "label": str(check.label), **asdict(result)})
    return out


def vetoes_failed(results: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in results if r["status"] == FAIL]


def vetoes_blocking(results: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The checks that stop an acceptance: failed, no record, or a data error."""
    return [r for r in results if r["status"] != PASS]


# --- automatic evidence --------------------------------------------------------------


@auto_check("member_share", gettext_lazy("Members and employees (roll-up)"))
def auto_member_share(*, union: Union, on: dt.date) -> CheckResult:
    return veto_member_share(union=union, on=on)


@auto_check("member_roll", gettext_lazy("Member roll kept in the app"))
def auto_member_roll(*, union: Union, on: dt.date) -> CheckResult:
    rollup = _rollup(union)
    if rollup is None:
        return _no_record(_("the union has reported no member numbers yet."))
    text = _(
        "%(active)s active members, %(women)s women, %(migrant)s migrant workers, %(retained)s retained."
    ) % {
        "active": rollup.members_active,
        "women": rollup.members_women,
        "migrant": rollup.members_migrant,
        "retained": rollup.members_retained,
    }
    return CheckResult(PASS if rollup.members_active else FAIL, text, str(rollup.members_active))


@auto_check("committee_term", gettext_lazy("Committee term"))
def auto_committee_term(*, union: Union, on: dt.date) -> CheckResult:
    return veto_committee_term(union=union, on=on)


@auto_check("congress_held", gettext_lazy("Workers' congress"))
def auto_congress_held(*, union: Union, on: dt.date) -> CheckResult:
    return veto_workers_congress(union=union, on=on)


@auto_check("proposals_answered", gettext_lazy("Proposals answered"))
def auto_proposals_answered(*, union: Union, on: dt.date) -> CheckResult:
    by_year = fact(union, "congress.proposals_by_year")
    if by_year is MISSING:
        return _no_record(_("the union's proposals are not in the app."))
    year = year_entry(by_year, on.year)
    received = int(year.get("received") or 0) if isinstance(year, dict) else 0
    if not received:
        return CheckResult(FAIL, _("No proposals recorded for %(year)s.") % {"year": on.year}, "0")
    accepted, answered = int(year.get("accepted") or 0), int(year.get("answered") or 0)
    text = _(
        "%(year)s: %(received)s proposals received, %(accepted)s accepted, %(answered)s answered."
    ) % {
        "year": on.year,
        "received": received,
        "accepted": accepted,
        "answered": answered,
    }
    return CheckResult(PASS if answered >= accepted else FAIL, text, f"{answered}/{accepted}")


@auto_check("women_members", gettext_lazy("Women members"))
def auto_women_members(*, union: Union, on: dt.date) -> CheckResult:
    rollup = _rollup(union)
    if rollup is None:
        return _no_record(_("the union has reported no member numbers yet."))
    if rollup.members_women >= 10:
        text = _("%(n)s women members: a women workers' committee is required.") % {
            "n": rollup.members_women
        }
    else:
        text = _("%(n)s women members.") % {"n": rollup.members_women}
    return CheckResult(PASS, text, str(rollup.members_women))


@auto_check("activities_held", gettext_lazy("Activities held this year"))
def auto_activities_held(*, union: Union, on: dt.date) -> CheckResult:
    by_year = fact(union, "activities.held_by_year")
    if by_year is MISSING:
        return _no_record(_("the union's activities are not in the app."))
    count = int(year_entry(by_year, on.year) or 0)
    return CheckResult(
        PASS if count else FAIL, _("%(n)s activities held this year.") % {"n": count}, str(count)
    )


@auto_check("dues_on_time", gettext_lazy("Union funds paid on time"))
def auto_dues_on_time(*, union: Union, on: dt.date) -> CheckResult:
    notices = list(dues.union_notices(union=union))
    if not notices:
        return _no_record(_("no union funds notice for this union."))
    paid = sum(1 for n in notices if n.status == "paid")
    overdue = sum(1 for n in notices if n.status == "overdue")
    text = _("%(paid)s of %(total)s notices paid, %(overdue)s overdue.") % {
        "paid": paid,
        "total": len(notices),
        "overdue": overdue,
    }
    return CheckResult(FAIL if overdue else PASS, text, f"{paid}/{len(notices)}")


def auto_checks_run(
    *, union: Union, keys: Iterable[str], on: dt.date | None = None
) -> dict[str, dict[str, Any]]:
    """The automatic evidence for the given check keys: {key: {label, status, reason, value}}."""
    on = on or timezone.localdate()
    out: dict[str, dict[str, Any]] = {}
    for key in {k for k in keys if k}:
        check = AUTO_CHECKS.get(key)
        if check is None:
            out[key] = {"label": key, **asdict(CheckResult(NO_DATA, _("Unknown check.")))}
            continue
        out[key] = {"label": str(check.label), **asdict(check.func(union=union, on=on))}
    return out
