"""Overdue marking and dunning reminders (催收): the record a court payment order needs
(Trade Union Law art. 43) is kept whole: every reminder with the notices it named."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import selectors, statute
from federation.dues.kinds import DuesAuditKind
from federation.dues.models import (
    DuesNotice,
    NoticeStatus,
    OrganizingTarget,
    Reminder,
    TargetStatus,
)
from federation.dues.services._common import audit, audit_many
from federation.dues.services._common import today as _today
from federation.platform.errors import duplicate_only
from federation.platform.outbox.services import message_enqueue
from tenants.models import Union

log = logging.getLogger(__name__)


@transaction.atomic
def notices_mark_overdue(*, today: dt.date | None = None) -> int:
    """Notices unpaid after due date + grace days become overdue (the daily job)."""
    day = today or _today()
    due = list(
        DuesNotice.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            status__in=[NoticeStatus.ISSUED, NoticeStatus.PARTIAL],
            grace_until__lt=day,
            amount_paid__lt=F("amount_due"),
        )
        .select_related("union")
        .order_by("pk")
    )
    if not due:
        return 0
    DuesNotice.objects.filter(pk__in=[n.pk for n in due]).update(
        status=NoticeStatus.OVERDUE, overdue_since=day
    )
    audit_many(
        actor=None,
        kind=DuesAuditKind.NOTICE_OVERDUE,
        rows=[
            {
                "object_type": "dues.duesnotice",
                "object_id": n.pk,
                "union_slug": n.union.slug if n.union else "",
                "before": {"status": n.status},
                "after": {"status": NoticeStatus.OVERDUE, "overdue_since": day},
            }
            for n in due
        ],
    )
    return len(due)


def _reminder_text(overdue: list[DuesNotice], outstanding: Decimal) -> tuple[str, str]:
    lines = "\n".join(
        _("%(period)s: due %(due)s, paid %(paid)s, balance %(balance)s (due date %(date)s)")
        % {
            "period": n.period,
            "due": f"{n.amount_due:,.2f}",
            "paid": f"{n.amount_paid:,.2f}",
            "balance": f"{n.balance:,.2f}",
            "date": n.due_date,
        }
        for n in overdue
    )
    subject = _("Reminder: union funds overdue, %(amount)s CNY outstanding") % {
        "amount": f"{outstanding:,.2f}"
    }
    body = _(
        "Your union's funds (工会经费) are overdue:\n%(lines)s\n"
        "Please pay the outstanding %(amount)s CNY. %(law)s"
    ) % {"lines": lines, "amount": f"{outstanding:,.2f}", "law": statute.cite_payment_order()}
    return subject, body


def _overdue_of(payer: Union | OrganizingTarget) -> list[DuesNotice]:
    mine = {"union": payer} if isinstance(payer, Union) else {"target": payer}
    rows = (
        DuesNotice.objects.select_for_update()
        .filter(status=NoticeStatus.OVERDUE, **mine)
        .order_by("period_start", "pk")
    )
    return [n for n in rows if n.balance > 0]


def _due_for_reminder(payer: Union | OrganizingTarget, day: dt.date) -> bool:
    every = selectors.policy_in_force(on=day).reminder_every_days
    mine = {"union": payer} if isinstance(payer, Union) else {"target": payer}
    last = Reminder.objects.filter(**mine).order_by("-sent_on").first()
    return last is None or (day - last.sent_on).days >= every


@transaction.atomic
def reminder_send(
    *, union: Union, today: dt.date | None = None, email: str = ""
) -> Reminder | None:
    """Remind a union of its overdue notices: on the rule table's interval, at most once a day
    (unique union + day), in-app and by email through the outbox."""
    day = today or _today()
    overdue = _overdue_of(union)
    if not overdue:
        return None
    if not _due_for_reminder(union, day):
        return None
    outstanding = sum((n.balance for n in overdue), Decimal("0.00"))
    subject, body = _reminder_text(overdue, outstanding)
    recipient = email or selectors.union_settings(union=union).contact_email
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                union=union,
                sent_on=day,
                outstanding=outstanding,
                subject=subject[:200],
                body=body,
                email=recipient,
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        return None  # already reminded today (a retried or concurrent job)
    reminder.notices.set(overdue)
    DuesNotice.objects.filter(pk__in=[n.pk for n in overdue]).update(
        reminders_sent=F("reminders_sent") + 1, last_reminded_at=timezone.now()
    )
    message_enqueue(
        union=union,
        kind="dues.reminder",
        subject=subject,
        body=body,
        dedupe_key=f"dues-reminder:{union.slug}:{day.isoformat()}",
        email=recipient,
        link="/dues/",
    )
    audit(
        actor=None,
        kind=DuesAuditKind.REMINDER_SENT,
        obj=reminder,
        union_slug=union.slug,
        after={"outstanding": outstanding, "notices": [n.pk for n in overdue], "email": recipient},
    )
    return reminder


def _mail_on_commit(*, recipient: str, subject: str, body: str) -> None:
    """An organizing target has no union space (no outbox): a plain email after commit."""
    if not recipient:
        return

    def send() -> None:
        try:
            send_mail(subject, body, None, [recipient])
        except Exception:  # noqa: BLE001 - the reminder is recorded; a mail failure is logged
            log.warning("dues reminder to %s could not be sent", recipient, exc_info=True)

    transaction.on_commit(send)


@transaction.atomic
def target_reminder_send(
    *, target: OrganizingTarget, today: dt.date | None = None
) -> Reminder | None:
    """Remind an organizing target of its overdue 筹备金 notices, on the same interval as
    unions, at most once a day (unique target + day), by email to its contact."""
    day = today or _today()
    overdue = _overdue_of(target)
    if not overdue or not _due_for_reminder(target, day):
        return None
    outstanding = sum((n.balance for n in overdue), Decimal("0.00"))
    subject, body = _reminder_text(overdue, outstanding)
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                target=target,
                sent_on=day,
                outstanding=outstanding,
                subject=subject[:200],
                body=body,
                email=target.contact_email,
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        return None
    reminder.notices.set(overdue)
    DuesNotice.objects.filter(pk__in=[n.pk for n in overdue]).update(
        reminders_sent=F("reminders_sent") + 1, last_reminded_at=timezone.now()
    )
    _mail_on_commit(recipient=target.contact_email, subject=subject, body=body)
    audit(
        actor=None,
        kind=DuesAuditKind.REMINDER_SENT,
        obj=reminder,
        after={"outstanding": outstanding, "notices": [n.pk for n in overdue], "target": target.pk},
    )
    return reminder


def targets_remind(*, today: dt.date | None = None) -> int:
    """The daily job's part for organizing targets: one reminder per target that is due."""
    day = today or _today()
    chased = OrganizingTarget.objects.filter(
        status=TargetStatus.ACTIVE, notices__status=NoticeStatus.OVERDUE
    ).distinct()
    return sum(1 for t in chased if target_reminder_send(target=t, today=day) is not None)
