"""Dates and times typed into the pages' forms, bounded like the API's
(``federation.platform.api_fields``: years 1901 to 2199)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from federation.platform.api_fields import EARLIEST, LATEST, RANGE_MESSAGE


def date_in_range(value: Any) -> None:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(RANGE_MESSAGE, code="date_range")


class DateField(forms.DateField):
    default_validators = [date_in_range]


class DateTimeField(forms.DateTimeField):
    default_validators = [date_in_range]


def posted_pk(data: Any, name: str) -> int:
    """The record a page's button names (``<button name="news" value="12">``): a primary key
    or a 404, never a 500 for what a client typed in its place."""
    raw = str(data.get(name) or "")
    if not raw.isascii() or not raw.isdecimal() or len(raw) > 18:
        raise Http404
    return int(raw)
