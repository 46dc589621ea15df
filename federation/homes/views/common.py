"""What the staff-home pages share: field labels in the reader's language, and turning
errors (from the typed inputs or the services) into messages and per-box marks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIELD_LABELS: dict[str, Any] = {
    "approval_rate": _("Members' approval rate"),
    "code": _("Criterion"),
    "comment": _("Comment"),
    "deadline": _("Deadline"),
    "decision": _("Decision"),
    "evidence": _("Evidence"),
    "file": _("File"),
    "items": _("Scores"),
    "kind": _("Kind"),
    "reason": _("Reason for withdrawal"),
    "round": _("Round"),
    "scheme": _("Scheme"),
    "score": _("Score"),
    "self_score": _("Self score"),
    "status": _("Status"),
    "survey_note": _("How the survey was done"),
    "title": _("Round name"),
    "union": _("Union"),
    "unions": _("Unions"),
}

Marks = dict[str, dict[str, str]]  # {criterion code: {field: message}}
Messages = list[tuple[str, list[str]]]  # [(field label, messages)]


def label(field: str, labels: Mapping[str, Any] | None = None) -> str:
    if field in ("__all__", "non_field_errors"):
        return ""
    return str((labels or FIELD_LABELS).get(field, FIELD_LABELS.get(field, field)))


def _flat(value: Any) -> list[str]:
    if isinstance(value, Mapping):
        return [m for v in value.values() for m in _flat(v)]
    if isinstance(value, list | tuple):
        return [m for v in value for m in _flat(v)]
    return [str(value)]


def input_errors(
    errors: Mapping[str, Any], *, codes: Sequence[str] = (), labels: Mapping[str, Any] | None = None
) -> tuple[Messages, Marks]:
    """A typed input's errors: ``items`` (a list aligned with ``codes``) become marks on each
    criterion's box and a message naming the criterion and the field; the rest, by label."""
    messages: Messages = []
    marks: Marks = {}
    for field, value in errors.items():
        if field == "items" and isinstance(value, Mapping):
            # DRF: {index: {field: [messages]}} for the items that are wrong
            lines = []
            for index, item_errors in value.items():
                n = int(index)
                code = codes[n] if n < len(codes) else str(n + 1)
                for item_field, msgs in item_errors.items():
                    text = " ".join(_flat(msgs))
                    marks.setdefault(code, {})[item_field] = text
                    lines.append(f"{code} {label(item_field)}：{text}")
            messages.append((label(field, labels), lines))
        else:
            messages.append((label(field, labels), _flat(value)))
    return messages, marks


def service_errors(
    exc: ValidationError, *, labels: Mapping[str, Any] | None = None
) -> tuple[Messages, Marks]:
    """A service's ValidationError: the item errors carry ``params`` naming the criterion
    and the field, so the one box is marked."""
    if not hasattr(exc, "error_dict"):
        return [("", [str(m) for m in exc.messages])], {}
    messages: Messages = []
    marks: Marks = {}
    for field, errors in exc.error_dict.items():
        texts = []
        for error in errors:
            text = " ".join(str(m) for m in error.messages)
            params = error.params or {}
            if field == "items" and isinstance(params, dict) and params.get("criterion"):
                marks.setdefault(str(params["criterion"]), {})[str(params["field"])] = text
            texts.append(text)
        messages.append((label(field, labels), texts))
    return messages, marks
