"""Titles: awarded on acceptance with a re-check date (the rule table's months), withdrawn
by a failed re-check, by the assessor, or on beat once the re-check date has passed; and
the reminders before deadlines and re-check dates."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from federation.homes import selectors
from federation.homes.audit_kinds import HomeAuditKind
from federation.homes.models import (
    EDITABLE,
    Assessment,
    EventKind,
    Level,
    RoundKind,
    Status,
    Title,
)
from federation.homes.records import months_after
from federation.homes.services._base import event_add, field_error
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError, duplicate_only
from federation.platform.outbox.services import message_enqueue
from tenants.context import federation_side

TITLE_AUDIT_FIELDS = ["current", "withdrawn_on", "withdrawn_reason"]


def title_award(a: Assessment, *, level: Level, actor: Actor) -> Title:
    today = timezone.localdate()
    rule = selectors.rule_in_force(on=today)
    old = Title.objects.select_for_update().filter(union=a.union, current=True).first()
    if old is not None:
        old.current = False
        old.superseded_on = today
        old.save(update_fields=["current", "superseded_on"])
    try:
        with transaction.atomic():
            title = Title.objects.create(
                union=a.union,
                assessment=a,
                round=a.round,
                level=level,
                awarded_on=today,
                recheck_due=months_after(today, rule.recheck_months),
                number=f"ZGZJ-{today:%Y}-{a.pk:06d}",
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(
            _("A title was already awarded for this assessment."), code="title_exists"
        ) from None
    audit_record(
        actor=actor,
        kind=HomeAuditKind.TITLE_AWARDED,
        obj=title,
        after=snapshot(title, ["number", "level_id", "awarded_on", "recheck_due"]),
        union_slug=a.union.slug,
    )
    return title


def recheck_withdraw(a: Assessment, *, actor: Actor, reason: str) -> None:
    """A failed or vetoed re-check withdraws the union's current title."""
    if a.round.kind != RoundKind.RECHECK:
        return
    title = Title.objects.select_for_update().filter(union=a.union, current=True).first()
    if title is not None:
        title_withdraw(
            title=title, reason=reason or _("Failed re-check."), actor=actor, assessment=a
        )


def _withdraw(
    t: Title, *, reason: str, actor: Actor, kind: str, assessment: Assessment | None
) -> Title:
    before = snapshot(t, TITLE_AUDIT_FIELDS)
    t.current = False
    t.withdrawn_on = timezone.localdate()
    t.withdrawn_reason = reason
    t.withdrawn_by = actor_label(actor)
    t.save(update_fields=["current", "withdrawn_on", "withdrawn_reason", "withdrawn_by"])
    # the round that awarded the title shows it as withdrawn from now on
    Assessment.objects.filter(pk=t.assessment_id, status=Status.ACCEPTED).update(
        status=Status.WITHDRAWN
    )
    event_add(
        assessment or t.assessment,
        kind=EventKind.WITHDRAWN,
        actor=actor,
        side="federation" if actor is not None else "system",
        comment=reason,
        data={"title": t.number, "level": t.level.name},
    )
    audit_record(
        actor=actor,
        kind=kind,
        obj=t,
        before=before,
        after=snapshot(t, TITLE_AUDIT_FIELDS),
        union_slug=t.union.slug,
        note=reason,
    )
    return t


@federation_side
@transaction.atomic
def title_withdraw(
    *, title: Title, reason: str, actor: Actor, assessment: Assessment | None = None
) -> Title:
    """Withdraw a union's title (a failed re-check, or a finding on site), with the reason."""
    reason = reason.strip()
    if not reason:
        raise field_error("reason", _("Give the reason for the withdrawal."), "required")
    t = (
        Title.objects.select_for_update()
        .select_related("assessment", "union", "level")
        .get(pk=title.pk)
    )
    if not t.current:
        raise field_error("title", _("This title is no longer current."), "not_current")
    return _withdraw(
        t, reason=reason, actor=actor, kind=HomeAuditKind.WITHDRAWN, assessment=assessment
    )


@federation_side
@transaction.atomic
def titles_withdraw_due(*, on: dt.date | None = None) -> int:
    """Daily (beat): every current title whose re-check date has passed (it is before
    ``on``) without a passed re-check is withdrawn, as the certificate says; the union is
    told through the outbox, and the title stays in its history. Idempotent: a withdrawn
    title is no longer current, and the notice has a dedupe key."""
    on = on or timezone.localdate()
    due = list(
        Title.objects.select_for_update(of=("self",))
        .filter(current=True, recheck_due__lt=on)
        .select_related("assessment", "union", "level")
        .order_by("pk")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for t in due:
            reason = _("The re-check date %(date)s passed without a passed re-check.") % {
                "date": t.recheck_due
            }
            _withdraw(
                t, reason=reason, actor=None, kind=HomeAuditKind.TITLE_EXPIRED, assessment=None
            )
            message_enqueue(
                union=t.union,
                kind="homes.title_expired",
                subject=_("Staff home title withdrawn: %(level)s") % {"level": t.level.name},
                body=_('Your title "%(level)s" (%(number)s) was withdrawn: %(reason)s')
                % {"level": t.level.name, "number": t.number, "reason": reason},
                dedupe_key=f"homes:title:{t.pk}:expired",
                link="/homes/",
            )
    return len(due)


def _deadline_reminders(on: dt.date, days: set[int]) -> int:
    sent = 0
    pending = (
        Assessment.objects.filter(status__in=EDITABLE, round__closed_at__isnull=True)
        .select_related("round", "union")
        .order_by("pk")
    )
    for a in pending:
        left = (a.effective_deadline - on).days
        if left not in days:
            continue
        created = message_enqueue(
            union=a.union,
            kind="homes.deadline",
            subject=_("Staff home self-assessment due in %(n)s days") % {"n": left},
            body=_('Please submit the self-assessment for "%(round)s" by %(date)s.')
            % {"round": a.round.title, "date": a.effective_deadline},
            dedupe_key=f"homes:assessment:{a.pk}:deadline:{on.isoformat()}",
            link=f"/homes/{a.pk}/",
        )
        sent += bool(created)
    return sent


def _recheck_reminders(on: dt.date, days: set[int]) -> int:
    sent = 0
    for t in selectors.titles_current().order_by("pk"):
        left = (t.recheck_due - on).days
        if left not in days:
            continue
        created = message_enqueue(
            union=t.union,
            kind="homes.recheck",
            subject=_("Staff home title: re-check due in %(n)s days") % {"n": left},
            body=_('Your title "%(level)s" (%(number)s) is due for re-check on %(date)s.')
            % {"level": t.level.name, "number": t.number, "date": t.recheck_due},
            dedupe_key=f"homes:title:{t.pk}:recheck:{on.isoformat()}",
            link="/homes/",
        )
        sent += bool(created)
    return sent


def reminders_send(*, on: dt.date | None = None) -> int:
    """Daily (beat): reminders through the outbox N days before an assessment's deadline to
    unions that have not submitted, and N days before a title's re-check date (the days
    are rows of the rule table). One message per assessment (or title), kind and date."""
    on = on or timezone.localdate()
    rule = selectors.rule_in_force(on=on)
    with translation.override(settings.LANGUAGE_CODE):
        sent = _deadline_reminders(on, {int(d) for d in rule.reminder_days or []})
        sent += _recheck_reminders(on, {int(d) for d in rule.recheck_reminder_days or []})
    return sent
