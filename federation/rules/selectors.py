"""Reading the rule table: the value of a rule in force on a date, typed by its kind."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.errors import DomainError
from federation.rules.models import RuleValue
from federation.rules.registry import BOOL, DECIMAL, INT, rule_get


class RuleMissingError(DomainError, LookupError):
    """No row of a declared rule is in force on that date: a loud failure, never a guess.

    A refusal, not a server error: the date is usually one a user typed, before the rule
    table's first row (a congress of 1998 recorded today) or absurd (year 1357). The API
    answers 400 with the rule and the date; the federation can give the rule an earlier row.
    """

    default_code = "rule_missing"

    def __init__(self, key: str, on: dt.date) -> None:
        self.key, self.on = key, on
        try:
            label = str(rule_get(key).label)
        except LookupError:
            label = key
        super().__init__(
            _(
                "No value of the rule “%(label)s” (%(key)s) is in force on %(on)s: check the "
                "date, or ask the federation to give the rule a value from that date."
            )
            % {"label": label, "key": key, "on": on.isoformat()}
        )


def _typed(kind: str, value: Any) -> Any:
    if kind == INT:
        return int(value)
    if kind == DECIMAL:
        return Decimal(str(value))
    if kind == BOOL:
        return bool(value)
    return value


def rule_row(key: str, *, on: dt.date | None = None) -> RuleValue:
    on = on or timezone.localdate()
    row = (
        RuleValue.objects.filter(key=key, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        raise RuleMissingError(key, on)
    return row


def rule_value(key: str, *, on: dt.date | None = None) -> Any:
    """The value of ``key`` in force on ``on`` (today by default), typed by its kind."""
    rule = rule_get(key)
    return _typed(rule.kind, rule_row(key, on=on).value)


def rule_history(key: str) -> QuerySet[RuleValue]:
    return RuleValue.objects.filter(key=key).order_by("-effective_from")
