"""What rules exist: each app declares its rules (key, default, kind, label, source) in
its ``AppConfig.ready()``; the defaults become the first dated rows after ``migrate``.

    rule_declare("congress.quorum", "0.6667", kind=DECIMAL, label=_("..."),
                 source="工会法 / 职代会条例")

Kinds: ``int``, ``decimal`` (stored as a string), ``bool``, ``str``, ``json`` (lists and
dicts: bands, tables of kinds).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

INT, DECIMAL, BOOL, STR, JSON = "int", "decimal", "bool", "str", "json"
KINDS = (INT, DECIMAL, BOOL, STR, JSON)
DEFAULT_SINCE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Rule:
    key: str
    default: Any
    kind: str
    label: Any
    source: str = ""
    since: dt.date = DEFAULT_SINCE


_RULES: dict[str, Rule] = {}


def rule_declare(
    key: str,
    default: Any,
    *,
    kind: str,
    label: Any,
    source: str = "",
    since: dt.date = DEFAULT_SINCE,
) -> Rule:
    if kind not in KINDS:
        raise ValueError(f"unknown rule kind {kind!r}")
    rule = Rule(key, default, kind, label, source, since)
    _RULES[key] = rule
    return rule


def rule_get(key: str) -> Rule:
    try:
        return _RULES[key]
    except KeyError:
        raise LookupError(f"rule {key!r} is not declared") from None


def rules_declared() -> list[Rule]:
    return [_RULES[k] for k in sorted(_RULES)]
