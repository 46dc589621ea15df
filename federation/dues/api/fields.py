"""Typed input fields of the dues API (and of the dues pages, which parse with the same
serializers): money, shares, periods and bank references become Python values at the door."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from federation.dues.periods import Period, period_parse
from federation.dues.rules import REFERENCE_RE

MONEY_MAX = Decimal("100000000000.00")  # 1e11 CNY: more than any township payroll
_MONEY_RE = re.compile(r"^\d{1,12}(\.\d{1,2})?$")
_SHARE_RE = re.compile(r"^[01](\.\d{1,4})?$")


class MoneyField(serializers.DecimalField):
    """An amount in CNY: plain digits with at most two decimals (``1234.50``; thousands
    commas allowed), between ``min_value`` and 1e11. ``1e30``, ``NaN``, ``-0`` and
    ``Infinity`` are refused on the field, never a 500."""

    default_error_messages = {
        "invalid": _("Give an amount such as 1234.50."),
        "max_value": _("The amount is not plausible."),
        "min_value": _("The amount must be greater than zero."),
    }

    def __init__(self, *, allow_zero: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("max_value", MONEY_MAX)
        kwargs.setdefault("min_value", Decimal("0.00") if allow_zero else Decimal("0.01"))
        super().__init__(**kwargs)
        if allow_zero:
            self.error_messages["min_value"] = _("The amount cannot be negative.")

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, bool) or not isinstance(data, str | int | float | Decimal):
            self.fail("invalid")
        text = str(data).strip().replace(",", "")
        if text.startswith("-") and _MONEY_RE.match(text[1:]):
            self.fail("min_value", min_value=self.min_value)
        if not _MONEY_RE.match(text):
            if re.match(r"^\d+\.\d{3,}$", text):
                raise serializers.ValidationError(
                    _("At most two decimal places."), code="max_decimal_places"
                )
            if re.match(r"^\d{13,}(\.\d*)?$", text):
                self.fail("max_value", max_value=self.max_value)
            self.fail("invalid")
        return super().to_internal_value(text)


class ShareField(serializers.DecimalField):
    """A fraction 0..1 with at most four decimals (rates and shares of the rule table)."""

    default_error_messages = {
        "invalid": _("Give a fraction between 0 and 1, such as 0.4000."),
        "max_value": _("Give a fraction between 0 and 1, such as 0.4000."),
        "min_value": _("Give a fraction between 0 and 1, such as 0.4000."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 4)
        kwargs.setdefault("max_value", Decimal("1"))
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, bool) or not isinstance(data, str | int | float | Decimal):
            self.fail("invalid")
        text = str(data).strip()
        if not _SHARE_RE.match(text):
            if re.match(r"^[01]\.\d{5,}$", text):
                raise serializers.ValidationError(
                    _("At most four decimal places."), code="max_decimal_places"
                )
            self.fail("invalid")
        try:
            return super().to_internal_value(text)
        except InvalidOperation:  # pragma: no cover - the pattern above admits none
            self.fail("invalid")
            raise


class PeriodField(serializers.CharField):
    """``YYYY-MM`` (a month) or ``YYYY-Qn`` (a quarter), as a ``Period``."""

    default_error_messages = {
        "invalid_period": _(
            "Give a period as YYYY-MM (month 01 to 12) or YYYY-Qn (quarter 1 to 4)."
        ),
    }

    def to_internal_value(self, data: Any) -> Period:  # type: ignore[override]
        text = super().to_internal_value(data)
        if len(text) > 7:
            self.fail("invalid_period")
        try:
            return period_parse(text)
        except DjangoValidationError:
            self.fail("invalid_period")
            raise

    def to_representation(self, value: Any) -> str:
        return str(value)


class ReferenceField(serializers.RegexField):
    """A bank reference: 1 to 64 letters, digits or ``- _ / . :``."""

    def __init__(self, **kwargs: Any) -> None:
        message = _("Give the bank reference: 1 to 64 letters, digits or - _ / . :")
        kwargs.setdefault("max_length", 64)
        super().__init__(REFERENCE_RE, **kwargs)
        self.error_messages["invalid"] = message
        self.error_messages["max_length"] = message
        self.error_messages["blank"] = message

    def to_internal_value(self, data: Any) -> str:
        return str(super().to_internal_value(str(data).strip() if data is not None else ""))
