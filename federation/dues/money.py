"""Parsing money from files (bank statements): Decimal only, 0.01 CNY half-up. The API and
pages parse with ``federation.dues.api.fields.MoneyField``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from federation.dues.rules import CENT, quantize_money

MONEY_MAX = Decimal("100000000000.00")  # 1e11 CNY: more than any township payroll

__all__ = ["CENT", "MONEY_MAX", "money_parse", "quantize_money"]


def money_parse(value: object, *, field: str, maximum: Decimal = MONEY_MAX) -> Decimal:
    """A positive amount from a file cell, at most two decimals, at most ``maximum``."""
    text = str(value if value is not None else "").strip().replace(",", "")
    if len(text) > 20:
        raise ValidationError({field: [_("Give an amount such as 1234.50.")]}, code="invalid")
    try:
        amount = Decimal(text)
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: [_("Give an amount such as 1234.50.")]}, code="invalid"
        ) from None
    if not amount.is_finite() or amount <= 0 or amount > maximum:
        raise ValidationError({field: [_("The amount is not plausible.")]}, code="invalid")
    if amount != amount.quantize(CENT):
        raise ValidationError({field: [_("At most two decimal places.")]}, code="invalid")
    return amount.quantize(CENT)
