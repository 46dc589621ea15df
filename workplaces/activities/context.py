"""The union whose schema the connection is on: a real ``Union`` row, also under
``schema_context`` (which sets a stand-in without a primary key)."""

from __future__ import annotations

from django.db import connection

from tenants.models import Union


def union_here() -> Union:
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Union):
        return tenant
    return Union.objects.get(schema_name=getattr(connection, "schema_name", ""))


def slug_here() -> str:
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Union):
        return tenant.slug
    row = Union.objects.filter(schema_name=getattr(connection, "schema_name", "")).values_list(
        "slug", flat=True
    )
    return next(iter(row), "")
