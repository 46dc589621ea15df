"""Small helpers for the Django forms of the union-life pages."""

from typing import Any

from django import forms


def field_set(form: forms.BaseForm, name: str, attr: str, value: Any) -> None:
    """Set a field's choices or queryset at run time (the rule table may change them)."""
    setattr(form.fields[name], attr, value)
