"""Transfers out of the collected funds: a workplace share returned (回拨) or the city share
passed up (上解), never more than the period's payments leave to transfer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from federation.dues import selectors
from federation.dues.kinds import DuesAuditKind
from federation.dues.models import Remittance, RemittanceKind
from federation.dues.periods import Period
from federation.dues.services._common import (
    as_date,
    as_money,
    as_period,
    as_reference,
    audit,
    today,
)
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import snapshot
from federation.platform.errors import ConflictError, duplicate_only
from tenants.models import Union

ZERO = Decimal("0.00")


def _reference_used() -> ConflictError:
    return ConflictError(_("This bank reference is already used."), code="reference_used")


def _remaining(*, period: str, kind: str, union: Union | None) -> Decimal:
    calc = selectors.remittance_for_period(period=period)
    if kind == RemittanceKind.CITY_UPWARD:
        return Decimal(calc["city_remaining"])
    if union is None:
        return ZERO
    due = calc["return_due_by_union"].get(union.pk, ZERO)
    return Decimal(due - calc["returned_by_union"].get(union.pk, ZERO))


def _remittance_check(*, kind: str, union: Union | None, day: dt.date, value: Decimal) -> None:
    if kind not in RemittanceKind.values:
        raise ValidationError(
            {"kind": [_("Choose workplace_return or city_upward.")]}, code="invalid_choice"
        )
    if kind == RemittanceKind.WORKPLACE_RETURN and union is None:
        raise ValidationError(
            {"union": [_("Name the union the share goes back to.")]}, code="required"
        )
    if day > today():
        raise ValidationError(
            {"transferred_on": [_("The transfer date cannot be in the future.")]}, code="future"
        )
    if value <= 0:
        raise ValidationError(
            {"amount": [_("The amount must be greater than zero.")]}, code="min_value"
        )


@transaction.atomic(durable=True)
def remittance_record(
    *,
    period: Period | str,
    kind: str,
    amount: Decimal,
    transferred_on: dt.date,
    reference: str,
    actor: Actor,
    union: Union | None = None,
) -> Remittance:
    """Record a transfer of ``kind`` for ``period`` (to ``union`` for a workplace return)."""
    p = as_period(period)
    value = as_money(amount, field="amount")
    day = as_date(transferred_on, field="transferred_on")
    reference = as_reference(reference)
    _remittance_check(kind=kind, union=union, day=day, value=value)
    payee = union if kind == RemittanceKind.WORKPLACE_RETURN else None
    # one transfer at a time per period: lock the period's rows
    list(Remittance.objects.select_for_update().filter(period=p.code))
    if Remittance.objects.filter(reference=reference).exists():
        raise _reference_used()
    remaining = _remaining(period=p.code, kind=kind, union=payee)
    if value > remaining:
        msg = _("More than what is left to transfer (%(left)s).") % {"left": f"{remaining:,.2f}"}
        raise ValidationError({"amount": [msg]}, code="over_remaining")
    try:
        with transaction.atomic():
            row = Remittance.objects.create(
                period=p.code,
                kind=kind,
                union=payee,
                amount=value,
                transferred_on=day,
                reference=reference,
                recorded_by=actor_label(actor),
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise _reference_used() from None
    audit(
        actor=actor,
        kind=DuesAuditKind.REMITTANCE_RECORDED,
        obj=row,
        union_slug=payee.slug if payee else "",
        after=snapshot(
            row, ["period", "kind", "union_id", "amount", "transferred_on", "reference"]
        ),
    )
    return row
