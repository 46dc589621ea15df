"""Read from the public facts only (federation side): report prefill sources and the
staff-home automatic evidence for the contract and mediation criteria. A missing fact is
"no data" (None / NO_DATA), never a pass."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from federation.homes.checks import FAIL, NO_DATA, PASS, CheckResult
from tenants.facts import fact_exists, fact_value
from tenants.models import Union

STATUS_TEXT = {
    "none": gettext_noop("No collective contract is recorded."),
    "negotiating": gettext_noop("The collective contract is under negotiation."),
    "signed": gettext_noop("The collective contract is signed but not filed."),
    "filed": gettext_noop("The collective contract is filed and waiting for the review period."),
    "effective": gettext_noop("The collective contract is in force until %(end)s."),
    "expiring": gettext_noop("The collective contract ends on %(end)s: renewal talks are due."),
    "expired": gettext_noop("The collective contract expired on %(end)s."),
}


def _year() -> str:
    return str(timezone.localdate().year)


def source_fact(key: str) -> Any:
    def read(union: Union) -> Any:
        return fact_value(union=union, key=key) if fact_exists(union=union, key=key) else None

    return read


def source_by_year(key: str, part: str) -> Any:
    def read(union: Union) -> int | None:
        fact = fact_value(union=union, key=key)
        if not isinstance(fact, dict):
            return None
        return int((fact.get(part) or {}).get(_year(), 0))

    return read


def source_hardship_households(union: Union) -> int | None:
    fact = fact_value(union=union, key="welfare.hardship")
    if not isinstance(fact, dict):
        return None
    return sum(int(fact.get(k) or 0) for k in ("deep", "relative", "accident"))


def source_hardship_aid(union: Union) -> Decimal | None:
    fact = fact_value(union=union, key="welfare.hardship")
    if not isinstance(fact, dict):
        return None
    return Decimal(str((fact.get("aid_by_year") or {}).get(_year(), "0.00")))


def check_contract(*, union: Union, on: dt.date) -> CheckResult:
    fact = fact_value(union=union, key="rights.contract")
    if not isinstance(fact, dict):
        return CheckResult(NO_DATA, _("No collective contract records in the app yet."))
    status = str(fact.get("status") or "none")
    end = fact.get("ends_on") or "-"
    message = _(STATUS_TEXT.get(status, STATUS_TEXT["none"]))
    text = message % {"end": end} if "%(end)s" in message else message
    return CheckResult(PASS if status in ("effective", "expiring") else FAIL, text, status)


def check_mediation(*, union: Union, on: dt.date) -> CheckResult:
    fact = fact_value(union=union, key="rights.mediation")
    if not isinstance(fact, dict):
        return CheckResult(NO_DATA, _("No mediation records in the app yet."))
    employees = int(fact.get("committee_employees") or 0)
    employer = int(fact.get("committee_employer") or 0)
    overdue = int(fact.get("overdue") or 0)
    received = int((fact.get("received_by_year") or {}).get(str(on.year), 0))
    text = _(
        "Mediation committee: %(e)s employees' and %(r)s employer's representatives; "
        "%(n)s cases received this year, %(o)s open past the deadline."
    ) % {"e": employees, "r": employer, "n": received, "o": overdue}
    ok = employees > 0 and employees == employer and overdue == 0
    return CheckResult(PASS if ok else FAIL, text, str(overdue))
