"""Reads of the organization module: the current term and its status (union side), the
facts it pushes, and the township overview (federation side, from facts only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from federation.rules.selectors import rule_value
from tenants.context import federation_side, union_side
from workplaces.organization.common import add_months, this_union
from workplaces.organization.models import (
    OpennessItem,
    PlanItem,
    Position,
    Term,
    TermStatus,
)


def due_soon_months(*, on: dt.date) -> int:
    return int(rule_value("organization.due_soon_months", on=on))


def term_status(
    ends_on: dt.date | None, *, today: dt.date | None = None, months: int | None = None
) -> str:
    """in_term / due_soon (within the rule's months of the end) / overdue (after the end
    day) / none (no term). A caller classifying many unions reads ``months`` once
    (``due_soon_months``) and passes it, so the rule table is not read per union."""
    if ends_on is None:
        return TermStatus.NONE.value
    today = today or timezone.localdate()
    if today > ends_on:
        return TermStatus.OVERDUE.value
    if months is None:
        months = due_soon_months(on=today)
    if today >= add_months(ends_on, -months):
        return TermStatus.DUE_SOON.value
    return TermStatus.IN_TERM.value


@union_side
def term_current() -> Term | None:
    return Term.objects.filter(is_current=True).prefetch_related("seats", "bodies").first()


@union_side
def terms_all() -> QuerySet[Term]:
    return Term.objects.prefetch_related("seats", "bodies").all()


def term_summary(term: Term | None, *, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    if term is None:
        return {
            "id": None,
            "elected_on": None,
            "ends_on": None,
            "days_left": None,
            "status": TermStatus.NONE.value,
        }
    return {
        "id": term.pk,
        "elected_on": term.elected_on,
        "ends_on": term.ends_on,
        "days_left": (term.ends_on - today).days,
        "status": term_status(term.ends_on, today=today),
    }


# --- facts (computed inside the union's schema) ---------------------------------------
@union_side
def fact_term() -> dict[str, Any]:
    term = term_current()
    if term is None:
        return {
            "elected_on": None,
            "ends_on": None,
            "status": TermStatus.NONE.value,
            "committee_size": 0,
            "women_on_committee": 0,
        }
    seats = list(term.seats.all())
    return {
        "elected_on": term.elected_on.isoformat(),
        "ends_on": term.ends_on.isoformat(),
        "status": term_status(term.ends_on),
        "committee_size": len(seats),
        "women_on_committee": sum(1 for s in seats if s.woman),
    }


@union_side
def fact_pending() -> dict[str, int]:
    from federation.elections.selectors import pending_counts

    return pending_counts(union=this_union())


@union_side
def fact_openness_by_year() -> dict[str, int]:
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    rows = (
        OpennessItem.objects.annotate(y=ExtractYear("published_on"))
        .values("y")
        .annotate(n=Count("id"))
    )
    return {str(r["y"]): r["n"] for r in rows}


@union_side
def women_committee_needed() -> bool:
    from workplaces.organization.services import women_members_count

    return women_members_count() >= int(rule_value("organization.women_committee_threshold"))


@union_side
def plan_items_overdue(*, today: dt.date | None = None) -> QuerySet[PlanItem]:
    """Work plan items past their due date and not done (shown on the union home)."""
    today = today or timezone.localdate()
    return PlanItem.objects.select_related("plan").filter(due_on__lt=today, progress__lt=100)


@union_side
def home_governance(*, today: dt.date | None = None, items: int = 5) -> dict[str, Any]:
    """The governance block of the union's home page: the current term's status and days
    left, and the work plan items past their due date (the first ``items`` and how many)."""
    today = today or timezone.localdate()
    overdue = plan_items_overdue(today=today)
    term = term_summary(term_current(), today=today)
    left = term["days_left"]
    return {
        "term": term,
        "days_overdue": -left if left is not None and left < 0 else 0,
        "overdue_items": list(overdue[:items]),
        "overdue_count": overdue.count(),
    }


@union_side
def openness_items(*, year: int | None = None) -> QuerySet[OpennessItem]:
    qs = OpennessItem.objects.all()
    return qs.filter(published_on__year=year) if year else qs


def chair_seat_name(term: Term) -> str:
    for seat in term.seats.all():
        if seat.position == Position.CHAIR:
            return seat.name
    return ""


# --- federation side: facts only -------------------------------------------------------
@federation_side
def terms_overview(*, status: str = "", today: dt.date | None = None) -> list[dict[str, Any]]:
    """Every serving union with its term (from the ``organization.term`` fact, the status
    recomputed for today), pending election steps and the congress facts: one query per
    fact key, no union schema entered. For the dashboard tile and the union profile."""
    from tenants.facts import facts_by_key
    from tenants.selectors import unions_serving

    today = today or timezone.localdate()
    months = due_soon_months(on=today)
    terms = facts_by_key("organization.term")
    pending = facts_by_key("organization.pending")
    held = facts_by_key("congress.last_held_on")
    by_year = facts_by_key("congress.sessions_by_year")
    proposals = facts_by_key("congress.proposals_by_year")
    year = str(today.year)
    rows = []
    for union in unions_serving().order_by("name"):
        fact = terms.get(union.pk) or {}
        ends = fact.get("ends_on")
        ends_on = dt.date.fromisoformat(ends) if ends else None
        row_status = term_status(ends_on, today=today, months=months)
        if status and row_status != status:
            continue
        props = (proposals.get(union.pk) or {}).get(year) or {}
        rows.append(
            {
                "union": union.slug,
                "name": union.name,
                "recorded": union.pk in terms,
                "elected_on": fact.get("elected_on"),
                "ends_on": ends,
                "status": row_status,
                "committee_size": fact.get("committee_size", 0),
                "women_on_committee": fact.get("women_on_committee", 0),
                "pending": pending.get(union.pk) or {"applications": 0, "results": 0},
                "congress_last_held_on": held.get(union.pk),
                "congress_sessions": int((by_year.get(union.pk) or {}).get(year, 0)),
                "proposals_received": int(props.get("received", 0)),
                "proposals_answered": int(props.get("answered", 0)),
            }
        )
    return rows


@federation_side
def terms_status_counts(*, today: dt.date | None = None) -> dict[str, int]:
    """``{"in_term": n, "due_soon": n, "overdue": n, "none": n}`` over the serving unions,
    for the dashboard tile and the township's terms page: from the ``organization.term``
    facts (a union without one is "none"), in a fixed number of queries whatever the
    number of unions; no union schema entered."""
    from tenants.facts import facts_by_key
    from tenants.selectors import unions_serving

    today = today or timezone.localdate()
    months = due_soon_months(on=today)
    terms = facts_by_key("organization.term")
    counts = {s.value: 0 for s in TermStatus}
    for pk in unions_serving().values_list("pk", flat=True):
        ends = (terms.get(pk) or {}).get("ends_on")
        ends_on = dt.date.fromisoformat(ends) if ends else None
        counts[term_status(ends_on, today=today, months=months)] += 1
    return counts


@federation_side
def union_governance(*, union: Any, today: dt.date | None = None) -> dict[str, Any]:
    """One union's governance facts for its profile page (the drill-down): term, pending
    election steps, congress held and proposals of this year. Facts only; ``recorded`` is
    False where the module has no record for the union (never read as a pass)."""
    from tenants.facts import fact_value

    today = today or timezone.localdate()
    year = str(today.year)
    term = fact_value(union=union, key="organization.term")
    ends = (term or {}).get("ends_on")
    ends_on = dt.date.fromisoformat(ends) if ends else None
    sessions = fact_value(union=union, key="congress.sessions_by_year")
    proposals = fact_value(union=union, key="congress.proposals_by_year") or {}
    return {
        "term_recorded": term is not None,
        "elected_on": (term or {}).get("elected_on"),
        "ends_on": ends,
        "days_left": (ends_on - today).days if ends_on else None,
        "status": term_status(ends_on, today=today),
        "committee_size": (term or {}).get("committee_size", 0),
        "women_on_committee": (term or {}).get("women_on_committee", 0),
        "pending": fact_value(union=union, key="organization.pending")
        or {"applications": 0, "results": 0},
        "congress_recorded": sessions is not None,
        "congress_sessions": int((sessions or {}).get(year, 0)),
        "congress_last_held_on": fact_value(union=union, key="congress.last_held_on"),
        "delegates": fact_value(union=union, key="congress.delegates"),
        "proposals": proposals.get(year) or {"received": 0, "accepted": 0, "answered": 0},
    }
