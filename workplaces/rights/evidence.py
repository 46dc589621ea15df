"""Report prefill sources, read from the public facts only (federation side). A missing
fact is "no data" (None), never a zero. (The staff-home evidence of the contract and
mediation criteria is in ``federation.homes.checks``.)"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from federation.reports.defaults import YES_NO
from tenants.facts import fact_exists, fact_value
from tenants.models import Union


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


def source_contract_in_force(union: Union) -> str | None:
    """The annual report's yes/no "collective contract signed and in force": yes when the
    general contract is filed and in force, no when the union's records show none in force,
    None (entered by hand) when the union keeps no contract records in the app."""
    fact = fact_value(union=union, key="rights.contract")
    if not isinstance(fact, dict):
        return None
    yes, no = YES_NO
    return yes if fact.get("status") in ("effective", "expiring") else no


def source_mediation_committee(union: Union) -> str | None:
    """Yes/no "a labour dispute mediation committee is set up": yes when its seats are
    recorded, None when the union has no mediation records in the app."""
    fact = fact_value(union=union, key="rights.mediation")
    if not isinstance(fact, dict):
        return None
    yes, no = YES_NO
    seated = int(fact.get("committee_employees") or 0) + int(fact.get("committee_employer") or 0)
    return yes if seated else no


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
