"""What the dues services share: the audit door into the public schema, the clock, the
fields snapshotted for audit, and the light coercion of values handed in by scripts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context

from federation.dues.models import DuesNotice
from federation.dues.periods import Period, period_parse
from federation.dues.rules import CENT, reference_ok
from federation.platform.actors import Actor
from federation.platform.audit.models import AuditEvent
from federation.platform.audit.services import audit_record, audit_record_many

NOTICE_FIELDS = [
    "period",
    "payroll_total",
    "rate",
    "amount_due",
    "amount_paid",
    "status",
    "due_date",
]
DECLARATION_FIELDS = ["period", "payroll_total", "headcount"]
MONEY_MAX = Decimal("100000000000.00")


def today() -> dt.date:
    return timezone.localdate()


def audit(
    *,
    actor: Actor,
    kind: str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    union_slug: str = "",
    note: str = "",
) -> AuditEvent:
    """Dues events go to the federation's audit log (public schema), from either host."""
    with schema_context(get_public_schema_name()):
        return audit_record(
            actor=actor,
            kind=kind,
            obj=obj,
            before=before,
            after=after,
            union_slug=union_slug,
            note=note,
        )


def audit_many(*, actor: Actor, kind: str, rows: list[dict[str, Any]]) -> int:
    with schema_context(get_public_schema_name()):
        return audit_record_many(actor=actor, kind=kind, rows=rows)


def payer_slug(notice: DuesNotice) -> str:
    return notice.union.slug if notice.union_id and notice.union else ""


def as_period(value: Period | str) -> Period:
    """A ``Period`` (what the doors hand in) or its code (what the beat jobs pass)."""
    return value if isinstance(value, Period) else period_parse(value)


def as_money(value: Decimal | str | int, *, field: str) -> Decimal:
    """A Decimal from the door (scripts and tasks may still pass the text of one): finite,
    at most two decimals, at most 1e11; anything else is refused on ``field``."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
        if not amount.is_finite() or abs(amount) > MONEY_MAX:
            raise InvalidOperation
        if amount != amount.quantize(CENT):
            raise ValidationError(
                {field: [_("At most two decimal places.")]}, code="max_decimal_places"
            )
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: [_("Give an amount such as 1234.50.")]}, code="invalid"
        ) from None
    return amount.quantize(CENT)


def as_reference(value: str, *, field: str = "reference") -> str:
    reference = str(value or "").strip()
    if not reference_ok(reference):
        raise ValidationError(
            {field: [_("Give the bank reference: 1 to 64 letters, digits or - _ / . :")]},
            code="invalid",
        )
    return reference


def as_date(value: dt.date | str, *, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError({field: [_("Give a date as YYYY-MM-DD.")]}, code="invalid") from None
