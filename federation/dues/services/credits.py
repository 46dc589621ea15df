"""Overpayments kept as credits (DESIGN.md: money is never lost): a downward correction after
payment leaves the notice paid and carries the surplus to the payer's next notice."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from federation.dues import rules
from federation.dues.kinds import DuesAuditKind
from federation.dues.models import DuesCredit, DuesNotice
from federation.dues.services._common import NOTICE_FIELDS, audit, payer_slug, today
from federation.platform.actors import Actor
from federation.platform.audit.services import snapshot


def _status(notice: DuesNotice) -> str:
    return rules.notice_status_for(
        status=notice.status,
        amount_due=notice.amount_due,
        amount_paid=notice.amount_paid,
        grace_until=notice.grace_until,
        today=today(),
    )


@transaction.atomic
def credit_carry(*, notice: DuesNotice, actor: Actor) -> DuesCredit | None:
    """The part paid beyond the notice's (corrected) amount becomes a credit of the payer;
    the notice keeps what it asks and is paid. Call with the notice locked."""
    surplus = notice.amount_paid - notice.amount_due
    if surplus <= 0:
        return None
    before = snapshot(notice, NOTICE_FIELDS)
    notice.amount_paid = notice.amount_due
    notice.status = _status(notice)
    notice.save(update_fields=["amount_paid", "status"])
    credit = DuesCredit.objects.create(
        union_id=notice.union_id, target_id=notice.target_id, source=notice, amount=surplus
    )
    audit(
        actor=actor,
        kind=DuesAuditKind.CREDIT_CARRIED,
        obj=credit,
        before=before,
        after={**snapshot(notice, NOTICE_FIELDS), "credit": surplus},
        union_slug=payer_slug(notice),
    )
    return credit


def _apply_one(credit: DuesCredit, notice: DuesNotice, actor: Actor) -> Decimal:
    taken = rules.credit_application(
        credit=credit.amount, amount_due=notice.amount_due, amount_paid=notice.amount_paid
    )
    if taken <= 0:
        return Decimal("0.00")
    before = snapshot(notice, NOTICE_FIELDS)
    left = credit.amount - taken
    if left > 0:  # the part not taken stays open as a credit of its own
        DuesCredit.objects.create(
            union_id=credit.union_id, target_id=credit.target_id, source=credit.source, amount=left
        )
    credit.amount, credit.applied_to, credit.applied_at = taken, notice, timezone.now()
    credit.save(update_fields=["amount", "applied_to", "applied_at"])
    notice.amount_paid += taken
    notice.status = _status(notice)
    notice.save(update_fields=["amount_paid", "status"])
    audit(
        actor=actor,
        kind=DuesAuditKind.CREDIT_APPLIED,
        obj=credit,
        before=before,
        after={**snapshot(notice, NOTICE_FIELDS), "credit": taken},
        union_slug=payer_slug(notice),
    )
    return taken


@transaction.atomic
def credits_apply(*, notice_ids: list[int], actor: Actor) -> Decimal:
    """Apply the payers' open credits to these newly issued notices (oldest credit first)."""
    if not notice_ids:
        return Decimal("0.00")
    notices = list(DuesNotice.objects.select_for_update().filter(pk__in=notice_ids).order_by("pk"))
    unions = [n.union_id for n in notices if n.union_id]
    targets = [n.target_id for n in notices if n.target_id]
    open_credits = list(
        DuesCredit.objects.select_for_update()
        .filter(applied_to__isnull=True)
        .filter(Q(union_id__in=unions) | Q(target_id__in=targets))
        .order_by("pk")
    )
    total = Decimal("0.00")
    for notice in notices:
        for credit in open_credits:
            if credit.applied_to_id is None and (
                (credit.union_id and credit.union_id == notice.union_id)
                or (credit.target_id and credit.target_id == notice.target_id)
            ):
                total += _apply_one(credit, notice, actor)
    return total
