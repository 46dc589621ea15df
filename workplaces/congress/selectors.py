"""Reads of the congress module: composition checks, the facts it pushes (union side),
and the township overview (federation side, facts only)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.rules.selectors import rule_value
from tenants.context import federation_side, union_side
from workplaces.congress.models import (
    Congress,
    CongressKind,
    Delegate,
    DelegateCategory,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Session,
)
from workplaces.organization.common import rule_share
from workplaces.organization.thresholds import at_least, at_most


@union_side
def congress_current() -> Congress | None:
    return Congress.objects.filter(is_current=True).first()


def composition_findings(
    *,
    kind: str,
    counts: dict[str, int],
    total: int,
    employees: int | None,
    on: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The composition rules for a delegate roster: ``[{"code", "ok", "message"}]``.

    Managers at most 20% of delegates; teachers at least 60% at a 教代会; delegates at
    least 5% of employees and at least 30 (a workers' or teachers' congress); a workers'
    congress from 100 employees (rule values)."""
    out: list[dict[str, Any]] = []
    cap = rule_share("congress.managers_cap", on=on)
    managers = counts.get(DelegateCategory.MANAGER, 0)
    out.append(
        {
            "code": "managers_cap",
            "ok": at_most(managers, total, cap),
            "message": _("Managers: %(n)s of %(total)s delegates (at most %(pct)s%%).")
            % {"n": managers, "total": total, "pct": int(cap * 100)},
        }
    )
    if kind == CongressKind.TEACHERS:
        share = rule_share("congress.teachers_min", on=on)
        teachers = counts.get(DelegateCategory.TEACHER, 0)
        out.append(
            {
                "code": "teachers_min",
                "ok": total > 0 and at_least(teachers, total, share),
                "message": _("Teachers: %(n)s of %(total)s delegates (at least %(pct)s%%).")
                % {"n": teachers, "total": total, "pct": int(share * 100)},
            }
        )
    if kind in (CongressKind.WORKERS, CongressKind.TEACHERS):
        minimum = int(rule_value("congress.delegates_min", on=on))
        share = rule_share("congress.delegates_min_share", on=on)
        ok = total >= minimum and (employees is None or at_least(total, employees, share))
        out.append(
            {
                "code": "delegates_count",
                "ok": ok,
                "message": _(
                    "%(total)s delegates: at least %(min)s and at least %(pct)s%% of %(emp)s employees."
                )
                % {
                    "total": total,
                    "min": minimum,
                    "pct": int(share * 100),
                    "emp": employees or "—",
                },
            }
        )
    if kind == CongressKind.WORKERS and employees is not None:
        threshold = int(rule_value("congress.workers_congress_threshold", on=on))
        out.append(
            {
                "code": "workers_threshold",
                "ok": employees >= threshold,
                "message": _("A workers' congress is for unions of %(n)s or more employees.")
                % {"n": threshold},
            }
        )
    return out


@union_side
def roster_findings(congress: Congress) -> list[dict[str, Any]]:
    from tenants.selectors import employees_effective
    from workplaces.organization.common import this_union

    delegates = Delegate.objects.filter(congress=congress, active=True)
    counts = dict(
        delegates.values_list("category").annotate(n=Count("id")).values_list("category", "n")
    )
    eff = employees_effective(this_union())
    return composition_findings(
        kind=congress.kind,
        counts=counts,
        total=sum(counts.values()),
        employees=eff.count if eff else None,
    )


# --- facts ------------------------------------------------------------------------------
def _held() -> Any:
    return Session.objects.filter(quorate=True)


@union_side
def fact_last_held_on() -> str | None:
    last = _held().aggregate(d=Max("held_on"))["d"]
    return last.isoformat() if last else None


@union_side
def fact_sessions_by_year() -> dict[str, int]:
    rows = _held().annotate(y=ExtractYear("held_on")).values("y").annotate(n=Count("id"))
    return {str(r["y"]): r["n"] for r in rows}


@union_side
def fact_delegates() -> int:
    congress = congress_current()
    return congress.delegates.filter(active=True).count() if congress else 0


@union_side
def fact_proposals_by_year() -> dict[str, dict[str, int]]:
    rows = (
        Proposal.objects.filter(kind=ProposalKind.PROPOSAL)
        .annotate(y=ExtractYear("submitted_on"))
        .values("y")
        .annotate(
            received=Count("id"),
            accepted=Count(
                "id", filter=Q(status__in=[ProposalStatus.ACCEPTED, ProposalStatus.ANSWERED])
            ),
            answered=Count("id", filter=Q(status=ProposalStatus.ANSWERED)),
        )
    )
    return {
        str(r["y"]): {
            "received": r["received"],
            "accepted": r["accepted"],
            "answered": r["answered"],
        }
        for r in rows
    }


# --- federation side: facts only ------------------------------------------------------------
@federation_side
def congress_overview(*, year: int | None = None) -> list[dict[str, Any]]:
    """Per serving union: sessions held in ``year``, the last session date, delegates and
    proposals of the year, from the roll-up facts (one query per key)."""
    from tenants.facts import facts_by_key
    from tenants.selectors import unions_serving

    year = year or timezone.localdate().year
    key = str(year)
    held = facts_by_key("congress.last_held_on")
    by_year = facts_by_key("congress.sessions_by_year")
    delegates = facts_by_key("congress.delegates")
    proposals = facts_by_key("congress.proposals_by_year")
    rows = []
    for union in unions_serving().order_by("name"):
        props: dict[str, int] = defaultdict(int, (proposals.get(union.pk) or {}).get(key) or {})
        rows.append(
            {
                "union": union.slug,
                "name": union.name,
                "recorded": union.pk in by_year,
                "sessions": int((by_year.get(union.pk) or {}).get(key, 0)),
                "last_held_on": held.get(union.pk),
                "delegates": delegates.get(union.pk),
                "proposals_received": props["received"],
                "proposals_answered": props["answered"],
            }
        )
    return rows


@federation_side
def congress_not_held_count(*, year: int | None = None) -> int:
    """How many serving unions held no quorate session in ``year`` (the dashboard tile),
    from the ``congress.sessions_by_year`` facts: two queries whatever the number of unions."""
    from tenants.facts import facts_by_key
    from tenants.selectors import unions_serving

    key = str(year or timezone.localdate().year)
    by_year = facts_by_key("congress.sessions_by_year")
    return sum(
        1
        for pk in unions_serving().values_list("pk", flat=True)
        if not int((by_year.get(pk) or {}).get(key, 0))
    )
