"""Small helpers shared by the organization and congress services: the union of the
current schema, rule shares, month arithmetic, facts refreshed after commit."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django_tenants.utils import schema_context

from federation.rules.selectors import rule_value
from tenants.context import connection_tenant, current_schema
from tenants.models import Union
from workplaces.organization.thresholds import share_parse


def this_union() -> Union:
    """The union whose schema the connection is on (a real row, also under schema_context)."""
    tenant = connection_tenant()
    if isinstance(tenant, Union):
        return tenant
    return Union.objects.get(schema_name=current_schema())


def rule_share(key: str, *, on: dt.date | None = None) -> Fraction:
    return share_parse(rule_value(key, on=on))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` (negative goes back); the 31st becomes the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


def facts_refresh_on_commit(keys: Iterable[str]) -> None:
    """After the transaction commits, recompute these facts in THIS schema (the callback
    may run when the connection has moved to another schema, so it names it)."""
    schema = current_schema()
    wanted = list(keys)

    def run() -> None:
        from tenants.facts import facts_refresh

        with schema_context(schema):
            facts_refresh(keys=wanted)

    transaction.on_commit(run)


def field_error(field: str, message: str, *, code: str) -> ValidationError:
    """A 400 naming ``field`` whose message carries ``code`` (clients and tests match codes)."""
    return ValidationError({field: [ValidationError(message, code=code)]})
