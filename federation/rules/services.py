"""Writing the rule table: the defaults after migrate, and a new dated value by the
federation. A change never rewrites history: it adds a row from a date and closes the
row before it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.rules.kinds import RulesAuditKind
from federation.rules.models import RuleValue
from federation.rules.registry import BOOL, DECIMAL, INT, JSON, STR, rule_get, rules_declared
from tenants.context import on_federation_side


def rules_defaults_ensure() -> int:
    """Write the shipped default of every declared rule that has no row yet."""
    created = 0
    for rule in rules_declared():
        if RuleValue.objects.filter(key=rule.key).exists():
            continue
        _, made = RuleValue.objects.get_or_create(
            key=rule.key,
            effective_from=rule.since,
            defaults={"value": _stored(rule.kind, rule.default), "note": rule.source[:300]},
        )
        created += int(made)
    return created


def rules_defaults_ensure_after_migrate(**kwargs: Any) -> None:
    if on_federation_side():
        rules_defaults_ensure()


def _stored(kind: str, value: Any) -> Any:
    if kind == DECIMAL:
        return str(Decimal(str(value)))
    return value


def _parsed(kind: str, raw: Any) -> Any:
    try:
        if kind == INT:
            return int(raw)
        if kind == DECIMAL:
            value = Decimal(str(raw))
            if not value.is_finite() or abs(value) > Decimal("1e12"):
                raise InvalidOperation
            return str(value)
        if kind == BOOL:
            if isinstance(raw, str):
                return raw.strip().lower() in ("1", "true", "yes", "是")
            return bool(raw)
        if kind == STR:
            return str(raw)
        if kind == JSON:
            if isinstance(raw, str):
                import json

                return json.loads(raw)
            return raw
    except (TypeError, ValueError, InvalidOperation) as exc:
        raise ValidationError(
            {"value": _("Not a valid value for this rule.")}, code="invalid"
        ) from exc
    raise ValidationError({"value": _("Not a valid value for this rule.")}, code="invalid")


@transaction.atomic(durable=True)
def rule_change(
    *, key: str, value: Any, effective_from: dt.date, note: str = "", actor: Actor
) -> RuleValue:
    """A new value of ``key`` from ``effective_from``; the row in force before it is
    closed the day before. Audited."""
    try:
        rule = rule_get(key)
    except LookupError:
        raise ValidationError({"key": _("Unknown rule.")}, code="unknown") from None
    stored = _parsed(rule.kind, value)
    before = (
        RuleValue.objects.select_for_update()
        .filter(key=key, effective_from__lt=effective_from)
        .order_by("-effective_from")
        .first()
    )
    if RuleValue.objects.filter(key=key, effective_from=effective_from).exists():
        row = RuleValue.objects.select_for_update().get(key=key, effective_from=effective_from)
        old = row.value
        row.value, row.note, row.updated_by = stored, note, actor_label(actor)
        row.save(update_fields=["value", "note", "updated_by", "updated_at"])
    else:
        old = before.value if before else None
        later = (
            RuleValue.objects.filter(key=key, effective_from__gt=effective_from)
            .order_by("effective_from")
            .first()
        )
        row = RuleValue.objects.create(
            key=key,
            value=stored,
            effective_from=effective_from,
            effective_to=(later.effective_from - dt.timedelta(days=1)) if later else None,
            note=note,
            updated_by=actor_label(actor),
        )
        if before is not None and (
            before.effective_to is None or before.effective_to >= effective_from
        ):
            before.effective_to = effective_from - dt.timedelta(days=1)
            before.save(update_fields=["effective_to", "updated_at"])
    audit_record(
        actor=actor,
        kind=RulesAuditKind.CHANGED,
        obj=row,
        before={"key": key, "value": old},
        after={"key": key, "value": stored, "effective_from": effective_from},
    )
    return row
