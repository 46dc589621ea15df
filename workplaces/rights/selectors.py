"""Reads of rights records: the contract clocks and status, mediation flags, and the facts
pushed to the federation (computed inside the union's schema)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from federation.rules.selectors import rule_value
from workplaces.congress.models import Motion
from workplaces.congress.services import motion_passes
from workplaces.rights import clocks
from workplaces.rights.models import (
    CollectiveContract,
    ContractStatus,
    MediationCase,
    MediationCommitteeMember,
    MediationOutcome,
)

IN_FORCE = (ContractStatus.EFFECTIVE, ContractStatus.EXPIRING)


@dataclass(frozen=True)
class ContractClocks:
    filing_due: dt.date | None
    effective_on: dt.date | None
    renewal_from: dt.date | None
    status: str
    filing_overdue: bool
    filed_late: bool


def contract_clocks(c: CollectiveContract, *, today: dt.date | None = None) -> ContractClocks:
    """The filing due day, the effective day, the renewal window and the status on
    ``today``, each clock from the rule in force on the day that starts it."""
    today = today or timezone.localdate()
    due = eff = renew = None
    if c.signed_on:
        due = clocks.filing_due(
            signed_on=c.signed_on,
            filing_days=rule_value("rights.contract_filing_days", on=c.signed_on),
        )
    if c.filed_on and not c.objected_on:
        eff = clocks.effective_on(
            filed_on=c.filed_on,
            review_days=rule_value("rights.contract_review_days", on=c.filed_on),
        )
    if c.ends_on:
        renew = clocks.renewal_from(
            ends_on=c.ends_on,
            renewal_months=rule_value("rights.contract_renewal_months", on=c.ends_on),
        )
    status = _status(c, today=today, eff=eff, renew=renew)
    return ContractClocks(
        filing_due=due,
        effective_on=eff,
        renewal_from=renew,
        status=status,
        filing_overdue=bool(due and not c.filed_on and today > due),
        filed_late=bool(due and c.filed_on and c.filed_on > due),
    )


def _status(
    c: CollectiveContract, *, today: dt.date, eff: dt.date | None, renew: dt.date | None
) -> str:
    if c.objected_on:
        return ContractStatus.OBJECTED
    if not c.signed_on:
        return ContractStatus.NEGOTIATING
    if not c.filed_on or eff is None:
        return ContractStatus.SIGNED
    if c.ends_on and today > c.ends_on:
        return ContractStatus.EXPIRED
    if today < eff:
        return ContractStatus.FILED
    if renew and today >= renew:
        return ContractStatus.EXPIRING
    return ContractStatus.EFFECTIVE


def contracts_list(*, kind: str = "", status: str = "") -> list[tuple[CollectiveContract, Any]]:
    qs = CollectiveContract.objects.select_related("congress_motion__session")
    if kind:
        qs = qs.filter(kind=kind)
    rows = [(c, contract_clocks(c)) for c in qs]
    if status:
        rows = [r for r in rows if r[1].status == status]
    return rows


def contract_general(*, today: dt.date | None = None) -> tuple[CollectiveContract, Any] | None:
    """The union's general collective contract as the federation sees it: the one in force
    (latest end), else the most recent one."""
    today = today or timezone.localdate()
    rows = [
        (c, contract_clocks(c, today=today))
        for c in CollectiveContract.objects.filter(kind="collective").order_by("-id")
    ]
    if not rows:
        return None
    in_force = [r for r in rows if r[1].status in IN_FORCE]
    if in_force:
        return max(in_force, key=lambda r: r[0].ends_on or dt.date.min)
    return rows[0]


# --- the congress vote on the draft ------------------------------------------------


@dataclass(frozen=True)
class ContractVote:
    """The draft put to the congress and its vote: from the congress module's motion when
    the contract points at one (``source == "congress"``), else as recorded by hand."""

    source: str  # congress | manual
    voted_on: dt.date | None
    yes: int
    no: int | None
    abstain: int | None
    delegates: int | None
    passed: bool | None
    session_id: int | None = None
    session_title: str = ""
    motion_id: int | None = None
    motion_title: str = ""


def contract_vote(c: CollectiveContract) -> ContractVote | None:
    """None when no vote is recorded. A vote recorded by hand passes by the congress rule
    (yes votes of more than the rule's share of ALL delegates), read on the voting day."""
    m = c.congress_motion
    if m is not None:
        s = m.session
        return ContractVote(
            source="congress",
            voted_on=s.held_on,
            yes=m.yes,
            no=m.no,
            abstain=m.abstain,
            delegates=s.delegates_total,
            passed=m.passed,
            session_id=s.pk,
            session_title=s.title,
            motion_id=m.pk,
            motion_title=m.title,
        )
    if c.congress_voted_on is None or c.congress_yes is None:
        return None
    total = c.congress_total
    return ContractVote(
        source="manual",
        voted_on=c.congress_voted_on,
        yes=c.congress_yes,
        no=None,
        abstain=None,
        delegates=total,
        passed=None
        if not total
        else motion_passes(yes=c.congress_yes, total=total, on=c.congress_voted_on),
    )


def congress_motions() -> QuerySet[Motion]:
    """The congress module's motions a contract's draft can point at, newest session first
    (empty when the union does not keep its congress in the app)."""
    return Motion.objects.select_related("session").order_by("-session__held_on", "-id")


# --- mediation ------------------------------------------------------------------


def mediation_overdue(case: MediationCase, *, today: dt.date | None = None) -> bool:
    """Open past the deadline: the parties may now go to arbitration."""
    today = today or timezone.localdate()
    return clocks.mediation_overdue(deadline=case.deadline, open_=case.is_open, today=today)


def mediation_cases(*, state: str = "") -> QuerySet[MediationCase]:
    qs = MediationCase.objects.all()
    today = timezone.localdate()
    if state == "open":
        qs = qs.filter(outcome="")
    elif state == "overdue":
        qs = qs.filter(outcome="", deadline__lt=today)
    elif state == "closed":
        qs = qs.exclude(outcome="")
    return qs


def committee_members() -> QuerySet[MediationCommitteeMember]:
    return MediationCommitteeMember.objects.all()


# --- facts (run inside the union's schema) ----------------------------------------


def fact_contract() -> dict[str, Any]:
    found = contract_general()
    if found is None:
        return {"status": "none", "ends_on": None, "kind": "collective"}
    c, k = found
    status = k.status
    if status == ContractStatus.OBJECTED:
        status = ContractStatus.NEGOTIATING  # back to the table
    return {
        "status": str(status),
        "ends_on": c.ends_on.isoformat() if c.ends_on else None,
        "kind": "collective",
    }


def fact_contracts_in_force() -> int:
    return sum(1 for _, k in contracts_list() if k.status in IN_FORCE)


def fact_workers_covered() -> int:
    found = contract_general()
    if found is None or found[1].status not in IN_FORCE:
        return 0
    return int(found[0].workers_covered)


def fact_mediation() -> dict[str, Any]:
    today = timezone.localdate()
    received: dict[str, int] = {}
    settled: dict[str, int] = {}
    open_, overdue = 0, 0
    for received_on, closed_on, outcome, deadline in MediationCase.objects.values_list(
        "received_on", "closed_on", "outcome", "deadline"
    ):
        received[str(received_on.year)] = received.get(str(received_on.year), 0) + 1
        if outcome == MediationOutcome.SETTLED and closed_on:
            settled[str(closed_on.year)] = settled.get(str(closed_on.year), 0) + 1
        if not outcome:
            open_ += 1
            overdue += int(today > deadline)
    sides = list(MediationCommitteeMember.objects.values_list("side", flat=True))
    return {
        "open": open_,
        "overdue": overdue,
        "received_by_year": received,
        "settled_by_year": settled,
        "committee_employees": sides.count("employees"),
        "committee_employer": sides.count("employer"),
    }
