import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone

from federation.platform.actors import Actor, actor_id, actor_label
from federation.platform.audit.models import AuditEvent, AuditKind


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, as JSON-able data."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: jsonable(getattr(obj, name)) for name in names}


def audit_record(
    *,
    actor: Actor,
    kind: AuditKind | str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    before: dict | None = None,
    after: dict | None = None,
    union_slug: str = "",
    note: str = "",
) -> AuditEvent:
    """Append an audit event in the current schema (call inside the change's transaction)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    return AuditEvent.objects.create(
        actor_id=actor_id(actor),
        actor_name=actor_label(actor),
        kind=str(kind),
        object_type=object_type,
        object_id=str(object_id),
        union_slug=union_slug,
        before=jsonable(before),
        after=jsonable(after),
        note=note[:500],
    )


def audit_record_many(
    *,
    actor: Actor,
    kind: AuditKind | str,
    rows: list[dict[str, Any]],
    union_slug: str = "",
) -> int:
    """Append one audit event per row in one statement (bulk writes: a dues cycle, overdue
    marking, a member import). Each row: ``object_type``, ``object_id``, optional
    ``before``, ``after``, ``note``, ``union_slug``."""
    name, uid = actor_label(actor), actor_id(actor)
    events = [
        AuditEvent(
            actor_id=uid,
            actor_name=name,
            kind=str(kind),
            object_type=row["object_type"],
            object_id=str(row["object_id"]),
            union_slug=row.get("union_slug", union_slug),
            before=jsonable(row.get("before")),
            after=jsonable(row.get("after")),
            note=str(row.get("note", ""))[:500],
        )
        for row in rows
    ]
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    return len(events)


def audit_record_query(
    *,
    actor: Actor,
    kind: AuditKind | str,
    query: str,
    params: list[Any] | tuple[Any, ...] = (),
    union_slug: str = "",
    note: str = "",
    ctes: str = "",
    cte_params: list[Any] | tuple[Any, ...] = (),
) -> int:
    """Append one audit event per row of ``query`` in one ``INSERT ... SELECT``, for bulk
    writes whose rows never come back to Python (a member import of 100,000 rows).

    ``query`` yields the columns ``object_type``, ``object_id``, ``before`` and ``after``
    (``jsonb`` or NULL, as ``jsonable`` would have written them). ``ctes`` (with
    ``cte_params``) goes before the insert as its ``WITH`` list, so the change itself can be
    a data-modifying ``name AS (INSERT ... RETURNING ...)`` that ``query`` reads: the change
    and its audit in one statement. Returns the rows added."""
    table = AuditEvent._meta.db_table
    with connection.cursor() as cur:
        insert = (
            f'INSERT INTO "{table}" '  # noqa: S608 - the table name is ours, values are parameters
            "(at, actor_id, actor_name, kind, object_type, object_id, union_slug, before, after, "
            "note) SELECT %s, %s, %s, %s, q.object_type, q.object_id::text, %s, q.before, "
            f"q.after, %s FROM ({query}) AS q"
        )
        cur.execute(
            (f"WITH {ctes} " if ctes else "") + insert,
            [
                *cte_params,
                timezone.now(),
                actor_id(actor),
                actor_label(actor),
                str(kind),
                union_slug,
                note[:500],
                *params,
            ],
        )
        return cur.rowcount
