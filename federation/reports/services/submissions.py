"""A union's report: save a draft, submit it; the federation's review (accept, return).
Every state change is locked and recorded as a SubmissionEvent; the federation's decisions
also in the audit log."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.platform.outbox.services import message_enqueue
from federation.reports import rules as R
from federation.reports.models import (
    EDITABLE_STATUSES,
    CycleStatus,
    FormField,
    ReportForm,
    ReportsAuditKind,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
)
from federation.reports.selectors import effective_values, prefill_for
from tenants.context import federation_side


def _locked(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("cycle", "cycle__form", "union")
        .get(pk=submission.pk)
    )


def _editable_check(submission: Submission) -> None:
    if submission.cycle.status != CycleStatus.OPEN:
        raise ValidationError({"status": [_("The cycle is closed.")]}, code="closed")
    if submission.status == SubmissionStatus.ACCEPTED:
        raise ValidationError(
            {"status": [_("The report was accepted and can no longer be changed.")]},
            code="accepted",
        )
    if submission.status not in EDITABLE_STATUSES:
        raise ValidationError(
            {"status": [_("The report was submitted and awaits review.")]}, code="submitted"
        )


def _values_clean(fields: dict[str, FormField], values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    clean = {}
    for key, raw in values.items():
        field = fields.get(key)
        if field is None:
            errors[str(key)] = [_("This form has no such field.")]
            continue
        try:
            clean[key] = R.value_clean(field, raw)
        except ValidationError as exc:
            errors[key] = exc.messages
    if errors:
        raise ValidationError(errors, code="invalid_value")
    return clean


def _rules_errors(
    form: ReportForm, fields: dict[str, FormField], values: dict[str, Any]
) -> dict[str, list[str]]:
    return R.rules_check(form.rules or [], values, {k: f.label for k, f in fields.items()})


def _event(
    submission: Submission, kind: str, actor: Actor, comment: str = "", data: Any = None
) -> None:
    SubmissionEvent.objects.create(
        submission=submission,
        kind=kind,
        actor=actor_label(actor),
        comment=comment[:1000],
        data=data,
    )


@transaction.atomic
def submission_save(
    *, submission: Submission, values: dict[str, Any], actor: Actor = None
) -> Submission:
    """Record the union's entries (a draft). Types are checked and the rules are checked on
    the report as it would stand; any error refuses the whole change."""
    submission = _locked(submission)
    _editable_check(submission)
    form = submission.cycle.form
    fields = {f.key: f for f in form.fields.all()}
    clean = _values_clean(fields, values)
    entered = dict(submission.values)
    for key, value in clean.items():
        if value is None:
            entered.pop(key, None)
        else:
            entered[key] = value
    prefilled = prefill_for(form=form, union=submission.union, fields=list(fields.values()))
    errors = _rules_errors(form, fields, {**prefilled, **entered})
    if errors:
        raise ValidationError(errors, code="rule")
    submission.values = entered
    submission.prefilled = prefilled
    submission.save(update_fields=["values", "prefilled", "updated_at"])
    _event(submission, "saved", actor, data={"values": clean})
    return submission


def _submit_errors(
    form: ReportForm, fields: dict[str, FormField], final: dict[str, Any]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {
        k: [_("This field is required.")]
        for k, f in fields.items()
        if f.required and k not in final
    }
    for key, msgs in _rules_errors(form, fields, final).items():
        errors.setdefault(key, []).extend(msgs)
    return errors


@transaction.atomic
def submission_submit(
    *, submission: Submission, actor: Actor = None, values: dict[str, Any] | None = None
) -> Submission:
    """Send the report to the federation: required fields present, rules hold. The first
    submission after the due date marks the report late (a resubmission after a return
    keeps the mark it had)."""
    if values:
        submission = submission_save(submission=submission, values=values, actor=actor)
    submission = _locked(submission)
    _editable_check(submission)
    form = submission.cycle.form
    fields = {f.key: f for f in form.fields.all()}
    prefilled = prefill_for(form=form, union=submission.union, fields=list(fields.values()))
    final = effective_values(submission, prefilled)
    errors = _submit_errors(form, fields, final)
    if errors:
        raise ValidationError(errors, code="incomplete")
    now = timezone.now()
    if submission.first_submitted_at is None:
        submission.first_submitted_at = now
        submission.late = timezone.localdate(now) > submission.cycle.due_date
    submission.values = {k: final[k] for k in fields if k in final}
    submission.prefilled = prefilled
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = now
    submission.save(
        update_fields=[
            "values",
            "prefilled",
            "status",
            "submitted_at",
            "first_submitted_at",
            "late",
            "updated_at",
        ]
    )
    _event(submission, "submitted", actor, data={"late": submission.late})
    return submission


def _review(
    *, submission: Submission, to: str, comment: str, actor: Actor, kind: ReportsAuditKind
) -> Submission:
    submission = _locked(submission)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(
            {
                "status": [
                    _("Only a submitted report can be reviewed (this one is %s).")
                    % submission.get_status_display()
                ]
            },
            code="not_submitted",
        )
    before = {"status": submission.status, "comment": submission.comment}
    submission.status = to
    submission.comment = comment
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = actor_label(actor)
    submission.save(update_fields=["status", "comment", "reviewed_at", "reviewed_by", "updated_at"])
    _event(submission, to, actor, comment=comment)
    audit_record(
        actor=actor,
        kind=kind,
        obj=submission,
        before=before,
        after={"status": to, "comment": comment},
        union_slug=submission.union.slug,
    )
    return submission


@federation_side
@transaction.atomic
def submission_accept(
    *, submission: Submission, comment: str = "", actor: Actor = None
) -> Submission:
    return _review(
        submission=submission,
        to=SubmissionStatus.ACCEPTED,
        comment=comment.strip()[:1000],
        actor=actor,
        kind=ReportsAuditKind.SUBMISSION_ACCEPTED,
    )


@federation_side
@transaction.atomic
def submission_return(*, submission: Submission, comment: str, actor: Actor = None) -> Submission:
    """Return a report for correction; the union is told why (the comment is required)."""
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": [_("Say what the union must correct.")]}, code="required")
    submission = _review(
        submission=submission,
        to=SubmissionStatus.RETURNED,
        comment=comment[:1000],
        actor=actor,
        kind=ReportsAuditKind.SUBMISSION_RETURNED,
    )
    assert submission.reviewed_at is not None
    message_enqueue(
        union=submission.union,
        kind="reports.returned",
        subject=_("Report returned: %(form)s %(period)s")
        % {"form": submission.cycle.form.title, "period": submission.cycle.period},
        body=comment,
        dedupe_key=f"reports:{submission.pk}:returned:{submission.reviewed_at.isoformat()}",
        link=f"/reports/{submission.pk}/",
    )
    return submission
