"""Automatic evidence from the union's rights and welfare records (criteria WQ01, WQ02 and
GA01 of the default scheme). The union-side apps push "rights.contract",
"rights.contracts_in_force", "rights.mediation", "welfare.visits_by_year" and
"welfare.hardship" (``tenants.facts``); a union without the fact row, or whose records hold
nothing, has "no record", never a pass. Registered from ``HomesConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.homes.checks import FAIL, NO_DATA, PASS, CheckResult, auto_check
from federation.homes.records import MISSING, fact, year_entry
from tenants.models import Union


def _no_record(what: str) -> CheckResult:
    return CheckResult(NO_DATA, _("No record: %(what)s") % {"what": what})


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


CONTRACT_STATUS_TEXT = {
    "negotiating": gettext_lazy("The collective contract is under negotiation."),
    "signed": gettext_lazy("The collective contract is signed but not filed."),
    "filed": gettext_lazy("The collective contract is filed; the review period is running."),
    "expired": gettext_lazy("The collective contract expired on %(end)s."),
}


@auto_check("collective_contract", gettext_lazy("Collective contract in force and filed"))
def auto_collective_contract(*, union: Union, on: dt.date) -> CheckResult:
    value = fact(union, "rights.contract")
    if value is MISSING or not isinstance(value, dict):
        return _no_record(_("the union's collective contracts are not in the app."))
    status = str(value.get("status") or "none")
    ends_on = _date(value.get("ends_on"))
    if status == "none":
        return _no_record(_("the union has recorded no collective contract."))
    if status in ("effective", "expiring") and ends_on is not None and ends_on < on:
        status = "expired"
    if status in ("effective", "expiring"):
        in_force = fact(union, "rights.contracts_in_force")
        count = int(in_force) if isinstance(in_force, int) else 1
        text = _(
            "The collective contract is filed and in force until %(end)s; %(n)s contract(s) "
            "in force, special ones included."
        ) % {"end": ends_on, "n": count}
        return CheckResult(PASS, text, str(ends_on))
    message = str(CONTRACT_STATUS_TEXT.get(status, CONTRACT_STATUS_TEXT["negotiating"]))
    return CheckResult(
        FAIL, message % {"end": ends_on} if "%(end)s" in message else message, status
    )


@auto_check("mediation", gettext_lazy("Labour dispute mediation committee and cases"))
def auto_mediation(*, union: Union, on: dt.date) -> CheckResult:
    value = fact(union, "rights.mediation")
    if value is MISSING or not isinstance(value, dict):
        return _no_record(_("the union's labour dispute mediation is not in the app."))
    employees = int(value.get("committee_employees") or 0)
    employer = int(value.get("committee_employer") or 0)
    overdue = int(value.get("overdue") or 0)
    received = int(year_entry(value.get("received_by_year"), on.year) or 0)
    settled = int(year_entry(value.get("settled_by_year"), on.year) or 0)
    if not employees and not employer and not value.get("received_by_year"):
        return _no_record(_("no mediation committee and no case are recorded."))
    text = _(
        "Mediation committee: %(e)s employees' and %(r)s employer's representatives; "
        "%(year)s: %(n)s cases received, %(s)s settled; %(o)s open past the deadline."
    ) % {"e": employees, "r": employer, "year": on.year, "n": received, "s": settled, "o": overdue}
    ok = employees > 0 and employees == employer and overdue == 0
    return CheckResult(PASS if ok else FAIL, text, f"{received}/{overdue}")


def _money(value: object) -> Decimal:
    try:
        return Decimal(str(value or "0"))
    except InvalidOperation:
        return Decimal("0")


@auto_check("welfare_care", gettext_lazy("Visits (五必访) and hardship files"))
def auto_welfare_care(*, union: Union, on: dt.date) -> CheckResult:
    visits = fact(union, "welfare.visits_by_year")
    hardship = fact(union, "welfare.hardship")
    if visits is MISSING and hardship is MISSING:
        return _no_record(_("the union's visits and hardship files are not in the app."))
    visits = visits if isinstance(visits, dict) else {}
    hardship = hardship if isinstance(hardship, dict) else {}
    households = sum(int(hardship.get(k) or 0) for k in ("deep", "relative", "accident"))
    if not visits and not households and not hardship.get("aid_by_year"):
        return _no_record(_("no visit and no hardship file are recorded."))
    year = year_entry(visits, on.year)
    count = int(year.get("count") or 0) if isinstance(year, dict) else 0
    amount = _money(year.get("amount") if isinstance(year, dict) else None)
    aid = _money(year_entry(hardship.get("aid_by_year"), on.year))
    text = _(
        "%(year)s: %(n)s visits (%(amount)s CNY); %(households)s hardship households with an "
        "open file, %(aid)s CNY of aid given."
    ) % {
        "year": on.year,
        "n": count,
        "amount": f"{amount:.2f}",
        "households": households,
        "aid": f"{aid:.2f}",
    }
    return CheckResult(PASS if count else FAIL, text, str(count))
