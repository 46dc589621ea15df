"""Migrating every union schema fast: plan once against the template, apply everywhere.

Django's executor re-plans per schema (loading the graph and reading the migration table
costs about half a second per schema per process), so 1,000 unions took 274 s for a
migration whose SQL runs in milliseconds. Here the pending migrations' SQL is computed
ONCE against the template schema (as ``sqlmigrate`` does), the template is migrated by
Django's own executor, and the same SQL is replayed in every union schema that stood
where the template stood: each schema in its own transaction with its
``django_migrations`` rows written in that transaction, over a few connections.

What cannot be written as SQL goes the normal way: from the first migration holding a
``RunPython`` or ``RunSQL`` that would run in a union schema and is not marked
schema-independent (``hints={"schema_independent": True}``), the rest of the plan is
applied per schema by django-tenants' executor. So are schemas that did not stand where
the template stood (a failed earlier run, a hand-made schema). A schema whose SQL fails
is rolled back, named in the report, and leaves the others as they are; running again
retries it and is a no-op for the rest.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connection, router
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.migration import Migration
from django.db.migrations.operations import RunPython, RunSQL
from django_tenants.utils import get_public_schema_name, schema_exists

Key = tuple[str, str]


@dataclass
class FastPlan:
    """What the template lacked before it was migrated, and how to bring a schema there."""

    applied_before: frozenset[Key]
    fast: list[Key] = field(default_factory=list)  # applied by replaying ``sql``
    sql: list[str] = field(default_factory=list)
    slow: list[Key] = field(default_factory=list)  # the rest, by the normal executor

    @property
    def pending(self) -> list[Key]:
        return self.fast + self.slow


@dataclass
class FastReport:
    schemas_fast: list[str] = field(default_factory=list)
    schemas_normal: list[str] = field(default_factory=list)
    schemas_current: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def _runs_in_union_schema(migration: Migration, op: object) -> bool:
    """A RunPython/RunSQL the tenant router lets run in a union schema, not marked
    schema-independent (a shared app's data migration is skipped there anyway)."""
    if not isinstance(op, RunPython | RunSQL):
        return False
    hints = getattr(op, "hints", {}) or {}
    if hints.get("schema_independent"):
        return False
    return router.allow_migrate(connection.alias, migration.app_label, **hints) is not False


def _statement_has_sql(statement: str) -> bool:
    return any(
        line.strip() and not line.strip().startswith("--") for line in statement.splitlines()
    )


def plan_sql(
    executor: MigrationExecutor, *, applied: frozenset[Key], plan: list[tuple[Migration, bool]]
) -> list[str]:
    """The SQL of ``plan`` (forwards), from the state of every applied migration.

    Not Django's ``loader.collect_sql``: that starts from the state before the plan's FIRST
    migration, which is right for ``sqlmigrate``'s one migration but lacks every other
    app's models when several apps have pending migrations (an upgrade bringing new
    migrations in two apps stopped ``migrate_all`` with a KeyError on the second app)."""
    graph = executor.loader.graph
    state = executor.loader.project_state(
        sorted(key for key in applied if key in graph.nodes), at_end=True
    )
    statements: list[str] = []
    for migration, _backwards in plan:
        with executor.connection.schema_editor(
            collect_sql=True, atomic=migration.atomic
        ) as schema_editor:
            state = migration.apply(state, schema_editor, collect_sql=True)
        statements.extend(schema_editor.collected_sql)
    return statements


def plan_prepare() -> FastPlan:
    """Read the template's pending plan and compute the fast part's SQL. Run it BEFORE the
    template is migrated (the SQL is computed from the template's current state)."""
    template = settings.TENANT_BASE_SCHEMA
    if not schema_exists(template):
        return FastPlan(applied_before=frozenset())
    connection.set_schema(template)  # type: ignore[attr-defined]
    try:
        executor = MigrationExecutor(connection)
        applied = frozenset(executor.loader.applied_migrations)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        result = FastPlan(applied_before=applied)
        fast_plan: list[tuple[Migration, bool]] = []
        for migration, backwards in plan:
            key = (migration.app_label, migration.name)
            slow = (
                backwards
                or result.slow
                or any(_runs_in_union_schema(migration, op) for op in migration.operations)
            )
            if slow:
                result.slow.append(key)
            else:
                result.fast.append(key)
                fast_plan.append((migration, backwards))
        if fast_plan:
            statements = plan_sql(executor, applied=applied, plan=fast_plan)
            result.sql = [s for s in statements if _statement_has_sql(s)]
        return result
    finally:
        connection.set_schema_to_public()  # type: ignore[attr-defined]


def _applied_by_schema(schemas: list[str]) -> dict[str, frozenset[Key]]:
    """Every schema's ``django_migrations`` rows, in one query."""
    out: dict[str, set[Key]] = {s: set() for s in schemas}
    if not schemas:
        return {}
    parts = [
        f"SELECT '{s}' AS schema_name, app, name FROM \"{s}\".django_migrations"  # noqa: S608
        for s in schemas  # schema names come from our own Union table
    ]
    with connection.cursor() as cur:
        for start in range(0, len(parts), 500):
            cur.execute(" UNION ALL ".join(parts[start : start + 500]))
            for schema_name, app, name in cur.fetchall():
                out[schema_name].add((app, name))
    return {s: frozenset(v) for s, v in out.items()}


def _apply_one(conn: psycopg.Connection, schema: str, plan: FastPlan) -> None:
    now = dt.datetime.now(dt.UTC)
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(f'SET LOCAL search_path TO "{schema}", public')
        for statement in plan.sql:
            cur.execute(statement.encode())
        cur.executemany(
            "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
            [(app, name, now) for app, name in plan.fast],
        )


def _apply_batch(schemas: list[str], plan: FastPlan, params: dict) -> dict[str, str]:
    failed: dict[str, str] = {}
    with psycopg.connect(**params, autocommit=True) as conn:
        for schema in schemas:
            try:
                _apply_one(conn, schema, plan)
            except psycopg.Error as exc:
                failed[schema] = str(exc).strip().splitlines()[0][:300]
    return failed


def _connect_params() -> dict:
    params = dict(connection.get_connection_params())
    for key in ("cursor_factory", "context", "prepare_threshold", "server_side_binding"):
        params.pop(key, None)
    return params


def union_schemas() -> list[str]:
    from tenants.models import Union

    public = get_public_schema_name()
    return [
        s
        for s in Union.objects.exclude(schema_name=public)
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
        if schema_exists(s)
    ]


def plan_apply(
    plan: FastPlan,
    *,
    schemas: list[str] | None = None,
    workers: int = 4,
    progress: Callable[[str], None] | None = None,
) -> FastReport:
    """Bring every union schema to the template's migrations: the fast SQL where the schema
    stood where the template stood, the normal executor for the rest. Call it AFTER the
    template was migrated."""
    started = time.monotonic()
    report = FastReport()
    schemas = union_schemas() if schemas is None else schemas
    template = settings.TENANT_BASE_SCHEMA
    applied = _applied_by_schema([template, *schemas])
    target = applied.get(template, frozenset())
    fast, normal = [], []
    for schema in schemas:
        have = applied.get(schema, frozenset())
        if have >= target:
            report.schemas_current += 1
        elif plan.fast and have == plan.applied_before:
            fast.append(schema)
        else:
            normal.append(schema)
    if fast:
        params = _connect_params()
        size = max(1, -(-len(fast) // max(1, workers)))
        batches = [fast[i : i + size] for i in range(0, len(fast), size)]
        with ThreadPoolExecutor(max_workers=len(batches)) as pool:
            for failed in pool.map(lambda b: _apply_batch(b, plan, params), batches):
                report.failed.update(failed)
        report.schemas_fast = [s for s in fast if s not in report.failed]
        if progress:
            progress(f"fast path: {len(report.schemas_fast)} schemas, {len(report.failed)} failed")
        # the slow rest of the plan, for the schemas the fast part just brought forward
        if plan.slow:
            normal.extend(report.schemas_fast)
    for schema in normal:
        try:
            call_command("migrate_schemas", schema_name=schema, interactive=False, verbosity=0)
        except Exception as exc:  # noqa: BLE001 - reported by schema name
            report.failed[schema] = (
                str(exc).strip().splitlines()[0][:300] if str(exc) else repr(exc)
            )
        else:
            if schema not in report.schemas_normal:
                report.schemas_normal.append(schema)
        finally:
            connection.set_schema_to_public()  # type: ignore[attr-defined]
    report.seconds = time.monotonic() - started
    return report
