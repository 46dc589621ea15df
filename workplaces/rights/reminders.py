"""The daily reminders of rights work, one in-app digest per union and day through the
outbox (idempotent by its dedupe key): filing due, taking effect, renewal talks, expiry,
mediation deadlines."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from federation.platform.outbox.services import message_enqueue
from tenants.context import union_side
from workplaces.rights.common import union_row
from workplaces.rights.models import CollectiveContract, ContractStatus, MediationCase
from workplaces.rights.selectors import contract_clocks

WARN_DAYS = 3  # days before a deadline when the reminder starts
REPEAT_DAYS = 7  # how often an overdue item is repeated


def _repeat(since: dt.date, today: dt.date, every: int = REPEAT_DAYS) -> bool:
    """On ``since`` and every ``every`` days after it."""
    days = (today - since).days
    return days >= 0 and days % every == 0


def contract_items(*, today: dt.date) -> list[str]:
    items = []
    for c in CollectiveContract.objects.all():
        k = contract_clocks(c, today=today)
        name = c.title or c.kind
        if k.status == ContractStatus.SIGNED and k.filing_due:
            if k.filing_due - dt.timedelta(days=WARN_DAYS) <= today <= k.filing_due:
                items.append(
                    _("File %(name)s with the labour department by %(due)s.")
                    % {"name": name, "due": k.filing_due}
                )
            elif today > k.filing_due and _repeat(k.filing_due + dt.timedelta(days=1), today):
                items.append(
                    _("%(name)s was due for filing on %(due)s and is not filed.")
                    % {"name": name, "due": k.filing_due}
                )
        if k.effective_on == today:
            items.append(_("%(name)s takes effect today.") % {"name": name})
        if (
            k.status == ContractStatus.EXPIRING
            and k.renewal_from
            and _repeat(k.renewal_from, today, every=30)
        ):
            items.append(
                _("%(name)s ends on %(end)s: start the renewal talks.")
                % {"name": name, "end": c.ends_on}
            )
        if c.ends_on and today == c.ends_on + dt.timedelta(days=1) and c.filed_on:
            items.append(_("%(name)s expired yesterday.") % {"name": name})
    return items


def mediation_items(*, today: dt.date) -> list[str]:
    items = []
    for case in MediationCase.objects.filter(outcome=""):
        if case.deadline - dt.timedelta(days=WARN_DAYS) <= today <= case.deadline:
            items.append(
                _("Mediation case of %(date)s must be settled by %(deadline)s.")
                % {"date": case.received_on, "deadline": case.deadline}
            )
        elif today > case.deadline and _repeat(case.deadline + dt.timedelta(days=1), today):
            items.append(
                _(
                    "Mediation case of %(date)s passed its deadline of %(deadline)s: the "
                    "parties may go to arbitration."
                )
                % {"date": case.received_on, "deadline": case.deadline}
            )
    return items


@union_side
@transaction.atomic(durable=True)
def reminders_send(*, today: dt.date) -> int:
    """Queue today's digest for the current union; a second run the same day sends
    nothing (the outbox's dedupe key). Returns the number of items."""
    items = contract_items(today=today) + mediation_items(today=today)
    if not items:
        return 0
    union = union_row()
    message_enqueue(
        union=union,
        kind="rights.reminder",
        subject=_("Rights work: %(n)s reminders for %(date)s") % {"n": len(items), "date": today},
        body="\n".join(f"- {i}" for i in items),
        dedupe_key=f"rights-reminders:{union.slug}:{today.isoformat()}",
        link="/rights/",
    )
    return len(items)
