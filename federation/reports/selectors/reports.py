"""Reads of report forms, cycles and a union's reports. The totals of a cycle come from one SQL
aggregate over the JSON values of its submissions, never from a loop over unions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import (
    Count,
    DecimalField,
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

from federation.reports import rules as R
from federation.reports import sources
from federation.reports.models import (
    COUNTED_STATUSES,
    EDITABLE_STATUSES,
    NUMERIC_TYPES,
    Cycle,
    CycleStatus,
    FieldType,
    FormField,
    ReportForm,
    Submission,
    SubmissionEvent,
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


def form_resolve(*, ref: Any) -> ReportForm | None:
    """A form by id, or by code (its newest version); None when there is no such form."""
    qs = ReportForm.objects.all()
    if isinstance(ref, bool) or not isinstance(ref, int | str):
        return None
    if isinstance(ref, int) or ref.isdecimal():
        return qs.filter(pk=int(ref)).first() if int(ref) < 2**31 else None
    if not ref or "\x00" in ref or len(ref) > 60:
        return None
    return qs.filter(code=ref).order_by("-version").first()


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


def cycle_status(*, cycle: Cycle, status: str = "") -> list[dict[str, Any]]:
    """One row per union: its status, when it was submitted, whether it is late; ``status``
    keeps the rows of one status (or ``late``)."""
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
    if status == "late":
        return [r for r in rows if r["late"]]
    if status:
        return [r for r in rows if r["status"] == status]
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


def _numeric_expr(field: FormField) -> Cast:
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
    totals: dict[str, Any] = {}
    counts: dict[str, dict[str, int]] = {}
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


def submission_history(*, submission: Submission) -> list[SubmissionEvent]:
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


def prefill_for(
    *, form: ReportForm, union: Union, fields: list[FormField] | None = None
) -> dict[str, Any]:
    """The values the form's sources give for this union (None where a source has none)."""
    out: dict[str, Any] = {}
    for field in fields if fields is not None else form.fields.all():
        if not field.source:
            continue
        value = sources.source_value(field.source, union)
        if value is None:
            continue
        try:
            out[field.key] = R.value_clean(field, value)
        except ValidationError:
            continue  # a source that answers out of type counts as no answer
    return out


def effective_values(
    submission: Submission, prefilled: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What the report says now: the prefilled values, overridden by what the union entered."""
    merged = {
        k: v
        for k, v in (submission.prefilled if prefilled is None else prefilled).items()
        if v is not None
    }
    merged.update({k: v for k, v in submission.values.items() if v is not None})
    return merged


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
