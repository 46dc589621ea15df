"""Reads of information reporting. The totals of a cycle come from one SQL aggregate over
the JSON values of its submissions, never from a loop over unions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from federation.reports.models import (
    COUNTED_STATUSES,
    EDITABLE_STATUSES,
    NUMERIC_TYPES,
    Cycle,
    CycleStatus,
    FieldType,
    FormField,
    NewsAdoption,
    NewsChannel,
    NewsItem,
    ReportForm,
    Submission,
    SubmissionStatus,
)
from tenants.models import Union

# --- forms -----------------------------------------------------------------------------


def forms_latest() -> QuerySet[ReportForm]:
    """The newest version of every form code."""
    newest = ReportForm.objects.filter(code=OuterRef("code")).order_by("-version").values("pk")[:1]
    return (
        ReportForm.objects.filter(pk=Subquery(newest))
        .annotate(cycle_count=Count("cycles"))
        .order_by("code")
    )


def form_versions(*, code: str) -> QuerySet[ReportForm]:
    return (
        ReportForm.objects.filter(code=code)
        .annotate(cycle_count=Count("cycles"))
        .order_by("-version")
    )


def form_fields(*, form: ReportForm) -> list[FormField]:
    return list(form.fields.all())


# --- cycles ----------------------------------------------------------------------------


def cycle_list(*, status: str = "") -> QuerySet[Cycle]:
    qs = Cycle.objects.select_related("form").annotate(
        expected=Count("submissions"),
        counted=Count("submissions", filter=Q(submissions__status__in=COUNTED_STATUSES)),
        accepted=Count("submissions", filter=Q(submissions__status=SubmissionStatus.ACCEPTED)),
        late_count=Count("submissions", filter=Q(submissions__late=True)),
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-opened_at", "-id")


def submission_is_late(sub: Submission, *, today: dt.date | None = None) -> bool:
    """Late: submitted after the due date, or still not in after it."""
    today = today or timezone.localdate()
    if sub.late:
        return True
    return sub.status in EDITABLE_STATUSES and sub.cycle.due_date < today


def cycle_status(*, cycle: Cycle) -> list[dict]:
    """One row per union: its status, when it was submitted, whether it is late."""
    today = timezone.localdate()
    rows = []
    for sub in cycle.submissions.select_related("union").order_by("union__name", "union_id"):
        sub.cycle = cycle
        rows.append(
            {
                "id": sub.pk,
                "union": sub.union.slug,
                "union_name": sub.union.name,
                "status": sub.status,
                "submitted_at": sub.submitted_at,
                "late": submission_is_late(sub, today=today),
                "comment": sub.comment,
                "values": sub.values if sub.status in COUNTED_STATUSES else {},
            }
        )
    return rows


def cycle_status_counts(*, cycle: Cycle) -> dict[str, int]:
    today = timezone.localdate()
    counts = cycle.submissions.aggregate(
        pending=Count("id", filter=Q(status=SubmissionStatus.PENDING)),
        submitted=Count("id", filter=Q(status=SubmissionStatus.SUBMITTED)),
        returned=Count("id", filter=Q(status=SubmissionStatus.RETURNED)),
        accepted=Count("id", filter=Q(status=SubmissionStatus.ACCEPTED)),
        late=Count(
            "id",
            filter=Q(late=True) | Q(status__in=EDITABLE_STATUSES) & Q(cycle__due_date__lt=today),
        ),
    )
    return counts


def _numeric_expr(field: FormField):
    return Cast(
        KeyTextTransform(field.key, "values"), DecimalField(max_digits=22, decimal_places=2)
    )


def cycle_aggregate(*, cycle: Cycle) -> dict:
    """``{"submitted", "expected", "totals": {key: number}, "counts": {key: {choice: n}}}``
    over the submitted and accepted reports, in one query."""
    fields = list(cycle.form.fields.all())
    counted = Q(status__in=COUNTED_STATUSES)
    exprs: dict = {"expected": Count("id"), "submitted": Count("id", filter=counted)}
    for i, f in enumerate(fields):
        if f.type in NUMERIC_TYPES:
            exprs[f"t{i}"] = Coalesce(
                Sum(_numeric_expr(f), filter=counted),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=22, decimal_places=2),
            )
        elif f.type == FieldType.CHOICE:
            for j, choice in enumerate(f.choices):
                exprs[f"c{i}_{j}"] = Count("id", filter=counted & Q(**{f"values__{f.key}": choice}))
    row = Submission.objects.filter(cycle_id=cycle.pk).aggregate(**exprs)
    totals, counts = {}, {}
    for i, f in enumerate(fields):
        if f.type == FieldType.INTEGER:
            totals[f.key] = int(row[f"t{i}"])
        elif f.type == FieldType.DECIMAL:
            totals[f.key] = f"{Decimal(row[f't{i}']).quantize(Decimal('0.01'))}"
        elif f.type == FieldType.CHOICE:
            counts[f.key] = {c: row[f"c{i}_{j}"] for j, c in enumerate(f.choices)}
    return {
        "submitted": row["submitted"],
        "expected": row["expected"],
        "totals": totals,
        "counts": counts,
    }


def cycle_submissions_for_export(*, cycle: Cycle) -> QuerySet[Submission]:
    return cycle.submissions.select_related("union").order_by("union__name", "union_id")


def submission_get(*, pk: int) -> Submission:
    return Submission.objects.select_related("cycle", "cycle__form", "union").get(pk=pk)


def submission_history(*, submission: Submission):
    return list(submission.events.all())


def open_cycles_late_count() -> dict:
    """For the dashboard: open cycles and late reports in them."""
    today = timezone.localdate()
    open_cycles = Cycle.objects.filter(status=CycleStatus.OPEN)
    late = (
        Submission.objects.filter(cycle__status=CycleStatus.OPEN)
        .filter(Q(late=True) | Q(status__in=EDITABLE_STATUSES, cycle__due_date__lt=today))
        .count()
    )
    return {"open_cycles": open_cycles.count(), "late": late}


# --- the union's side --------------------------------------------------------------------


def union_reports(*, union: Union, open_only: bool = False) -> QuerySet[Submission]:
    qs = Submission.objects.filter(union=union).select_related("cycle", "cycle__form")
    if open_only:
        qs = qs.filter(cycle__status=CycleStatus.OPEN)
    return qs.order_by("-cycle__opened_at", "-id")


def union_report_get(*, union: Union, pk: int) -> Submission:
    """A report of this union; another union's report does not exist here (404)."""
    return union_reports(union=union).select_related("union").get(pk=pk)


def report_view(*, submission: Submission) -> dict:
    """Fields with the prefilled value beside the union's own, as a union sees its report.
    While the report can still change, prefilled values are read fresh from the sources."""
    from federation.reports.services import effective_values, prefill_for

    form = submission.cycle.form
    fields = list(form.fields.all())
    editable = (
        submission.status in EDITABLE_STATUSES and submission.cycle.status == CycleStatus.OPEN
    )
    prefilled = (
        prefill_for(form=form, union=submission.union, fields=fields)
        if editable
        else submission.prefilled
    )
    values = effective_values(submission, prefilled)
    rows = []
    for f in fields:
        pre = prefilled.get(f.key)
        val = values.get(f.key)
        rows.append(
            {
                "key": f.key,
                "label": f.label,
                "type": f.type,
                "required": f.required,
                "source": f.source,
                "choices": f.choices,
                "prefilled": pre,
                "value": val,
                "overridden": f.key in submission.values
                and pre is not None
                and submission.values[f.key] != pre,
            }
        )
    return {"fields": rows, "values": values, "prefilled": prefilled, "editable": editable}


# --- news --------------------------------------------------------------------------------


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    year, mon = (int(x) for x in month.split("-"))
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, mon, 1, tzinfo=tz)
    end = dt.datetime(year + (mon == 12), mon % 12 + 1, 1, tzinfo=tz)
    return start, end


def news_list(*, union_slug: str = "", status: str = "", month: str = "") -> QuerySet[NewsItem]:
    qs = (
        NewsItem.objects.select_related("union")
        .prefetch_related("photos", "adoptions")
        .annotate(
            points_total=Coalesce(
                Sum("adoptions__points"),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=8, decimal_places=1),
            )
        )
    )
    if union_slug:
        qs = qs.filter(union__slug=union_slug)
    if status:
        qs = qs.filter(status=status)
    if month:
        start, end = month_bounds(month)
        qs = qs.filter(submitted_at__gte=start, submitted_at__lt=end)
    return qs.order_by("-submitted_at", "-id")


def union_news(*, union: Union) -> QuerySet[NewsItem]:
    return news_list().filter(union=union)


def union_news_get(*, union: Union, pk: int) -> NewsItem:
    return union_news(union=union).get(pk=pk)


def news_channels_in_force(*, on: dt.date | None = None) -> list[NewsChannel]:
    on = on or timezone.localdate()
    rows = NewsChannel.objects.filter(effective_from__lte=on).exclude(effective_to__lt=on)
    return list(rows.order_by("points", "code"))


def news_ranking(*, month: str) -> dict:
    """Per serving union: items submitted in the month, items adopted, and points of the
    adoptions recorded in the month; ranked by points then items. Unions with nothing
    submitted are named (零报送)."""
    from tenants.selectors import unions_serving

    start, end = month_bounds(month)
    first, last = start.date(), (end - dt.timedelta(days=1)).date()
    items = (
        NewsItem.objects.filter(union=OuterRef("pk"), submitted_at__gte=start, submitted_at__lt=end)
        .values("union")
        .annotate(n=Count("id"))
        .values("n")
    )
    adopted = (
        NewsAdoption.objects.filter(
            news__union=OuterRef("pk"), adopted_on__gte=first, adopted_on__lte=last
        )
        .values("news__union")
        .annotate(n=Count("news", distinct=True))
        .values("n")
    )
    points = (
        NewsAdoption.objects.filter(
            news__union=OuterRef("pk"), adopted_on__gte=first, adopted_on__lte=last
        )
        .values("news__union")
        .annotate(p=Sum("points"))
        .values("p")
    )
    unions = (
        unions_serving()
        .annotate(
            items=Coalesce(Subquery(items, output_field=IntegerField()), 0),
            adopted=Coalesce(Subquery(adopted, output_field=IntegerField()), 0),
            points=Coalesce(
                Subquery(points, output_field=DecimalField(max_digits=8, decimal_places=1)),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=8, decimal_places=1),
            ),
        )
        .order_by("-points", "-items", "name")
    )
    rows, rank, previous = [], 0, None
    for i, u in enumerate(unions, start=1):
        key = (u.points, u.items)
        if key != previous:
            rank, previous = i, key
        rows.append(
            {
                "rank": rank,
                "union": u.slug,
                "union_name": u.name,
                "items": u.items,
                "adopted": u.adopted,
                "points": u.points,
            }
        )
    return {
        "month": month,
        "rows": rows,
        "zero": [
            {"union": r["union"], "union_name": r["union_name"]} for r in rows if r["items"] == 0
        ],
    }


def union_points(*, union: Union, year: int | None = None) -> dict:
    """A union's own points: the year's total and per month (by adoption date)."""
    year = year or timezone.localdate().year
    rows = (
        NewsAdoption.objects.filter(news__union=union, adopted_on__year=year)
        .values("adopted_on__month")
        .annotate(points=Sum("points"), n=Count("id"))
        .order_by("adopted_on__month")
    )
    by_month = {f"{year}-{r['adopted_on__month']:02d}": r["points"] for r in rows}
    total = sum(by_month.values(), Decimal(0))
    items = NewsItem.objects.filter(union=union, submitted_at__year=year).aggregate(
        n=Count("id"), last=Max("submitted_at")
    )
    return {"year": year, "total": total, "by_month": by_month, "items": items["n"]}
