"""Template helpers every page may use (loaded by the shared ``_errors.html`` and the base
template): error rows with the field named in the reader's language, grouped numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.actors import SYSTEM

register = template.Library()

_ROW = re.compile(r"^(?P<name>[\w.]+)\[(?P<i>\d+)\]$")
_GENERAL = {"__all__", "non_field_errors", ""}


def _label(key: str, labels: Mapping[str, Any]) -> str:
    if key in labels:
        return str(labels[key])
    m = _ROW.match(key)
    if m and m.group("name") in labels:
        return f"{labels[m.group('name')]} {int(m.group('i')) + 1}"
    return key


@register.filter
def error_rows(errors: Any, labels: Any = None) -> list[tuple[str, list[str]]]:
    """``{field: [msgs]}`` or ``[(field, [msgs])]`` -> ``[(label or "", [msgs])]``; general
    errors have no label. ``labels`` maps field keys to the names the page shows."""
    if not errors:
        return []
    pairs: Iterable[tuple[str, Any]] = (
        errors.items() if isinstance(errors, Mapping) else list(errors)
    )
    names = labels if isinstance(labels, Mapping) else {}
    rows = []
    for key, msgs in pairs:
        key = str(key)
        text = [str(m) for m in msgs] if isinstance(msgs, list | tuple) else [str(msgs)]
        rows.append(("" if key in _GENERAL else _label(key, names), text))
    return rows


@register.filter
def grouped(value: Any, places: int | str = 2) -> str:
    """1234567.5 -> "1,234,567.50" (thousands separators; ``places`` decimals)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{number:,.{int(places)}f}"


@register.simple_tag(takes_context=True)
def page_errors(context: Any) -> list[tuple[str, list[str]]]:
    """The page's ``errors`` as rows, named with its ``error_labels`` when it has them;
    ``errors_unlabelled`` (a page whose messages name their field) shows messages only."""
    rows = error_rows(context.get("errors"), context.get("error_labels"))
    if context.get("errors_unlabelled"):
        return [("", msgs) for _label, msgs in rows]
    return rows


@register.filter
def actor(value: Any) -> str:
    """A stored actor label as the reader sees it: a periodic job's ``system`` in the
    reader's language (系统), a username as it is."""
    if value is None:
        return ""
    return _("System") if value == SYSTEM else str(value)


@register.filter
def holds(user: Any, roles: str) -> bool:
    """``user|holds:"women_workers,vice_chair"``: whether a menu may offer a page guarded by
    those roles (the side's top role passes, as in the page's own check)."""
    return has_role(user, *[r.strip() for r in roles.split(",") if r.strip()])
