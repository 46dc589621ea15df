"""Reads of the staff-home module. Union-host callers pass ``union=current_union()`` and
get only that union's rows; a row of another union is ``DoesNotExist`` (a 404 at the door)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.homes.checks import auto_checks_run, vetoes_blocking, vetoes_run
from federation.homes.defaults import DEFAULT_RULE
from federation.homes.models import (
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    EventKind,
    EvidenceFile,
    HomeRule,
    Level,
    Round,
    Scheme,
    Status,
    Title,
)
from federation.homes.scoring import level_for, mandatory_zero
from tenants.models import Union
from tenants.selectors import unions_serving

ZERO = Decimal("0.00")


# --- rule table ------------------------------------------------------------------------


def rule_in_force(*, on: dt.date) -> HomeRule:
    """The rule row in force on a date; the shipped default when the table is empty."""
    row = (
        HomeRule.objects.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    if row is not None:
        return row
    return HomeRule(
        effective_from=dt.date.fromisoformat(DEFAULT_RULE["effective_from"]),
        member_share_min=Decimal(DEFAULT_RULE["member_share_min"]),
        congress_months=DEFAULT_RULE["congress_months"],
        recheck_months=DEFAULT_RULE["recheck_months"],
        rectification_days=DEFAULT_RULE["rectification_days"],
        reminder_days=list(DEFAULT_RULE["reminder_days"]),
        recheck_reminder_days=list(DEFAULT_RULE["recheck_reminder_days"]),
    )


def rule_list() -> QuerySet[HomeRule]:
    return HomeRule.objects.order_by("-effective_from")


# --- schemes ----------------------------------------------------------------------------


def scheme_list() -> QuerySet[Scheme]:
    return Scheme.objects.prefetch_related("criteria", "levels").order_by("name", "-version")


def scheme_get(*, pk: int) -> Scheme:
    return scheme_list().get(pk=pk)


def scheme_levels(scheme: Scheme) -> list[Level]:
    return sorted(scheme.levels.all(), key=lambda lv: lv.order)


def scheme_categories(scheme: Scheme) -> list[tuple[str, list, Decimal]]:
    """Criteria grouped by category in scheme order: [(category, criteria, points)]."""
    groups: dict[str, list] = {}
    for c in scheme.criteria.all():
        groups.setdefault(c.category, []).append(c)
    return [(cat, items, sum((i.max_points for i in items), ZERO)) for cat, items in groups.items()]


# --- rounds ------------------------------------------------------------------------------


def round_list() -> QuerySet[Round]:
    return Round.objects.select_related("scheme").order_by("-opened_at", "-id")


def round_get(*, pk: int) -> Round:
    return round_list().get(pk=pk)


def round_results(*, round: Round) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(round=round)
        .select_related("union", "level", "round")
        .order_by("union__name", "union__slug")
    )


def round_progress(*, round: Round) -> dict:
    """Counts per status for the progress grid, every status present (zero when none)."""
    counts = Counter(Assessment.objects.filter(round=round).values_list("status", flat=True))
    by_status = {value: counts.get(value, 0) for value in Status.values}
    today = timezone.localdate()
    late = (
        Assessment.objects.filter(
            round=round, status__in=[Status.NOT_STARTED, Status.DRAFT, Status.RETURNED]
        )
        .filter(Q(deadline__lt=today) | Q(deadline__isnull=True, round__deadline__lt=today))
        .count()
    )
    return {
        "total": sum(counts.values()),
        "by_status": by_status,
        # (code, label, count) for pages: a tooltip reads 未开始, not not_started
        "segments": [(value, label, by_status[value]) for value, label in Status.choices],
        "late": late,
    }


def round_assessment(*, round: Round, union_slug: str) -> Assessment:
    """The assessment of a union in a round; a union not in the round is a 400 on ``union``."""
    a = Assessment.objects.filter(round=round, union__slug=union_slug).first()
    if a is None:
        raise ValidationError(
            {"union": [ValidationError(_("This union is not in the round."), code="not_in_round")]}
        )
    return a


# --- assessments -------------------------------------------------------------------------


def _assessment_qs() -> QuerySet[Assessment]:
    items = AssessmentItem.objects.select_related("criterion").order_by(
        "criterion__order", "criterion__code"
    )
    return Assessment.objects.select_related("round__scheme", "union", "level").prefetch_related(
        Prefetch("items", queryset=items), "files", "round__scheme__levels"
    )


def assessment_list(
    *, round_id: int | None = None, status: str = "", union_slug: str = ""
) -> QuerySet[Assessment]:
    qs = Assessment.objects.select_related("round", "union", "level").order_by(
        "-round__opened_at", "union__name"
    )
    if round_id:
        qs = qs.filter(round_id=round_id)
    if status:
        qs = qs.filter(status=status)
    if union_slug:
        qs = qs.filter(union__slug=union_slug)
    return qs


def assessment_get(*, pk: int) -> Assessment:
    """Federation side: any assessment."""
    return _assessment_qs().get(pk=pk)


def union_assessments(*, union: Union) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(union=union)
        .select_related("round", "level")
        .order_by("-round__opened_at", "-id")
    )


def union_assessment_get(*, union: Union, pk: int) -> Assessment:
    """Union side: the union's own assessment, else DoesNotExist."""
    return _assessment_qs().get(pk=pk, union=union)


def assessment_events(*, assessment: Assessment) -> QuerySet[AssessmentEvent]:
    return assessment.events.order_by("at", "id")


def evidence_get(*, assessment: Assessment, pk: int) -> EvidenceFile:
    return EvidenceFile.objects.select_related("assessment__union").get(
        pk=pk, assessment=assessment
    )


def assessment_checks(*, assessment: Assessment, on: dt.date | None = None) -> dict:
    """Veto checks and automatic evidence for the assessment's union, fresh from the records."""
    keys = [item.criterion.auto_check for item in assessment.items.all()]
    return {
        "vetoes": vetoes_run(union=assessment.union, on=on),
        "auto": auto_checks_run(union=assessment.union, keys=keys, on=on),
    }


def assessment_view(*, assessment: Assessment) -> dict:
    """Everything a page shows about one assessment: items with automatic evidence and files,
    totals, vetoes, the level the current scores would give, and the history."""
    checks = assessment_checks(assessment=assessment)
    files_by_item: dict[int | None, list] = {}
    for f in assessment.files.all():
        files_by_item.setdefault(f.item_id, []).append(f)
    rows = []
    for item in assessment.items.all():
        auto = checks["auto"].get(item.criterion.auto_check) if item.criterion.auto_check else None
        rows.append(
            {
                "item": item,
                "criterion": item.criterion,
                "auto": auto,
                "files": files_by_item.get(item.pk, []),
            }
        )
    items = list(assessment.items.all())
    levels = scheme_levels(assessment.round.scheme)
    self_level = level_for(
        levels=levels,
        total=assessment.self_total,
        approval_rate=assessment.approval_rate,
        mandatory_failed=mandatory_zero(items, field="self_score"),
    )
    review_total = sum((i.score for i in items if i.score is not None), ZERO)
    review_complete = all(i.score is not None for i in items)
    review_level = (
        level_for(
            levels=levels,
            total=review_total,
            approval_rate=assessment.approval_rate,
            mandatory_failed=mandatory_zero(items, field="score"),
        )
        if review_complete
        else None
    )
    return {
        "rows": rows,
        "vetoes": checks["vetoes"],
        "veto_failed": bool(vetoes_blocking(checks["vetoes"])),
        "levels": levels,
        "self_level": self_level,
        "review_total": review_total,
        "review_complete": review_complete,
        "review_level": review_level,
        "unscored": [i.criterion.code for i in items if i.self_score is None],
        "general_files": files_by_item.get(None, []),
        "events": list(assessment_events(assessment=assessment)),
        "late": assessment.effective_deadline < timezone.localdate(),
    }


# --- titles and the township overview -----------------------------------------------------


def title_list(*, current: bool = False) -> QuerySet[Title]:
    qs = Title.objects.select_related("union", "level", "round").order_by(
        "union__name", "-awarded_on"
    )
    return qs.filter(current=True) if current else qs


def titles_current() -> QuerySet[Title]:
    return (
        Title.objects.filter(current=True)
        .select_related("union", "level", "round")
        .order_by("union__name")
    )


def union_title(*, union: Union) -> Title | None:
    return titles_current().filter(union=union).first()


def union_titles(*, union: Union) -> QuerySet[Title]:
    return (
        Title.objects.filter(union=union)
        .select_related("level", "round")
        .order_by("-awarded_on", "-id")
    )


def titles_expiring(*, on: dt.date, days: int = 90) -> QuerySet[Title]:
    return (
        titles_current()
        .filter(recheck_due__lte=on + dt.timedelta(days=days))
        .order_by("recheck_due")
    )


def returned_assessments() -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(status=Status.RETURNED)
        .select_related("union", "round")
        .order_by("deadline", "union__name")
    )


def township_overview(*, on: dt.date | None = None) -> dict:
    """What the federation sees for the township: unions per level of their current title,
    titles due for re-check within 90 days, unions returned for rectification and why."""
    on = on or timezone.localdate()
    titles = list(titles_current())
    per_level = Counter(t.level.name for t in titles)
    returned = []
    events = AssessmentEvent.objects.filter(kind=EventKind.RETURNED).order_by("-at", "-id")
    for a in returned_assessments().prefetch_related(
        Prefetch("events", queryset=events, to_attr="returns")
    ):
        last = a.returns[0] if a.returns else None
        returned.append(
            {
                "assessment": a,
                "reason": last.comment if last else a.review_comment,
                "at": last.at if last else None,
            }
        )
    return {
        "as_of": on,
        "unions": unions_serving().count(),
        "titled": len(titles),
        "levels": _level_counts(per_level),
        "titles": titles,
        "expiring": list(titles_expiring(on=on)),
        "returned": returned,
        "open_rounds": round_list().filter(closed_at__isnull=True).count(),
    }


def _level_counts(per_level: Counter) -> dict[str, int]:
    """Counts in the order of the default scheme's levels (zeros included), then any other."""
    default = Scheme.objects.filter(is_default=True).order_by("-version").first()
    names = [lv.name for lv in scheme_levels(default)] if default else []
    counts = {name: per_level.get(name, 0) for name in names}
    counts.update({k: v for k, v in sorted(per_level.items()) if k not in counts})
    return counts


def homes_level_counts() -> dict[str, int]:
    """{level name: unions holding it} (for the federation dashboard)."""
    return dict(Counter(titles_current().values_list("level__name", flat=True)))
