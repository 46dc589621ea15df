"""Field values and cross-field rules of a report form (pure functions, no database).

A rule is JSON kept on the form:
  {"kind": "lte", "left": "women", "right": "members"}        women ≤ members
  {"kind": "gte" | "lt" | "gt" | "eq", "left": key, "right": key or number}
  {"kind": "sum", "parts": ["a", "b"], "total": "t"}           a + b = t
A rule is checked only when all of its fields have a value; a missing required value
is reported by the required check, not by the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
PERIOD_RE = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?$")
COMPARISONS = {"lte": "≤", "gte": "≥", "lt": "<", "gt": ">", "eq": "="}
MAX_INTEGER = 10**12
MAX_TEXT = 2000


def period_validate(value: Any, *, field: str = "period") -> str:
    """YYYY, YYYY-Qn, YYYY-Hn or YYYY-MM (API.md conventions)."""
    text = str(value or "").strip().upper()
    m = PERIOD_RE.match(text)
    ok = m is not None and 2000 <= int(m.group(1)) <= 2100
    if ok and m is not None and m.group(2) and m.group(2)[0].isdecimal():
        ok = 1 <= int(m.group(2)) <= 12
    if not ok:
        raise ValidationError({field: [_("Give a period as YYYY, YYYY-Qn, YYYY-Hn or YYYY-MM.")]})
    return text


def value_clean(field, raw: Any) -> Any:
    """The stored form of one value (int, "12.50", text, "YYYY-MM-DD", a choice) or None.

    Raises ValidationError(message) when ``raw`` does not fit the field's type.
    """
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    kind = field.type
    if kind == "integer":
        if isinstance(raw, bool | float):
            raise ValidationError(_("Enter a whole number."))
        try:
            number = int(str(raw).strip())
        except ValueError:
            raise ValidationError(_("Enter a whole number.")) from None
        if number < 0 or number > MAX_INTEGER:
            raise ValidationError(_("Enter a whole number from 0 upwards."))
        return number
    if kind == "decimal":
        if isinstance(raw, bool):
            raise ValidationError(_("Enter a number with at most two decimals."))
        try:
            amount = Decimal(str(raw).strip())
        except InvalidOperation:
            raise ValidationError(_("Enter a number with at most two decimals.")) from None
        exponent = amount.as_tuple().exponent
        if (
            not amount.is_finite()
            or (isinstance(exponent, int) and exponent < -2)
            or abs(amount) >= MAX_INTEGER
        ):
            raise ValidationError(_("Enter a number with at most two decimals."))
        return f"{amount.quantize(Decimal('0.01'))}"
    if kind == "date":
        try:
            return dt.date.fromisoformat(str(raw).strip()).isoformat()
        except ValueError:
            raise ValidationError(_("Enter a date as YYYY-MM-DD.")) from None
    if kind == "choice":
        text = str(raw).strip()
        if text not in (field.choices or []):
            raise ValidationError(
                _("Choose one of: %s.") % "、".join(str(c) for c in field.choices or [])
            )
        return text
    if not isinstance(raw, str | int):
        raise ValidationError(_("Enter text."))
    text = str(raw).strip()
    if len(text) > MAX_TEXT:
        raise ValidationError(_("At most %d characters.") % MAX_TEXT)
    return text


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _operand(ref: Any, values: dict) -> Decimal | None:
    if isinstance(ref, str):
        return _number(values.get(ref))
    return _number(ref)


def rules_check(rules: list[dict], values: dict, labels: dict[str, str]) -> dict[str, list[str]]:
    """Errors by field key for the rules ``values`` break (empty when all hold)."""
    errors: dict[str, list[str]] = {}

    def name(ref: Any) -> str:
        return labels.get(ref, str(ref)) if isinstance(ref, str) else str(ref)

    for rule in rules:
        kind = rule.get("kind")
        if kind in COMPARISONS:
            left, right = _operand(rule["left"], values), _operand(rule["right"], values)
            if left is None or right is None:
                continue
            holds = {
                "lte": left <= right,
                "gte": left >= right,
                "lt": left < right,
                "gt": left > right,
                "eq": left == right,
            }[kind]
            if not holds:
                errors.setdefault(rule["left"], []).append(
                    _("%(left)s must be %(op)s %(right)s.")
                    % {
                        "left": name(rule["left"]),
                        "op": COMPARISONS[kind],
                        "right": name(rule["right"]),
                    }
                )
        elif kind == "sum":
            parts = [_operand(p, values) for p in rule["parts"]]
            total = _operand(rule["total"], values)
            known = [p for p in parts if p is not None]
            if total is None or len(known) != len(parts):
                continue
            if sum(known, Decimal(0)) != total:
                errors.setdefault(rule["total"], []).append(
                    _("%(total)s must equal %(parts)s.")
                    % {
                        "total": name(rule["total"]),
                        "parts": " + ".join(name(p) for p in rule["parts"]),
                    }
                )
    return errors


def rules_validate(rules: Any, numeric_keys: set[str]) -> list[dict]:
    """Check rule JSON against the form's numeric fields; returns the normalised rules."""
    if rules in (None, ""):
        return []
    if not isinstance(rules, list):
        raise ValidationError({"rules": [_("Send a list of rules.")]})
    out, problems = [], []
    for i, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict):
            problems.append(_("Rule %d is not an object.") % i)
            continue
        kind = rule.get("kind")
        if kind in COMPARISONS:
            refs = [rule.get("left"), rule.get("right")]
            bad = [r for r in refs if not _ref_ok(r, numeric_keys)]
            if not isinstance(rule.get("left"), str):
                bad.append(rule.get("left"))
            if bad:
                problems.append(
                    _("Rule %(n)d names unknown or non-numeric fields: %(keys)s.")
                    % {"n": i, "keys": ", ".join(str(b) for b in bad)}
                )
                continue
            out.append({"kind": kind, "left": rule["left"], "right": rule["right"]})
        elif kind == "sum":
            parts, total = rule.get("parts"), rule.get("total")
            if not isinstance(parts, list) or not parts or not isinstance(total, str):
                problems.append(_("Rule %d: a sum needs a list of parts and a total.") % i)
                continue
            bad = [r for r in [*parts, total] if not (isinstance(r, str) and r in numeric_keys)]
            if bad:
                problems.append(
                    _("Rule %(n)d names unknown or non-numeric fields: %(keys)s.")
                    % {"n": i, "keys": ", ".join(str(b) for b in bad)}
                )
                continue
            out.append({"kind": "sum", "parts": list(parts), "total": total})
        else:
            problems.append(
                _("Rule %(n)d: unknown kind %(kind)s (use lte, gte, lt, gt, eq or sum).")
                % {"n": i, "kind": kind}
            )
    if problems:
        raise ValidationError({"rules": problems})
    return out


def _ref_ok(ref: Any, numeric_keys: set[str]) -> bool:
    if isinstance(ref, str):
        return ref in numeric_keys
    return _number(ref) is not None


_TEXT_CMP = re.compile(
    r"^\s*([a-z][a-z0-9_]*)\s*(<=|>=|<|>|=|==|≤|≥)\s*([a-z][a-z0-9_]*|-?\d+(?:\.\d+)?)\s*$"
)
_TEXT_SUM = re.compile(
    r"^\s*([a-z][a-z0-9_]*(?:\s*\+\s*[a-z][a-z0-9_]*)+)\s*=\s*([a-z][a-z0-9_]*)\s*$"
)
_OPS = {
    "<=": "lte",
    "≤": "lte",
    ">=": "gte",
    "≥": "gte",
    "<": "lt",
    ">": "gt",
    "=": "eq",
    "==": "eq",
}


def rules_parse_text(text: str) -> list[dict]:
    """The form builder's notation, one rule a line: ``women <= members``, ``a + b = total``."""
    rules, problems = [], []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        m = _TEXT_SUM.match(line)
        if m:
            rules.append(
                {
                    "kind": "sum",
                    "parts": [p.strip() for p in m.group(1).split("+")],
                    "total": m.group(2),
                }
            )
            continue
        m = _TEXT_CMP.match(line)
        if m:
            right: Any = m.group(3)
            if not KEY_RE.match(right):
                right = int(right) if re.fullmatch(r"-?\d+", right) else float(right)
            rules.append({"kind": _OPS[m.group(2)], "left": m.group(1), "right": right})
            continue
        problems.append(_("Line %(n)d is not a rule: %(line)s") % {"n": n, "line": line.strip()})
    if problems:
        raise ValidationError({"rules": problems})
    return rules


def rule_text(rule: dict) -> str:
    if rule.get("kind") == "sum":
        return f"{' + '.join(rule['parts'])} = {rule['total']}"
    op = {"lte": "<=", "gte": ">=", "lt": "<", "gt": ">", "eq": "="}.get(str(rule.get("kind")), "?")
    return f"{rule.get('left')} {op} {rule.get('right')}"
