"""换届 reminders: 6 and 1 months before the term ends, then weekly once overdue (rule
values), through the outbox. Idempotent per union and stage (the outbox's dedupe key):
running the job twice a day sends nothing new."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from federation.platform.audit.services import audit_record
from federation.platform.outbox.services import message_enqueue
from federation.rules.selectors import rule_value
from tenants.context import union_side
from workplaces.organization.audit_kinds import OrgAuditKind
from workplaces.organization.common import add_months, this_union
from workplaces.organization.models import Term


def reminder_stage(*, term: Term, on: dt.date) -> str | None:
    """The dedupe stage due on ``on``: ``"before:6"``, ``"before:1"``, ``"overdue:<n>"``
    (n = the overdue period number), or None."""
    if on > term.ends_on:
        every = max(1, int(rule_value("organization.overdue_reminder_days", on=on)))
        return f"overdue:{(on - term.ends_on).days // every}"
    months = sorted(int(m) for m in rule_value("organization.reminder_months", on=on))
    for m in months:  # the nearest stage first
        if on >= add_months(term.ends_on, -m):
            return f"before:{m}"
    return None


@union_side
@transaction.atomic(durable=True)
def term_reminders_send(*, on: dt.date) -> int:
    """Send the reminder due for the current term today, if any; returns messages created."""
    term = Term.objects.filter(is_current=True).first()
    if term is None:
        return 0
    stage = reminder_stage(term=term, on=on)
    if stage is None:
        return 0
    union = this_union()
    if stage.startswith("overdue"):
        subject = _("Committee election overdue")
        body = _(
            "The committee's term ended on %(date)s. Apply to the federation for the election."
        )
    else:
        subject = _("Committee election due")
        body = _("The committee's term ends on %(date)s. Prepare the election (换届).")
    created = message_enqueue(
        union=union,
        kind="organization.election_reminder",
        subject=str(subject),
        body=str(body) % {"date": term.ends_on.isoformat()},
        dedupe_key=f"org-term:{term.pk}:{stage}",
        link="/organization/",
    )
    if created:
        audit_record(
            actor=None,
            kind=OrgAuditKind.REMINDER,
            obj=term,
            after={"stage": stage, "on": on},
            union_slug=union.slug,
        )
    return len(created)
