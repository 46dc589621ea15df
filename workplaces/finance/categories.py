"""The category lists of the rule table, and reading a category given as code or name."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from federation.rules.selectors import rule_value
from workplaces.finance.models import EntryKind


def categories(*, on: dt.date | None = None) -> dict[str, dict[str, str]]:
    """``{"income": {code: name}, "expense": {code: name}}`` in force on ``on``."""
    return {
        EntryKind.INCOME: {
            c["code"]: c["name"] for c in rule_value("finance.income_categories", on=on)
        },
        EntryKind.EXPENSE: {
            c["code"]: c["name"] for c in rule_value("finance.expense_categories", on=on)
        },
    }


def category_resolve(
    value: str, *, on: dt.date | None = None, kind: str | None = None, field: str = "category"
) -> tuple[str, str]:
    """(kind, code) of a category given by its code or its Chinese name."""
    value = (value or "").strip()
    for k, table in categories(on=on).items():
        for code, name in table.items():
            if value in (code, name):
                if kind and kind != k:
                    raise ValidationError(
                        {field: _("%(name)s is not a category of this kind.") % {"name": name}},
                        code="wrong_kind",
                    )
                return str(k), code
    raise ValidationError(
        {field: _("Unknown category %(value)s.") % {"value": value[:40]}}, code="invalid_choice"
    )


def caps(*, on: dt.date | None = None) -> dict[str, dict]:
    return {c["code"]: c for c in rule_value("finance.caps", on=on)}
