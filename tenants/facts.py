"""Facts from inside unions that the federation reads: a registry and the push.

A union-side app registers each fact it owns in its ``AppConfig.ready()``::

    facts.register("congress.last_held_on", congress_last_held_on)

``compute`` runs inside the union's schema and returns a JSON-able value. After a write
that changes a fact, the service calls ``facts_refresh(keys=[...])`` (inside the union's
schema); the nightly job recomputes them all (``facts_refresh`` with no keys). Federation
pages read with ``fact_value`` / ``facts_by_key`` (one query for the township).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from tenants.context import connection_tenant, current_schema, federation_side, union_side
from tenants.models import Union, UnionFact

_COMPUTE: dict[str, Callable[[], Any]] = {}


def register(key: str, compute: Callable[[], Any]) -> None:
    _COMPUTE[key] = compute


def keys_registered() -> list[str]:
    return sorted(_COMPUTE)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def fact_push(*, union: Union, key: str, value: Any) -> None:
    """Upsert one fact row (idempotent by the (union, key) constraint)."""
    UnionFact.objects.update_or_create(
        union_id=union.pk, key=key, defaults={"value": _jsonable(value)}
    )


@union_side
def facts_refresh(*, keys: Iterable[str] | None = None) -> dict[str, Any]:
    """Recompute the named facts (all when ``keys`` is None) in the current union's schema
    and push them to the public rows."""
    union = connection_tenant()
    if not isinstance(union, Union):  # schema_context() sets a stand-in without a pk
        union = Union.objects.get(schema_name=current_schema())
    wanted = list(keys) if keys is not None else keys_registered()
    values = {key: _COMPUTE[key]() for key in wanted}
    with transaction.atomic():
        for key, value in values.items():
            fact_push(union=union, key=key, value=value)
    return values


def fact_value(*, union: Union, key: str, default: Any = None) -> Any:
    row = UnionFact.objects.filter(union_id=union.pk, key=key).values_list("value", flat=True)
    found = list(row[:1])
    return found[0] if found else default


def fact_exists(*, union: Union, key: str) -> bool:
    return UnionFact.objects.filter(union_id=union.pk, key=key).exists()


@federation_side
def facts_by_key(key: str) -> dict[int, Any]:
    """``{union_id: value}`` for every union that has the fact: one query."""
    return dict(UnionFact.objects.filter(key=key).values_list("union_id", "value"))


def facts_refresh_on_commit(keys: Iterable[str]) -> None:
    """After the transaction commits, recompute these facts in THIS union's schema (the
    callback may run when the connection has moved on, e.g. at the end of a demo seed or
    a federation action that entered the union's schema)."""
    from django_tenants.utils import schema_context

    schema = current_schema()
    wanted = list(keys)

    def run() -> None:
        with schema_context(schema):
            facts_refresh(keys=wanted)

    transaction.on_commit(run)
