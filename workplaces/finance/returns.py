"""The workplace share of union funds returned by the federation (回拨) arrives as income.

Read from the federation's public dues tables (payments on this union's notices in full
collection mode, where the federation collects the 2% and returns the workplace share);
one income entry per payment, idempotent by the unique ``Entry.dues_payment_id``, so the
per-union beat task and the button on the finance page may run it any number of times.
In split collection the employer keeps the workplace share in the union's own account:
nothing comes back through the federation, so nothing is booked here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from federation.dues.models import CollectionMode, Payment
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import duplicate_only
from tenants.context import union_side
from workplaces.activities.context import slug_here, union_here
from workplaces.finance import locks
from workplaces.finance.kinds import FinanceAudit
from workplaces.finance.models import Entry, EntryKind, EntrySource, EntryStatus, FinalAccount
from workplaces.finance.services import ENTRY_FIELDS, facts_after_commit

CENT = Decimal("0.01")


def _payments_of_this_union():
    union_id = union_here().pk
    return (
        Payment.objects.filter(
            notice__union_id=union_id, notice__collection_mode=CollectionMode.FULL
        )
        .select_related("notice")
        .order_by("paid_on", "id")
    )


@union_side
@transaction.atomic
def funds_return_sync(*, actor: Actor) -> int:
    """Book the returned share of every payment not booked yet; returns how many."""
    payments = list(_payments_of_this_union())
    done = set(
        Entry.objects.filter(dues_payment_id__in=[p.pk for p in payments]).values_list(
            "dues_payment_id", flat=True
        )
    )
    closed = set(FinalAccount.objects.values_list("year", flat=True))
    created = 0
    for payment in payments:
        if payment.pk in done:
            continue
        share = (payment.amount * payment.notice.workplace_share).quantize(CENT, ROUND_HALF_UP)
        if share <= 0:
            continue
        # a payment of a closed year is booked on the first day of the next open year
        on = payment.paid_on
        while on.year in closed:
            on = on.replace(year=on.year + 1, month=1, day=1)
        locks.lock_year(on.year)
        entry = Entry(
            kind=EntryKind.INCOME,
            category="funds_return",
            amount=share,
            on=on,
            summary=_("Returned workplace share of union funds %(period)s (payment %(ref)s)")
            % {"period": payment.notice.period, "ref": payment.reference},
            voucher_no=payment.reference[:40],
            status=EntryStatus.APPROVED,
            source=EntrySource.FUNDS_RETURN,
            dues_payment_id=payment.pk,
            author_name=actor_label(actor),
            approved_by=actor_label(actor),
        )
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError as exc:  # a concurrent run booked it first
            duplicate_only(exc)
            continue
        audit_record(
            actor=actor,
            kind=FinanceAudit.FUNDS_RETURN,
            obj=entry,
            after=snapshot(entry, ENTRY_FIELDS + ["dues_payment_id"]),
            union_slug=slug_here(),
        )
        created += 1
    if created:
        facts_after_commit()
    return created
