"""Small helpers both rights and welfare services use: the audit row bound to the current
union's schema, the union row, field errors (the fact push after commit is
``tenants.facts.facts_refresh_on_commit``)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from federation.platform.actors import Actor
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import field_error
from tenants.context import connection_tenant, current_schema
from tenants.models import Union

# a 400 naming one field, with its code (the platform's helper, under this app's name)
invalid = field_error


def union_slug() -> str:
    return str(getattr(connection_tenant(), "slug", "") or "")


def audited(
    *,
    actor: Actor,
    kind: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """One audit row in the union's schema, in the caller's transaction."""
    audit_record(
        actor=actor,
        kind=kind,
        obj=obj,
        before=_files_named(before),
        after=_files_named(after if after is not None else snapshot(obj)),
        union_slug=union_slug(),
        note=note,
    )


def _files_named(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """A snapshot with uploaded files as their stored names (JSON-able)."""
    if data is None:
        return None
    return {k: (v.name or "") if isinstance(v, FieldFile) else v for k, v in data.items()}


def union_row() -> Union:
    """The public Union row of the current schema (a stand-in tenant has no pk)."""
    tenant = connection_tenant()
    if isinstance(tenant, Union):
        return tenant
    return Union.objects.get(schema_name=current_schema())
