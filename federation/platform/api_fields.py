"""Dates and times at the API's door: DRF's fields, bounded to the years a union's records
can hold.

DRF accepts years 1 to 9999. Before 1901 a zone such as Asia/Shanghai has a local mean time
offset (+08:05:43) that RFC 3339 cannot write, so a time typed in year 702 came back as text
no client parses (schemathesis, 2026-12-07); near 9999 a term or deadline computed from the
date overflows. The bounds are technical, not local policy (no rule row): the years a
living union's records carry, with room on both sides. Every input serializer uses these
(``tests/test_architecture.py`` keeps DRF's own out of our serializers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.request import Request

from federation.platform.errors import field_error

EARLIEST = dt.date(1901, 1, 1)
LATEST = dt.date(2199, 12, 31)
RANGE_MESSAGE = _("Enter a date from 1901-01-01 to 2199-12-31.")
YEAR_MESSAGE = _("Give a year from 1901 to 2199, such as 2026.")


class DateField(serializers.DateField):
    default_error_messages = {"date_range": RANGE_MESSAGE}

    def to_internal_value(self, value: Any) -> dt.date:
        day = super().to_internal_value(value)
        if not EARLIEST <= day <= LATEST:
            self.fail("date_range")
        return day


class DateTimeField(serializers.DateTimeField):
    default_error_messages = {"date_range": RANGE_MESSAGE}

    def to_internal_value(self, value: Any) -> dt.datetime:
        moment = super().to_internal_value(value)
        day = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
        if not EARLIEST <= day <= LATEST:
            self.fail("date_range")
        return moment


def year_query(request: Request, name: str = "year") -> int | None:
    """A list's ``?year=`` filter: None when absent, else a year of the same range (a 400
    naming it otherwise: a year past 9999 made the ``__year`` lookup overflow, a 500)."""
    raw = request.query_params.get(name, "")
    if raw == "":
        return None
    if not (raw.isdecimal() and len(raw) == 4 and EARLIEST.year <= int(raw) <= LATEST.year):
        raise field_error(name, str(YEAR_MESSAGE), "year")
    return int(raw)
