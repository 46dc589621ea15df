"""Reminders (催报): before the due date and after it, at most one of a kind per report and
day (the outbox dedupe key)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.outbox.services import message_enqueue
from federation.reports.models import (
    EDITABLE_STATUSES,
    Cycle,
    CycleStatus,
    Submission,
    SubmissionEvent,
)
from tenants.context import federation_side

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


def _texts(sub: Submission, kind: str) -> tuple[str, str]:
    params = {
        "form": sub.cycle.form.title,
        "period": sub.cycle.period,
        "due": sub.cycle.due_date.isoformat(),
    }
    if kind == "due_soon":
        return (
            _("Report due %(due)s: %(form)s %(period)s") % params,
            _("Please fill in and submit %(form)s (%(period)s) by %(due)s.") % params,
        )
    return (
        _("Report late: %(form)s %(period)s") % params,
        _(
            "%(form)s (%(period)s) was due on %(due)s and has not been submitted. "
            "Please submit it as soon as possible."
        )
        % params,
    )


def _remind(sub: Submission, *, kind: str, today: dt.date, actor: Actor) -> bool:
    """One reminder of a kind per report and day (the outbox dedupe key); True if sent."""
    subject, body = _texts(sub, kind)
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
            SubmissionEvent.objects.create(
                submission=sub, kind="reminded", actor=actor_label(actor), comment=kind
            )
    return bool(created)


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


@federation_side
def cycle_remind_now(*, cycle: Cycle, actor: Actor = None, today: dt.date | None = None) -> int:
    """The officer's 催报 button: remind every union of this cycle whose report is not in,
    now; still at most one reminder of a kind per report and day."""
    today = today or timezone.localdate()
    cycle = Cycle.objects.select_related("form").get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        raise ValidationError({"status": [_("The cycle is closed.")]}, code="closed")
    kind = "late" if today > cycle.due_date else "due_soon"
    subs = cycle.submissions.filter(status__in=EDITABLE_STATUSES).select_related(
        "cycle", "cycle__form", "union"
    )
    return sum(
        _remind(sub, kind=kind, today=today, actor=actor) for sub in subs.order_by("union_id")
    )
