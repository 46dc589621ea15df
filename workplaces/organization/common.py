"""Small helpers shared by the organization and congress services: the union of the
current schema, rule shares, month arithmetic, facts refreshed after commit."""

from __future__ import annotations

import calendar
import datetime as dt
from fractions import Fraction

from federation.platform.errors import field_error as field_error
from federation.rules.selectors import rule_value
from tenants.context import connection_tenant, current_schema
from tenants.facts import facts_refresh_on_commit as facts_refresh_on_commit
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
