"""Parsing and rounding money and shares: Decimal only, 0.01 CNY half-up."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
MONEY_MAX = Decimal("100000000000.00")  # 1e11 CNY: more than any township payroll


def quantize_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money_parse(
    value, *, field: str, allow_zero: bool = False, maximum: Decimal = MONEY_MAX
) -> Decimal:
    """A money amount from user input (string, int or Decimal), at most two decimals."""
    if isinstance(value, bool) or value is None or value == "":
        raise ValidationError({field: [_("Give an amount such as 1234.50.")]})
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("Give an amount such as 1234.50.")]}) from None
    if not amount.is_finite():
        raise ValidationError({field: [_("Give an amount such as 1234.50.")]})
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValidationError({field: [_("At most two decimal places.")]})
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError({field: [_("The amount must be greater than zero.")]})
    if amount > maximum:
        raise ValidationError({field: [_("The amount is not plausible.")]})
    return amount.quantize(CENT)


def share_parse(value, *, field: str, allow_zero: bool = True) -> Decimal:
    """A fraction 0..1 with at most four decimals (rates and shares of the rule table)."""
    if isinstance(value, bool) or value is None or value == "":
        raise ValidationError({field: [_("Give a fraction such as 0.4000.")]})
    try:
        share = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("Give a fraction such as 0.4000.")]}) from None
    if not share.is_finite() or share < 0 or share > 1 or (share == 0 and not allow_zero):
        raise ValidationError({field: [_("Give a fraction between 0 and 1.")]})
    if share != share.quantize(Decimal("0.0001")):
        raise ValidationError({field: [_("At most four decimal places.")]})
    return share.quantize(Decimal("0.0001"))


def int_parse(value, *, field: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool):
        raise ValidationError({field: [_("Give a whole number.")]})
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError({field: [_("Give a whole number.")]}) from None
    if number < minimum or number > maximum:
        raise ValidationError(
            {
                field: [
                    _("Give a number from %(min)s to %(max)s.") % {"min": minimum, "max": maximum}
                ]
            }
        )
    return number
