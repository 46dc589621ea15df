"""Report forms and their versions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.reports import rules as R
from federation.reports import sources
from federation.reports.models import FieldType, FormField, ReportForm, ReportsAuditKind
from tenants.context import federation_side


def _field_problems(raw: Mapping[str, Any], seen: set[str]) -> list[str]:
    """What is wrong with one field definition (empty when it is fine)."""
    key = str(raw.get("key") or "").strip()
    label = str(raw.get("label") or "").strip()
    kind = raw.get("type")
    source = str(raw.get("source") or "").strip()
    choices = raw.get("choices") or []
    problems = []
    if not R.KEY_RE.match(key):
        problems.append(
            _("The key must be lowercase letters, digits or _, starting with a letter.")
        )
    elif key in seen:
        problems.append(_("The key %s is used twice.") % key)
    if not label or len(label) > 200:
        problems.append(_("Give a label of at most 200 characters."))
    if kind not in FieldType.values:
        problems.append(_("The type must be one of: %s.") % ", ".join(FieldType.values))
    if source and sources.source_get(source) is None:
        problems.append(_("Unknown prefill source: %s.") % source)
    if not isinstance(raw.get("required", False), bool):
        problems.append(_("required must be true or false."))
    if not isinstance(choices, list) or any(not str(c).strip() for c in choices):
        problems.append(_("Choices must be a list of non-empty texts."))
    elif kind == FieldType.CHOICE and len(choices) < 2:
        problems.append(_("A choice field needs at least two choices."))
    return problems


def _fields_clean(fields: Sequence[Any]) -> list[dict[str, Any]]:
    """The normalised field rows, or a ValidationError keyed ``fields[i]``."""
    if not isinstance(fields, list | tuple) or not fields:
        raise ValidationError({"fields": [_("A form needs at least one field.")]}, code="empty")
    errors: dict[str, list[str]] = {}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, raw in enumerate(fields):
        if not isinstance(raw, Mapping):
            errors[f"fields[{i}]"] = [_("Send each field as an object.")]
            continue
        problems = _field_problems(raw, seen)
        if problems:
            errors[f"fields[{i}]"] = problems
            continue
        key, kind = str(raw["key"]).strip(), raw["type"]
        seen.add(key)
        out.append(
            {
                "key": key,
                "label": str(raw["label"]).strip(),
                "type": kind,
                "required": raw.get("required", False),
                "source": str(raw.get("source") or "").strip(),
                "choices": [str(c).strip() for c in raw.get("choices") or []]
                if kind == FieldType.CHOICE
                else [],
                "order": int(raw.get("order") or i + 1),
            }
        )
    if errors:
        raise ValidationError(errors, code="invalid_field")
    return out


def _head_errors(code: str, title: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not R.KEY_RE.match(code.replace("-", "_")):
        errors["code"] = [_("Use lowercase letters, digits, - or _, starting with a letter.")]
    if not title or len(title) > 200:
        errors["title"] = [_("Give a title of at most 200 characters.")]
    return errors


@federation_side
@transaction.atomic(durable=True)
def form_save(
    *,
    code: str,
    title: str,
    fields: Sequence[Mapping[str, Any]],
    rules: list[dict[str, Any]] | None = None,
    description: str = "",
    actor: Actor = None,
) -> ReportForm:
    """Create a form, or change it. A version that a cycle uses is never changed: the change
    becomes a new version (a new row), and the cycle keeps the version it was issued with."""
    code, title = code.strip(), title.strip()
    errors = _head_errors(code, title)
    clean_fields: list[dict[str, Any]] = []
    try:
        clean_fields = _fields_clean(list(fields))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    numeric = {
        f["key"] for f in clean_fields if f["type"] in (FieldType.INTEGER, FieldType.DECIMAL)
    }
    clean_rules = R.rules_validate(rules, numeric)

    latest = ReportForm.objects.select_for_update().filter(code=code).order_by("-version").first()
    before = None
    if latest is not None and not latest.cycles.exists():
        form = latest
        before = {"title": form.title, "rules": form.rules, "version": form.version}
        form.title, form.rules, form.description = title, clean_rules, description
        form.save(update_fields=["title", "rules", "description"])
        form.fields.all().delete()
    else:
        form = ReportForm.objects.create(
            code=code,
            title=title,
            rules=clean_rules,
            description=description,
            version=(latest.version + 1) if latest else 1,
            created_by=actor_label(actor),
        )
    FormField.objects.bulk_create(FormField(form=form, **f) for f in clean_fields)
    audit_record(
        actor=actor,
        kind=ReportsAuditKind.FORM_SAVED,
        obj=form,
        before=before,
        after={
            "code": code,
            "version": form.version,
            "title": title,
            "fields": [f["key"] for f in clean_fields],
            "rules": clean_rules,
        },
    )
    return form
