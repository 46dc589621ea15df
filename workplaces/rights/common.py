"""Small helpers both rights and welfare services use: the audit row and the fact push
after commit, each bound to the current union's schema."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from federation.platform.actors import Actor
from federation.platform.audit.services import audit_record, snapshot
from tenants.context import connection_tenant, current_schema
from tenants.models import Union


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


def facts_after_commit(keys: Iterable[str]) -> None:
    """Push the named facts once the transaction commits, in this union's schema."""
    wanted = list(keys)
    schema = current_schema()

    def push() -> None:
        from django_tenants.utils import schema_context

        from tenants.facts import facts_refresh

        with schema_context(schema):
            facts_refresh(keys=wanted)

    transaction.on_commit(push)


def invalid(field: str, message: str, *, code: str) -> ValidationError:
    """A 400 naming ``field``, with a code clients and tests can match."""
    return ValidationError({field: ValidationError(message, code=code)})


def union_row() -> Union:
    """The public Union row of the current schema (a stand-in tenant has no pk)."""
    tenant = connection_tenant()
    if isinstance(tenant, Union):
        return tenant
    return Union.objects.get(schema_name=current_schema())
