"""Checks read from the union's own records: the veto checks (一票否决) and the automatic
evidence of criteria.

Each check is a named function returning a ``CheckResult``. Where the source module or
roll-up does not exist yet the result is ``no_data`` with the reason, never a silent pass.
They read public rows only (roll-ups, dues notices): a page never loops over tenant schemas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.models import Union, UnionRollup

PASS = "pass"
FAIL = "fail"
NO_DATA = "no_data"


@dataclass(frozen=True)
class CheckResult:
    status: str  # pass | fail | no_data
    reason: str
    value: str = ""


@dataclass(frozen=True)
class Check:
    key: str
    label: object
    func: Callable[..., CheckResult]


VETO_CHECKS: dict[str, Check] = {}
AUTO_CHECKS: dict[str, Check] = {}


def veto_check(key: str, label) -> Callable:
    def register(func):
        VETO_CHECKS[key] = Check(key, label, func)
        return func

    return register


def auto_check(key: str, label) -> Callable:
    def register(func):
        AUTO_CHECKS[key] = Check(key, label, func)
        return func

    return register


def _rollup(union: Union) -> UnionRollup | None:
    return UnionRollup.objects.filter(union=union).first()


def _rule(on: dt.date):
    from federation.homes.selectors import rule_in_force

    return rule_in_force(on=on)


def _pct(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def member_share(union: Union) -> tuple[Decimal, int, int] | None:
    """(share, active members, employees) from the roll-up, or None without data."""
    rollup = _rollup(union)
    if rollup is None or not union.employee_count:
        return None
    share = Decimal(rollup.members_active) / Decimal(union.employee_count)
    return share, rollup.members_active, union.employee_count


def _dues_selectors():
    try:
        from federation.dues import selectors as dues
    except ImportError:
        return None
    if not hasattr(dues, "union_dues_overdue"):
        return None
    return dues


def _rollup_fact(union: Union, name: str):
    """A fact a future module pushes into the roll-up (e.g. ``congress_last_held``);
    ``(False, None)`` while the roll-up has no such column."""
    rollup = _rollup(union)
    if rollup is None or not hasattr(rollup, name):
        return False, None
    return True, getattr(rollup, name)


# --- veto checks (一票否决) -----------------------------------------------------------


@veto_check("committee_term", gettext_lazy("Committee re-elected on time"))
def veto_committee_term(*, union: Union, on: dt.date) -> CheckResult:
    known, term_ends = _rollup_fact(union, "committee_term_ends")
    if not known:
        return CheckResult(
            NO_DATA, _("No committee records in the app yet: check the election papers on site.")
        )
    if term_ends is None:
        return CheckResult(NO_DATA, _("The union has not recorded its committee term."))
    if term_ends < on:
        return CheckResult(
            FAIL,
            _("The committee's term ended on %(date)s without a re-election.")
            % {"date": term_ends},
            str(term_ends),
        )
    return CheckResult(
        PASS, _("The committee's term runs until %(date)s.") % {"date": term_ends}, str(term_ends)
    )


@veto_check("workers_congress", gettext_lazy("Workers' congress held in the last 12 months"))
def veto_workers_congress(*, union: Union, on: dt.date) -> CheckResult:
    known, held = _rollup_fact(union, "congress_last_held")
    if not known:
        return CheckResult(
            NO_DATA, _("No congress records in the app yet: check the minutes on site.")
        )
    months = _rule(on).congress_months
    if held is None:
        return CheckResult(FAIL, _("No workers' congress is on record."))
    limit = _months_before(on, months)
    if held < limit:
        return CheckResult(
            FAIL,
            _("The last workers' congress was held on %(date)s, more than %(months)s months ago.")
            % {"date": held, "months": months},
            str(held),
        )
    return CheckResult(PASS, _("Workers' congress held on %(date)s.") % {"date": held}, str(held))


@veto_check("dues_overdue", gettext_lazy("Union funds paid, none overdue"))
def veto_dues_overdue(*, union: Union, on: dt.date) -> CheckResult:
    dues = _dues_selectors()
    if dues is None:
        return CheckResult(NO_DATA, _("The union funds module is not installed."))
    notices = dues.union_notices(union=union) if hasattr(dues, "union_notices") else None
    if notices is not None and not notices.exists():
        return CheckResult(NO_DATA, _("No union funds notices on record for this union."))
    if dues.union_dues_overdue(union=union):
        overdue = []
        if notices is not None:
            overdue = [f"{n.period} ({n.balance:.2f})" for n in notices if n.status == "overdue"]
        detail = "、".join(overdue)
        return CheckResult(
            FAIL, _("Union funds are overdue: %(periods)s.") % {"periods": detail or "-"}, detail
        )
    return CheckResult(PASS, _("No union funds notice is overdue."))


@veto_check("member_share", gettext_lazy("Members at least the threshold share of employees"))
def veto_member_share(*, union: Union, on: dt.date) -> CheckResult:
    data = member_share(union)
    if data is None:
        if not union.employee_count:
            return CheckResult(NO_DATA, _("The number of employees is not recorded."))
        return CheckResult(NO_DATA, _("No member numbers have been reported by the union yet."))
    share, members, employees = data
    threshold = _rule(on).member_share_min
    text = _(
        "%(members)s members of %(employees)s employees (%(share)s; at least %(min)s required)."
    ) % {"members": members, "employees": employees, "share": _pct(share), "min": _pct(threshold)}
    return CheckResult(PASS if share >= threshold else FAIL, text, _pct(share))


def _months_before(on: dt.date, months: int) -> dt.date:
    year, month = divmod(on.year * 12 + on.month - 1 - months, 12)
    month += 1
    import calendar

    day = min(on.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def vetoes_run(*, union: Union, on: dt.date | None = None) -> list[dict]:
    """Every veto check for the union: [{key, label, status, reason, value}]."""
    on = on or timezone.localdate()
    out = []
    for check in VETO_CHECKS.values():
        result = check.func(union=union, on=on)
        out.append({"key": check.key, "label": str(check.label), **asdict(result)})
    return out


def vetoes_failed(results: list[dict]) -> list[dict]:
    return [r for r in results if r["status"] == FAIL]


# --- automatic evidence --------------------------------------------------------------


@auto_check("member_share", gettext_lazy("Members and employees (roll-up)"))
def auto_member_share(*, union: Union, on: dt.date) -> CheckResult:
    return veto_member_share(union=union, on=on)


@auto_check("member_roll", gettext_lazy("Member roll kept in the app"))
def auto_member_roll(*, union: Union, on: dt.date) -> CheckResult:
    rollup = _rollup(union)
    if rollup is None:
        return CheckResult(NO_DATA, _("No member numbers have been reported by the union yet."))
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
    known, answered = _rollup_fact(union, "proposals_answered_share")
    if not known or answered is None:
        return CheckResult(NO_DATA, _("No proposal records in the app yet."))
    return CheckResult(
        PASS, _("%(share)s of proposals answered.") % {"share": _pct(Decimal(answered))}
    )


@auto_check("women_members", gettext_lazy("Women members"))
def auto_women_members(*, union: Union, on: dt.date) -> CheckResult:
    rollup = _rollup(union)
    if rollup is None:
        return CheckResult(NO_DATA, _("No member numbers have been reported by the union yet."))
    if rollup.members_women >= 10:
        text = _("%(n)s women members: a women workers' committee is required.") % {
            "n": rollup.members_women
        }
    else:
        text = _("%(n)s women members.") % {"n": rollup.members_women}
    return CheckResult(PASS, text, str(rollup.members_women))


@auto_check("activities_held", gettext_lazy("Activities held this year"))
def auto_activities_held(*, union: Union, on: dt.date) -> CheckResult:
    known, count = _rollup_fact(union, "activities_this_year")
    if not known or count is None:
        return CheckResult(NO_DATA, _("No activity records in the app yet."))
    return CheckResult(
        PASS if count else FAIL, _("%(n)s activities held this year.") % {"n": count}, str(count)
    )


@auto_check("dues_on_time", gettext_lazy("Union funds paid on time"))
def auto_dues_on_time(*, union: Union, on: dt.date) -> CheckResult:
    dues = _dues_selectors()
    if dues is None or not hasattr(dues, "union_notices"):
        return CheckResult(NO_DATA, _("The union funds module is not installed."))
    notices = list(dues.union_notices(union=union))
    if not notices:
        return CheckResult(NO_DATA, _("No union funds notices on record for this union."))
    paid = sum(1 for n in notices if n.status == "paid")
    overdue = sum(1 for n in notices if n.status == "overdue")
    text = _("%(paid)s of %(total)s notices paid, %(overdue)s overdue.") % {
        "paid": paid,
        "total": len(notices),
        "overdue": overdue,
    }
    return CheckResult(FAIL if overdue else PASS, text, f"{paid}/{len(notices)}")


def auto_checks_run(*, union: Union, keys, on: dt.date | None = None) -> dict[str, dict]:
    """The automatic evidence for the given check keys: {key: {label, status, reason, value}}."""
    on = on or timezone.localdate()
    out = {}
    for key in {k for k in keys if k}:
        check = AUTO_CHECKS.get(key)
        if check is None:
            out[key] = {"label": key, **asdict(CheckResult(NO_DATA, _("Unknown check.")))}
            continue
        out[key] = {"label": str(check.label), **asdict(check.func(union=union, on=on))}
    return out
