"""Money in and out of a notice: payments, refunds to small and micro enterprises, waivers.

A bank reference is used once (unique constraint; the service answers a ``ConflictError``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from federation.dues import rules, selectors
from federation.dues.kinds import DuesAuditKind
from federation.dues.models import DuesNotice, NoticeStatus, Payment, Refund, Remittance
from federation.dues.services._common import (
    NOTICE_FIELDS,
    as_date,
    as_money,
    as_period,
    as_reference,
    audit,
    payer_slug,
    today,
)
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import snapshot
from federation.platform.errors import ConflictError, duplicate_only

EARLIEST = dt.date(2000, 1, 1)
ZERO = Decimal("0.00")


def _reference_used() -> ConflictError:
    return ConflictError(
        _("A payment with this bank reference is already recorded."), code="reference_used"
    )


def _payment_check(*, notice: DuesNotice, amount: Decimal, paid_on: dt.date) -> None:
    if notice.status == NoticeStatus.WAIVED:
        raise ValidationError({"notice": [_("This notice was waived.")]}, code="waived")
    errors: dict[str, list[ValidationError]] = {}
    if amount <= 0:
        errors["amount"] = [
            ValidationError(_("The amount must be greater than zero."), code="min_value")
        ]
    elif amount > notice.balance:
        msg = _("The amount is more than the balance of %(balance)s.") % {
            "balance": f"{notice.balance:,.2f}"
        }
        errors["amount"] = [ValidationError(msg, code="over_balance")]
    if paid_on > today():
        errors["paid_on"] = [
            ValidationError(_("The payment date cannot be in the future."), code="future")
        ]
    elif paid_on < EARLIEST:
        errors["paid_on"] = [ValidationError(_("Give a date as YYYY-MM-DD."), code="invalid")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def payment_record(
    *,
    notice: DuesNotice,
    amount: Decimal,
    paid_on: dt.date,
    reference: str,
    actor: Actor,
    source: str = "manual",
) -> Payment:
    """Record a bank payment on a notice. Paying more than the balance is refused; the status
    follows (issued → partial → paid)."""
    value = as_money(amount, field="amount")
    day = as_date(paid_on, field="paid_on")
    reference = as_reference(reference)
    locked = DuesNotice.objects.select_for_update().get(pk=notice.pk)
    _payment_check(notice=locked, amount=value, paid_on=day)
    if Payment.objects.filter(reference=reference).exists():
        raise _reference_used()
    before = snapshot(locked, NOTICE_FIELDS)
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                notice=locked,
                amount=value,
                paid_on=day,
                reference=reference,
                recorded_by=actor_label(actor),
                source=source,
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise _reference_used() from None
    locked.amount_paid = locked.amount_paid + value
    locked.status = rules.notice_status_for(
        status=locked.status,
        amount_due=locked.amount_due,
        amount_paid=locked.amount_paid,
        grace_until=locked.grace_until,
        today=today(),
    )
    locked.save(update_fields=["amount_paid", "status"])
    audit(
        actor=actor,
        kind=DuesAuditKind.PAYMENT_RECORDED,
        obj=payment,
        before=before,
        after={
            **snapshot(locked, NOTICE_FIELDS),
            "payment": snapshot(payment, ["amount", "paid_on", "reference"]),
        },
        union_slug=payer_slug(locked),
    )
    notice.amount_paid, notice.status = locked.amount_paid, locked.status
    return payment


def _refund_check(notice: DuesNotice) -> None:
    p = as_period(notice.period)
    policy = selectors.policy_for_period(period=p)
    if notice.union is None or not selectors.union_settings(union=notice.union).small_micro:
        raise ValidationError(
            {"notice": [_("Only small and micro enterprises are refunded.")]}, code="not_small"
        )
    if p.year not in [int(y) for y in policy.small_micro_refund_years or []]:
        raise ValidationError(
            {"notice": [_("The rule table grants no refund for %(year)s.") % {"year": p.year}]},
            code="no_refund_year",
        )
    if notice.status != NoticeStatus.PAID or notice.amount_paid <= 0:
        raise ValidationError(
            {"notice": [_("Refunds follow payment: this notice is not paid.")]}, code="unpaid"
        )
    if Refund.objects.filter(notice=notice).exists():
        raise ConflictError(_("This notice was already refunded."), code="refunded")


def _refund_netting(notice: DuesNotice) -> tuple[Decimal, Decimal, Decimal]:
    """(pay out now, netted against the workplace return, netted against the city share):
    what already left the federation for this notice is not paid a second time."""
    calc = selectors.remittance_for_period(period=notice.period)
    row = next((r for r in calc["rows"] if r["notice"].pk == notice.pk), None)
    if row is None:
        return rules.refund_netting(paid=notice.amount_paid, returned=ZERO, city_passed=ZERO)
    returned = min(row["returned"], row["workplace_return"])
    # the city share already sent beyond what the period leaves without this notice
    city_passed = min(
        row["city_upward"],
        max(calc["city_sent"] - (calc["city_upward"] - row["city_upward"]), ZERO),
    )
    return rules.refund_netting(paid=notice.amount_paid, returned=returned, city_passed=city_passed)


@transaction.atomic(durable=True)
def refund_record(
    *, notice: DuesNotice, refunded_on: dt.date, reference: str, actor: Actor
) -> Refund:
    """Full refund to a small or micro enterprise for a year in the rule table: a record,
    the notice stays."""
    locked = DuesNotice.objects.select_for_update().get(pk=notice.pk)
    day = as_date(refunded_on, field="refunded_on")
    reference = as_reference(reference)
    _refund_check(locked)
    list(Remittance.objects.select_for_update().filter(period=locked.period))
    amount, netted_returned, netted_city = _refund_netting(locked)
    if amount <= 0:
        raise ValidationError(
            {"notice": [_("Everything paid on this notice was already returned or passed up.")]},
            code="nothing_to_refund",
        )
    try:
        with transaction.atomic():
            refund = Refund.objects.create(
                notice=locked,
                amount=amount,
                netted_returned=netted_returned,
                netted_city=netted_city,
                refunded_on=day,
                reference=reference,
                recorded_by=actor_label(actor),
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(
            _("This bank reference is already used."), code="reference_used"
        ) from None
    audit(
        actor=actor,
        kind=DuesAuditKind.REFUND_RECORDED,
        obj=refund,
        after=snapshot(
            refund,
            ["notice_id", "amount", "netted_returned", "netted_city", "refunded_on", "reference"],
        ),
        union_slug=payer_slug(locked),
    )
    return refund


@transaction.atomic(durable=True)
def notice_waive(*, notice: DuesNotice, reason: str, actor: Actor) -> DuesNotice:
    """Waive an unpaid notice, with the reason (kept in the audit log)."""
    locked = DuesNotice.objects.select_for_update().get(pk=notice.pk)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason.")]}, code="required")
    if locked.amount_paid > 0:
        raise ValidationError(
            {"notice": [_("A notice with payments cannot be waived.")]}, code="paid"
        )
    before = snapshot(locked, NOTICE_FIELDS)
    locked.status = NoticeStatus.WAIVED
    locked.save(update_fields=["status"])
    audit(
        actor=actor,
        kind=DuesAuditKind.NOTICE_WAIVED,
        obj=locked,
        before=before,
        after=snapshot(locked, NOTICE_FIELDS),
        union_slug=payer_slug(locked),
        note=reason.strip()[:500],
    )
    return locked
