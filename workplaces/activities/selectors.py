"""Reads of union life, and the facts the federation sees (computed inside the union)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractYear

from workplaces.activities.models import (
    Activity,
    ActivityStatus,
    Competition,
    Honour,
    HonourStatus,
    Signup,
    TrainingAttendance,
    TrainingSession,
)


def activity_list(
    *, kind: str = "", status: str = "", year: int | None = None
) -> QuerySet[Activity]:
    qs = Activity.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(starts_at__year=year)
    return qs


def competitions_with_counts() -> QuerySet[Competition]:
    """Competitions, newest first, each with its entrants' count (``n``) in the query."""
    return Competition.objects.annotate(n=Count("entrants")).order_by("-starts_on", "-id")


def trainings_with_counts() -> QuerySet[TrainingSession]:
    """Training sessions, newest first, each with its attendees' count (``n``) in the query
    (a grouped query drops the model's ordering: it is given again)."""
    return TrainingSession.objects.annotate(n=Count("attendances")).order_by("-held_on", "-id")


def signups_of(*, activity: Activity) -> QuerySet[Signup]:
    return activity.signups.select_related("member")


def honours_for_member(member_id: int) -> list[dict[str, Any]]:
    """The honours (awarded) and open nominations of one member, newest first, with the
    names from the rule table: for the member record (owned by the members app)."""
    from workplaces.activities.recognition import honour_kinds
    from workplaces.activities.rule_table import LEVELS

    kinds = honour_kinds()
    out = []
    for h in Honour.objects.filter(member_id=member_id).exclude(status=HonourStatus.NOT_AWARDED):
        spec = kinds.get(h.kind, {})
        out.append(
            {
                "id": h.pk,
                "kind": h.kind,
                "name": spec.get("name", h.kind),
                "level": h.level,
                "level_name": LEVELS.get(h.level, h.level),
                "year": h.year,
                "status": h.status,
                "awarded_on": h.awarded_on,
            }
        )
    return out


# --- facts (inside the union's schema) --------------------------------------------------
def held_by_year() -> dict[str, int]:
    rows = (
        Activity.objects.filter(status=ActivityStatus.HELD)
        .annotate(y=ExtractYear("starts_at"))
        .values("y")
        .annotate(n=Count("id"))
    )
    return {str(r["y"]): r["n"] for r in rows}


def participants_by_year() -> dict[str, int]:
    rows = (
        Signup.objects.filter(attended=True, activity__status=ActivityStatus.HELD)
        .annotate(y=ExtractYear("activity__starts_at"))
        .values("y")
        .annotate(n=Count("id"))
    )
    return {str(r["y"]): r["n"] for r in rows}


def training_hours_by_year() -> dict[str, str]:
    """Person-hours of training per year (attendees × hours)."""
    rows = (
        TrainingAttendance.objects.annotate(y=ExtractYear("session__held_on"))
        .values("y")
        .annotate(h=Sum("hours"))
    )
    return {str(r["y"]): str(r["h"] or Decimal("0")) for r in rows}


def trainings_by_year() -> dict[str, int]:
    rows = (
        TrainingSession.objects.annotate(y=ExtractYear("held_on"))
        .values("y")
        .annotate(n=Count("id"))
    )
    return {str(r["y"]): r["n"] for r in rows}


def _model_worker_codes() -> list[str]:
    from workplaces.activities.recognition import honour_kinds

    return [c for c, k in honour_kinds().items() if k.get("model_worker")]


def model_worker_roster() -> list[dict[str, Any]]:
    """Awarded model workers (劳动模范) with their level and year, for the township roster."""
    from workplaces.activities.rule_table import LEVELS

    rows = Honour.objects.filter(
        status=HonourStatus.AWARDED, kind__in=_model_worker_codes(), member__isnull=False
    ).select_related("member")
    return [
        {
            "name": h.member.name if h.member else "",
            "level": h.level,
            "level_name": LEVELS.get(h.level, h.level),
            "year": h.year,
        }
        for h in rows
    ]


def model_workers() -> int:
    return (
        Honour.objects.filter(
            status=HonourStatus.AWARDED, kind__in=_model_worker_codes(), member__isnull=False
        )
        .values("member_id")
        .distinct()
        .count()
    )


def honours_by_year() -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    rows = (
        Honour.objects.filter(status=HonourStatus.AWARDED)
        .values("year", "kind")
        .annotate(n=Count("id"))
    )
    for r in rows:
        out.setdefault(str(r["year"]), {})[r["kind"]] = r["n"]
    return out
