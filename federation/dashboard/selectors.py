"""The township at a glance. Every number comes from public rows (roll-ups pushed by the
union-side services, dues notices, staff-home titles, report submissions) in a fixed
number of aggregate queries: the cost does not grow with a loop over unions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from federation.dashboard.facts import CHAIR_NAME
from federation.dues.models import DuesNotice, NoticeStatus
from federation.homes.models import Title
from federation.homes.selectors import titles_current, titles_expiring
from federation.reports.models import (
    COUNTED_STATUSES,
    EDITABLE_STATUSES,
    Cycle,
    CycleStatus,
    Submission,
    SubmissionStatus,
)
from tenants.facts import fact_value
from tenants.models import Union, UnionRollup, UnionStatus
from tenants.selectors import employees_effective, employees_effective_many, unions_all

ZERO = Decimal("0.00")


def _rate(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole).quantize(Decimal("0.0001")) if whole else Decimal("0.0000")


def unions_overview() -> dict:
    rows = unions_all().values("kind", "status").annotate(n=Count("id"))
    by_kind: dict[str, int] = {}
    by_status: dict[str, int] = {}
    for r in rows:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + r["n"]
        by_status[r["status"]] = by_status.get(r["status"], 0) + r["n"]
    return {
        "total": sum(by_status.values()),
        "active": by_status.get(UnionStatus.ACTIVE, 0),
        "by_kind": by_kind,
        "by_status": by_status,
    }


def membership_share(members: int, employees: int | None) -> dict[str, Any]:
    """``members / employees`` and whether it is a data error (over 100%: more members than
    employees means one of the two counts is wrong; it is flagged, never passed)."""
    if not employees:
        return {"share": None, "over": False}
    share = _rate(Decimal(members), Decimal(employees))
    return {"share": share, "over": share > 1}


def members_overview() -> dict[str, Any]:
    """Township membership; employees are each union's effective count (the latest of the
    registered count and the declared headcount)."""
    agg = UnionRollup.objects.filter(
        union__is_federation=False, union__status=UnionStatus.ACTIVE
    ).aggregate(
        active=Sum("members_active"),
        women=Sum("members_women"),
        migrant=Sum("members_migrant"),
        retained=Sum("members_retained"),
    )
    unions = list(
        unions_all().filter(status=UnionStatus.ACTIVE).only("pk", "employee_count", "created_at")
    )
    effective = employees_effective_many(unions)
    employees = sum(e.count for e in effective.values() if e is not None)
    active = agg["active"] or 0
    return {
        "active": active,
        "women": agg["women"] or 0,
        "migrant": agg["migrant"] or 0,
        "retained": agg["retained"] or 0,
        "employees": employees,
        **membership_share(active, employees),
    }


def members_by_union(*, limit: int | None = None) -> list[dict[str, Any]]:
    """Per-union membership with its share of the effective employee count (three queries);
    a share over 100% is flagged as a data error."""
    qs = unions_all().filter(status=UnionStatus.ACTIVE).select_related("rollup").order_by("name")
    unions = list(qs[:limit] if limit else qs)
    effective = employees_effective_many(unions)
    rows = []
    for u in unions:
        rollup = getattr(u, "rollup", None)
        active = rollup.members_active if rollup else 0
        eff = effective.get(u.pk)
        employees = eff.count if eff else None
        rows.append(
            {
                "union": u,
                "slug": u.slug,
                "name": u.name,
                "employees": employees,
                "employees_source": eff.source if eff else "",
                "members": active,
                "women": rollup.members_women if rollup else 0,
                "migrant": rollup.members_migrant if rollup else 0,
                **membership_share(active, employees),
            }
        )
    return rows


def _last_periods(n: int, today: dt.date) -> list[str]:
    y, m = today.year, today.month
    out = []
    for _ in range(n):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        out.append(f"{y:04d}-{m:02d}")
    return out


def dues_overview(*, today: dt.date | None = None) -> dict:
    """Due and collected for the current period (last month) and the 12 before it, and the
    ten largest arrears."""
    today = today or timezone.localdate()
    periods = _last_periods(13, today)
    rows: dict[str, Any] = {
        r["period"]: r
        for r in DuesNotice.objects.filter(union__isnull=False, period__in=periods)
        .exclude(status=NoticeStatus.WAIVED)
        .values("period")
        .annotate(due=Sum("amount_due"), paid=Sum("amount_paid"))
    }
    series = []
    for p in reversed(periods):
        due = rows.get(p, {}).get("due") or ZERO
        paid = rows.get(p, {}).get("paid") or ZERO
        series.append(
            {
                "period": p,
                "amount_due": due,
                "amount_paid": paid,
                "collection_rate": _rate(paid, due),
            }
        )
    current = series[-1]
    arrears = list(
        DuesNotice.objects.filter(
            union__isnull=False,
            status__in=[NoticeStatus.ISSUED, NoticeStatus.PARTIAL, NoticeStatus.OVERDUE],
        )
        .values("union__slug", "union__name")
        .annotate(
            owed=Sum(F("amount_due") - F("amount_paid")),
            overdue=Count("id", filter=Q(status=NoticeStatus.OVERDUE)),
        )
        .filter(owed__gt=0)
        .order_by("-owed", "union__slug")[:10]
    )
    return {
        "period": current["period"],
        "amount_due": current["amount_due"],
        "amount_paid": current["amount_paid"],
        "collection_rate": current["collection_rate"],
        "periods": series,
        "largest_arrears": [
            {
                "union": a["union__slug"],
                "name": a["union__name"],
                "balance": a["owed"],
                "overdue": a["overdue"],
            }
            for a in arrears
        ],
    }


def homes_overview(*, today: dt.date | None = None) -> dict:
    """Current titles per level (a renewed title supersedes the old one: ``current``) and
    the re-checks due within 90 days."""
    today = today or timezone.localdate()
    current = titles_current().filter(union__is_federation=False, union__status=UnionStatus.ACTIVE)
    by_level = {
        r["level__name"]: r["n"]
        for r in current.order_by()
        .values("level__name", "level__min_score")
        .annotate(n=Count("id"))
        .order_by("level__min_score")
    }
    expiring = list(titles_expiring(on=today).filter(union__is_federation=False)[:20])
    return {"by_level": by_level, "expiring": expiring}


def reports_overview(*, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    open_cycles = Cycle.objects.filter(status=CycleStatus.OPEN)
    behind = Q(status__in=EDITABLE_STATUSES, cycle__due_date__lt=today) | Q(
        late=True, status=SubmissionStatus.SUBMITTED
    )
    late = Submission.objects.filter(cycle__in=open_cycles).filter(behind)
    cycles = list(
        open_cycles.annotate(
            expected=Count("submissions"),
            done=Count("submissions", filter=Q(submissions__status__in=COUNTED_STATUSES)),
            behind=Count(
                "submissions",
                filter=Q(submissions__status__in=EDITABLE_STATUSES, due_date__lt=today)
                | Q(submissions__late=True, submissions__status=SubmissionStatus.SUBMITTED),
            ),
        ).order_by("due_date")[:10]
    )
    return {"open_cycles": open_cycles.count(), "late": late.count(), "cycles": cycles}


def dashboard_api_payload(*, today: dt.date | None = None, data: dict | None = None) -> dict:
    """The contract of GET /api/v1/dashboard/ (API.md, "Dashboard"), from ``data`` (the
    figures of ``federation.dashboard.figures``) or computed here."""
    if data is None:
        data = {
            "unions": unions_overview(),
            "members": members_overview(),
            "dues": dues_overview(today=today),
            "homes": homes_overview(today=today),
            "reports": reports_overview(today=today),
        }
    unions, members, dues = data["unions"], data["members"], data["dues"]
    homes, reports = data["homes"], data["reports"]
    return {
        "unions": unions["active"],
        "members": members["active"],
        "women_members": members["women"],
        "dues": {
            "period": dues["period"],
            "amount_due": f"{dues['amount_due']:.2f}",
            "amount_paid": f"{dues['amount_paid']:.2f}",
            "collection_rate": f"{dues['collection_rate']:.4f}",
        },
        "homes": homes["by_level"],
        "reports": {"open_cycles": reports["open_cycles"], "late": reports["late"]},
        "as_of": timezone.now().isoformat(timespec="seconds"),
    }


def union_profile(*, union: Union) -> dict:
    """A union seen from the federation: no member personal data, only counts and records
    the federation owns."""
    profile: dict = {"union": union, "rollup": UnionRollup.objects.filter(union=union).first()}
    profile["notices"] = list(DuesNotice.objects.filter(union=union).order_by("-period")[:13])
    profile["titles"] = list(
        Title.objects.filter(union=union).select_related("level").order_by("-id")
    )
    profile["submissions"] = list(
        Submission.objects.filter(union=union).select_related("cycle").order_by("-id")[:10]
    )
    rollup = profile["rollup"]
    effective = employees_effective(union)
    employees = effective.count if effective else None
    members = rollup.members_active if rollup else 0
    profile["membership"] = {
        "employees": employees,
        "employees_source": effective.source if effective else "",
        "members": members,
        **membership_share(members, employees),
    }
    profile["chair"] = union_chair_name(union=union)
    return profile


def union_chair_name(*, union: Union) -> str:
    """The chair's display name from the public fact row the union pushes (one query; the
    page never enters the union's schema)."""
    value = fact_value(union=union, key=CHAIR_NAME, default="")
    return value if isinstance(value, str) else ""
