"""Writes of information reporting: forms and versions, cycles, a union's report and its
review, reminders. Every state change is locked, recorded as a SubmissionEvent and, for
the federation's decisions, in the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.audit.models import AuditKind
from federation.platform.audit.services import audit_record
from federation.reports import rules as R
from federation.reports import sources
from federation.reports.models import (
    EDITABLE_STATUSES,
    Cycle,
    CycleStatus,
    FieldType,
    FormField,
    ReportForm,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
)
from tenants.context import federation_side
from tenants.models import Union, UnionRollup


class ReportsConflict(Exception):
    """A write that clashes with an existing record (the API answers 409)."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def _actor_name(actor) -> str:
    if actor is None:
        return "system"
    if getattr(actor, "is_authenticated", False):
        return actor.get_username()
    return str(actor)


def date_parse(value: Any, *, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ValidationError({field: [_("Enter a date as YYYY-MM-DD.")]}) from None


# --- forms ----------------------------------------------------------------------------


def _fields_clean(fields: Any) -> list[dict]:
    if not isinstance(fields, list) or not fields:
        raise ValidationError({"fields": [_("A form needs at least one field.")]})
    errors: dict[str, list[str]] = {}
    out, seen = [], set()
    for i, raw in enumerate(fields):
        where = f"fields[{i}]"
        if not isinstance(raw, dict):
            errors[where] = [_("Send each field as an object.")]
            continue
        key = str(raw.get("key") or "").strip()
        label = str(raw.get("label") or "").strip()
        kind = raw.get("type")
        source = str(raw.get("source") or "").strip()
        choices = raw.get("choices") or []
        required = raw.get("required", False)
        problems = []
        if not R.KEY_RE.match(key):
            problems.append(
                _("The key must be lowercase letters, digits or _, starting with a letter.")
            )
        elif key in seen:
            problems.append(_("The key %s is used twice.") % key)
        if not label or len(label) > 200:
            problems.append(_("Give a label of at most 200 characters."))
        if kind not in FieldType.values:
            problems.append(_("The type must be one of: %s.") % ", ".join(FieldType.values))
        if source and sources.source_get(source) is None:
            problems.append(_("Unknown prefill source: %s.") % source)
        if not isinstance(required, bool):
            problems.append(_("required must be true or false."))
        if not isinstance(choices, list) or any(not str(c).strip() for c in choices):
            problems.append(_("Choices must be a list of non-empty texts."))
        elif kind == FieldType.CHOICE and len(choices) < 2:
            problems.append(_("A choice field needs at least two choices."))
        if problems:
            errors[where] = problems
            continue
        seen.add(key)
        out.append(
            {
                "key": key,
                "label": label,
                "type": kind,
                "required": required,
                "source": source,
                "choices": [str(c).strip() for c in choices] if kind == FieldType.CHOICE else [],
                "order": int(raw.get("order") or i + 1),
            }
        )
    if errors:
        raise ValidationError(errors)
    return out


@federation_side
@transaction.atomic
def form_save(
    *, code: str, title: str, fields: Any, rules: Any = None, description: str = "", actor=None
) -> ReportForm:
    """Create a form, or change it. A version that a cycle uses is never changed: the change
    becomes a new version (a new row), and the cycle keeps the version it was issued with."""
    errors: dict[str, list[str]] = {}
    code = str(code or "").strip()
    title = str(title or "").strip()
    if not R.KEY_RE.match(code.replace("-", "_")):
        errors["code"] = [_("Use lowercase letters, digits, - or _, starting with a letter.")]
    if not title or len(title) > 200:
        errors["title"] = [_("Give a title of at most 200 characters.")]
    clean_fields: list[dict] = []
    try:
        clean_fields = _fields_clean(fields)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    numeric = {
        f["key"] for f in clean_fields if f["type"] in (FieldType.INTEGER, FieldType.DECIMAL)
    }
    clean_rules = R.rules_validate(rules, numeric)

    latest = ReportForm.objects.select_for_update().filter(code=code).order_by("-version").first()
    if latest is not None and not latest.cycles.exists():
        form = latest
        form.title, form.rules, form.description = title, clean_rules, description or ""
        form.save(update_fields=["title", "rules", "description"])
        form.fields.all().delete()
    else:
        form = ReportForm.objects.create(
            code=code,
            title=title,
            rules=clean_rules,
            description=description or "",
            version=(latest.version + 1) if latest else 1,
            created_by=_actor_name(actor),
        )
    FormField.objects.bulk_create(FormField(form=form, **f) for f in clean_fields)
    return form


# --- cycles ---------------------------------------------------------------------------


def prefill_for(*, form: ReportForm, union: Union, fields: list[FormField] | None = None) -> dict:
    """The values the form's sources give for this union (None where a source has none)."""
    out = {}
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


def _unions_pick(unions: Any) -> list[Union]:
    from tenants.selectors import unions_serving

    if unions == "all":
        picked = list(unions_serving())
        if not picked:
            raise ValidationError({"unions": [_("There is no union to send the report to.")]})
        return picked
    if not isinstance(unions, list) or not unions or not all(isinstance(s, str) for s in unions):
        raise ValidationError({"unions": [_('Send "all" or a list of union slugs.')]})
    found = {u.slug: u for u in unions_serving().filter(slug__in=unions)}
    unknown = sorted(set(unions) - set(found))
    if unknown:
        raise ValidationError({"unions": [_("Unknown unions: %s.") % ", ".join(unknown)]})
    return [found[s] for s in dict.fromkeys(unions)]


def _prime_rollups(unions: list[Union]) -> None:
    """Load the roll-ups of many unions in one query for the sources to read."""
    rollups = {r.union_id: r for r in UnionRollup.objects.filter(union__in=unions)}
    for union in unions:
        union._reports_rollup = rollups.get(union.pk)


def _submissions_create(*, cycle: Cycle, unions: list[Union], actor) -> int:
    fields = list(cycle.form.fields.all())
    _prime_rollups(unions)
    have = set(cycle.submissions.values_list("union_id", flat=True))
    new = [
        Submission(
            cycle=cycle, union=u, prefilled=prefill_for(form=cycle.form, union=u, fields=fields)
        )
        for u in unions
        if u.pk not in have
    ]
    Submission.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@federation_side
@transaction.atomic
def cycle_open(*, form: Any, period: Any, due_date: Any, unions: Any, actor=None) -> Cycle:
    """Issue a form for a period to all serving unions or the chosen ones, prefilled."""
    errors: dict[str, list[str]] = {}
    form_obj = None
    if isinstance(form, ReportForm):
        form_obj = form
    else:
        qs = ReportForm.objects.all()
        if isinstance(form, int) and not isinstance(form, bool) or str(form).isdigit():
            form_obj = qs.filter(pk=int(form)).first()
        elif isinstance(form, str) and form:
            form_obj = qs.filter(code=form).order_by("-version").first()
        if form_obj is None:
            errors["form"] = [_("Unknown form.")]
    try:
        period = R.period_validate(period)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        due_date = date_parse(due_date, field="due_date")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    picked: list[Union] = []
    try:
        picked = _unions_pick(unions)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    # one cycle per form code and period: lock the code's versions so two officers opening
    # the same cycle at once (on different versions) cannot both pass the check
    list(
        ReportForm.objects.select_for_update()
        .filter(code=form_obj.code)
        .values_list("pk", flat=True)
    )
    if Cycle.objects.filter(form__code=form_obj.code, period=period).exists():
        raise ReportsConflict(_("A cycle of this form for %s is already open.") % period)
    cycle = Cycle.objects.create(
        form=form_obj, period=period, due_date=due_date, opened_by=_actor_name(actor)
    )
    _submissions_create(cycle=cycle, unions=picked, actor=actor)
    audit_record(
        actor=actor,
        kind=AuditKind.OTHER,
        obj=cycle,
        note="reports.cycle.opened",
        after={
            "form": form_obj.pk,
            "period": period,
            "due_date": due_date,
            "unions": [u.slug for u in picked],
        },
    )
    return cycle


@federation_side
@transaction.atomic
def cycle_unions_add(*, cycle: Cycle, unions: Any, actor=None) -> int:
    """Send an open cycle to more unions (a union founded after the cycle opened)."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        raise ValidationError({"status": [_("The cycle is closed.")]})
    return _submissions_create(cycle=cycle, unions=_unions_pick(unions), actor=actor)


@federation_side
@transaction.atomic
def cycle_close(*, cycle: Cycle, actor=None) -> Cycle:
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == CycleStatus.CLOSED:
        return cycle
    cycle.status = CycleStatus.CLOSED
    cycle.closed_at = timezone.now()
    cycle.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, kind=AuditKind.OTHER, obj=cycle, note="reports.cycle.closed")
    return cycle


# --- a union's report -------------------------------------------------------------------


def _locked(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("cycle", "cycle__form", "union")
        .get(pk=submission.pk)
    )


def _editable_check(submission: Submission) -> None:
    if submission.cycle.status != CycleStatus.OPEN:
        raise ValidationError({"status": [_("The cycle is closed.")]})
    if submission.status == SubmissionStatus.ACCEPTED:
        raise ValidationError(
            {"status": [_("The report was accepted and can no longer be changed.")]}
        )
    if submission.status not in EDITABLE_STATUSES:
        raise ValidationError({"status": [_("The report was submitted and awaits review.")]})


def effective_values(submission: Submission, prefilled: dict | None = None) -> dict:
    """What the report says now: the prefilled values, overridden by what the union entered."""
    merged = {
        k: v
        for k, v in (submission.prefilled if prefilled is None else prefilled).items()
        if v is not None
    }
    merged.update({k: v for k, v in submission.values.items() if v is not None})
    return merged


def _values_clean(fields: dict[str, FormField], values: Any) -> dict:
    if not isinstance(values, dict):
        raise ValidationError({"values": [_("Send the values as an object of field keys.")]})
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
        raise ValidationError(errors)
    return clean


def _rules_errors(form: ReportForm, fields: dict[str, FormField], values: dict) -> dict:
    return R.rules_check(form.rules or [], values, {k: f.label for k, f in fields.items()})


def _event(submission: Submission, kind: str, actor, comment: str = "", data=None) -> None:
    SubmissionEvent.objects.create(
        submission=submission,
        kind=kind,
        actor=_actor_name(actor),
        comment=comment[:1000],
        data=data,
    )


@transaction.atomic
def submission_save(*, submission: Submission, values: Any, actor=None) -> Submission:
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
    errors = _rules_errors(form, fields, {**{k: v for k, v in prefilled.items()}, **entered})
    if errors:
        raise ValidationError(errors)
    submission.values = entered
    submission.prefilled = prefilled
    submission.save(update_fields=["values", "prefilled", "updated_at"])
    _event(submission, "saved", actor, data={"values": clean})
    return submission


@transaction.atomic
def submission_submit(*, submission: Submission, actor=None, values: Any = None) -> Submission:
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
    errors: dict[str, list[str]] = {
        k: [_("This field is required.")]
        for k, f in fields.items()
        if f.required and k not in final
    }
    for key, msgs in _rules_errors(form, fields, final).items():
        errors.setdefault(key, []).extend(msgs)
    if errors:
        raise ValidationError(errors)
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


def _review(*, submission: Submission, to: str, comment: str, actor, note: str) -> Submission:
    submission = _locked(submission)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(
            {
                "status": [
                    _("Only a submitted report can be reviewed (this one is %s).")
                    % submission.get_status_display()
                ]
            }
        )
    before = {"status": submission.status, "comment": submission.comment}
    submission.status = to
    submission.comment = comment
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = _actor_name(actor)
    submission.save(update_fields=["status", "comment", "reviewed_at", "reviewed_by", "updated_at"])
    _event(submission, to, actor, comment=comment)
    audit_record(
        actor=actor,
        kind=AuditKind.OTHER,
        obj=submission,
        note=note,
        before=before,
        after={"status": to, "comment": comment},
        union_slug=submission.union.slug,
    )
    return submission


@federation_side
@transaction.atomic
def submission_accept(*, submission: Submission, comment: str = "", actor=None) -> Submission:
    return _review(
        submission=submission,
        to=SubmissionStatus.ACCEPTED,
        comment=str(comment or "").strip()[:1000],
        actor=actor,
        note="reports.accepted",
    )


@federation_side
@transaction.atomic
def submission_return(*, submission: Submission, comment: str, actor=None) -> Submission:
    """Return a report for correction; the union is told why (the comment is required)."""
    comment = str(comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Say what the union must correct.")]})
    submission = _review(
        submission=submission,
        to=SubmissionStatus.RETURNED,
        comment=comment[:1000],
        actor=actor,
        note="reports.returned",
    )
    from federation.platform.outbox.services import message_enqueue

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


# --- reminders --------------------------------------------------------------------------

BEFORE_DAYS = (7, 3, 1, 0)
AFTER_EVERY_DAYS = 7


def reminder_kind(*, due_date: dt.date, today: dt.date) -> str | None:
    """Before the due date on days 7, 3, 1 and 0; after it on the first day, then weekly."""
    left = (due_date - today).days
    if left in BEFORE_DAYS:
        return "due_soon"
    if left < 0 and (-left == 1 or -left % AFTER_EVERY_DAYS == 0):
        return "late"
    return None


@federation_side
def reminders_send(*, today: dt.date | None = None) -> int:
    """Remind the unions whose report of an open cycle is not in (pending or returned).
    Idempotent per submission, kind and day (outbox dedupe key)."""
    today = today or timezone.localdate()
    sent = 0
    due = (
        Submission.objects.filter(cycle__status=CycleStatus.OPEN, status__in=EDITABLE_STATUSES)
        .select_related("cycle", "cycle__form", "union")
        .order_by("cycle_id", "union_id")
    )
    for sub in due.iterator(chunk_size=500):
        kind = reminder_kind(due_date=sub.cycle.due_date, today=today)
        if kind is not None and _remind(sub, kind=kind, today=today, actor=None):
            sent += 1
    return sent


def _remind(sub: Submission, *, kind: str, today: dt.date, actor) -> bool:
    """One reminder of a kind per report and day (the outbox dedupe key); True if sent."""
    from federation.platform.outbox.services import message_enqueue

    params = {
        "form": sub.cycle.form.title,
        "period": sub.cycle.period,
        "due": sub.cycle.due_date.isoformat(),
    }
    if kind == "due_soon":
        subject = _("Report due %(due)s: %(form)s %(period)s") % params
        body = _("Please fill in and submit %(form)s (%(period)s) by %(due)s.") % params
    else:
        subject = _("Report late: %(form)s %(period)s") % params
        body = (
            _(
                "%(form)s (%(period)s) was due on %(due)s and has not been submitted. "
                "Please submit it as soon as possible."
            )
            % params
        )
    with transaction.atomic():
        created = message_enqueue(
            union=sub.union,
            kind=f"reports.{kind}",
            subject=subject,
            body=body,
            dedupe_key=f"reports:{sub.pk}:{kind}:{today.isoformat()}",
            link=f"/reports/{sub.pk}/",
        )
        if created:
            _event(sub, "reminded", actor, comment=kind)
    return bool(created)


@federation_side
def cycle_remind_now(*, cycle: Cycle, actor=None, today: dt.date | None = None) -> int:
    """The officer's 催报 button: remind every union of this cycle whose report is not in,
    now; still at most one reminder of a kind per report and day."""
    today = today or timezone.localdate()
    cycle = Cycle.objects.select_related("form").get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        raise ValidationError({"status": [_("The cycle is closed.")]})
    kind = "late" if today > cycle.due_date else "due_soon"
    subs = cycle.submissions.filter(status__in=EDITABLE_STATUSES).select_related(
        "cycle", "cycle__form", "union"
    )
    return sum(
        _remind(sub, kind=kind, today=today, actor=actor) for sub in subs.order_by("union_id")
    )
