"""Reading the rule table: the value of a rule in force on a date, typed by its kind."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from federation.rules.models import RuleValue
from federation.rules.registry import BOOL, DECIMAL, INT, rule_get


class RuleMissingError(LookupError):
    """No row of a declared rule is in force on that date: a loud failure, never a guess."""


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
        raise RuleMissingError(f"no value of rule {key!r} is in force on {on}")
    return row


def rule_value(key: str, *, on: dt.date | None = None) -> Any:
    """The value of ``key`` in force on ``on`` (today by default), typed by its kind."""
    rule = rule_get(key)
    return _typed(rule.kind, rule_row(key, on=on).value)


def rule_history(key: str) -> QuerySet[RuleValue]:
    return RuleValue.objects.filter(key=key).order_by("-effective_from")
