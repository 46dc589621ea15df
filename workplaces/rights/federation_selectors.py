"""The federation's view of rights work: read from the facts the unions push (public
schema), one query per fact key, never a union's schema, never a name."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tenants.context import federation_side
from tenants.facts import facts_by_key
from tenants.models import Union, UnionKind
from tenants.selectors import unions_serving

NEEDS_CONTRACT = ("none", "negotiating", "signed", "expired")


@federation_side
def coverage_rows() -> list[dict[str, Any]]:
    """Every serving union with its general collective contract's status; an enterprise
    without one in force (or filed) is highlighted."""
    contract = facts_by_key("rights.contract")
    in_force = facts_by_key("rights.contracts_in_force")
    covered = facts_by_key("rights.workers_covered")
    mediation = facts_by_key("rights.mediation")
    rows = []
    for union in unions_serving():
        fact = contract.get(union.pk)
        collective = None
        if isinstance(fact, dict) and fact.get("status") not in (None, "none"):
            collective = {"status": fact["status"], "ends_on": fact.get("ends_on")}
        status = collective["status"] if collective else "none"
        med = mediation.get(union.pk) or {}
        rows.append(
            {
                "union": union.slug,
                "name": union.name,
                "kind": union.kind,
                "employees": union.employee_count,
                "collective": collective,
                "status": status,
                "reported": union.pk in contract,
                "contracts_in_force": int(in_force.get(union.pk) or 0),
                "workers_covered": int(covered.get(union.pk) or 0),
                "mediation_open": int(med.get("open") or 0),
                "mediation_overdue": int(med.get("overdue") or 0),
                "highlight": union.kind == UnionKind.ENTERPRISE and status in NEEDS_CONTRACT,
            }
        )
    return rows


@federation_side
def coverage_summary(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    counts["highlighted"] = sum(1 for r in rows if r["highlight"])
    counts["total"] = len(rows)
    return counts


@federation_side
def mediation_rows(*, overdue_only: bool = True) -> list[dict[str, Any]]:
    """Per union: open and overdue mediation cases and this year's received and settled."""
    year = str(timezone.localdate().year)
    facts = facts_by_key("rights.mediation")
    names = dict(Union.objects.filter(pk__in=list(facts)).values_list("pk", "slug"))
    full = dict(Union.objects.filter(pk__in=list(facts)).values_list("pk", "name"))
    rows = []
    for union_id, fact in facts.items():
        if not isinstance(fact, dict):
            continue
        if overdue_only and not fact.get("overdue"):
            continue
        rows.append(
            {
                "union": names.get(union_id, ""),
                "name": full.get(union_id, ""),
                "open": int(fact.get("open") or 0),
                "overdue": int(fact.get("overdue") or 0),
                "received_this_year": int((fact.get("received_by_year") or {}).get(year, 0)),
                "settled_this_year": int((fact.get("settled_by_year") or {}).get(year, 0)),
            }
        )
    return sorted(rows, key=lambda r: (-r["overdue"], r["union"]))
