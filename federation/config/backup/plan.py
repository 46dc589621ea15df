"""What a backup dumps and checksums, in batches within the server's lock budget: the
relations of every schema, the union schemas, the dump files in restore order and the
checksum transactions (see the package docstring for why batches)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

FORMAT = 2
BASE_FILE = "base.dump"
OLD_FILE = "database.dump"  # format 1: the whole database in one file
# django-tenants' tenant table (TENANT_MODEL tenants.Union): its schemas are the batched ones
UNION_SCHEMAS_TABLE = "public.tenants_union"
T = TypeVar("T")


def lock_budget(conn) -> int:
    """Relation locks a backup (or a verification) may hold at once: half of the server's
    shared lock table, ``max_locks_per_transaction x (max_connections +
    max_prepared_transactions)`` (PostgreSQL's documented size: 3,200 of 6,400 with the
    defaults); the application keeps the other half."""
    per_transaction, connections, prepared = (
        int(conn.execute(f"SHOW {name}").fetchone()[0])
        for name in ("max_locks_per_transaction", "max_connections", "max_prepared_transactions")
    )
    return max(2, per_transaction * (connections + prepared) // 2)


def budget_split(budget: int) -> tuple[int, int]:
    """(per dump file, per checksum transaction) of a backup's budget: three quarters and a
    quarter. A checksum transaction costs next to nothing to start; every pg_dump first reads
    the whole catalog (seconds at 1,000 unions), so fewer, larger dump files are faster."""
    return max(1, budget * 3 // 4), max(1, budget // 4)


@dataclass(frozen=True)
class Relation:
    """A table, sequence or view of a user schema, with what reading it locks."""

    schema: str
    name: str
    kind: str  # pg_class.relkind: r, p (tables), S (sequence), v, m (views)
    indexes: int
    partitions: int = 0  # a partitioned table: its partitions and their indexes

    @property
    def is_table(self) -> bool:
        return self.kind in ("r", "p")

    @property
    def checksum_locks(self) -> int:
        # a SELECT plans with every index of the table (and of every partition) and locks each
        # to the end of the transaction; detoasting locks the toast table and its index only
        # while it reads them
        return 1 + self.indexes + self.partitions

    @property
    def dump_locks(self) -> int:
        # pg_dump locks every table (LOCK TABLE) and reads every sequence (SELECT); views and
        # materialized views count once each (reading a view's definition locks what it reads)
        return 1


def relations(conn) -> list[Relation]:
    """Every table, sequence and view of every user schema (not pg_catalog, pg_toast,
    information_schema, nor another session's temporary schema, which cannot be read), by
    schema and name."""
    rows = conn.execute(
        "WITH ix AS (SELECT indrelid, count(*) AS n FROM pg_index GROUP BY indrelid) "
        "SELECT n.nspname, c.relname, c.relkind, coalesce(ix.n, 0)::int, "
        "CASE WHEN c.relkind = 'p' THEN (SELECT count(*) + coalesce(sum(pix.n), 0) "
        "FROM pg_partition_tree(c.oid) pt LEFT JOIN ix pix ON pix.indrelid = pt.relid "
        "WHERE pt.level > 0)::int ELSE 0 END "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN ix ON ix.indrelid = c.oid "
        "WHERE c.relkind IN ('r', 'p', 'S', 'v', 'm') "
        r"AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' "
        "ORDER BY n.nspname, c.relname"
    ).fetchall()
    return [Relation(*row) for row in rows]


def user_schemas(conn) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            r"SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\_%' "
            "AND nspname <> 'information_schema' ORDER BY nspname"
        ).fetchall()
    ]


def union_schemas(conn) -> list[str]:
    """The existing schemas of the unions (django-tenants' tenant table), not public."""
    if conn.execute("SELECT to_regclass(%s)", [UNION_SCHEMAS_TABLE]).fetchone()[0] is None:
        return []
    return [
        row[0]
        for row in conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname <> 'public' "  # noqa: S608
            f"AND nspname IN (SELECT schema_name FROM {UNION_SCHEMAS_TABLE}) ORDER BY nspname"
        ).fetchall()
    ]


def batched(items: Iterable[tuple[T, int]], budget: int) -> list[list[T]]:
    """Consecutive groups whose costs add up to at most ``budget``; an item that costs more
    than the budget on its own is a group of one."""
    groups: list[list[T]] = []
    current: list[T] = []
    spent = 0
    for item, cost in items:
        if current and spent + cost > budget:
            groups.append(current)
            current, spent = [], 0
        current.append(item)
        spent += cost
    if current:
        groups.append(current)
    return groups


def schema_pattern(schema: str) -> str:
    """A ``pg_dump -n/-N`` pattern that matches exactly this schema: inside double quotes
    pg_dump takes every character literally (``*``, ``?``, ``.`` and regular-expression
    characters are escaped, case is kept); a double quote is doubled."""
    return '"' + schema.replace('"', '""') + '"'


def _checksum_batch(
    conn,
    tables: list[Relation],
    *,
    snapshot: str | None,
    inside_batch: Callable[[Any, list[Relation]], None] | None,
) -> dict[str, dict[str, Any]]:
    from psycopg import sql

    result: dict[str, dict[str, Any]] = {}
    # its own transaction, rolled back: the locks it took are released before the next batch
    with conn.transaction(force_rollback=True):
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        if snapshot:
            conn.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(snapshot)))
        for t in tables:
            ident = sql.Identifier(t.schema, t.name)
            rows, digest = conn.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), '')) "
                    "FROM (SELECT md5(t::text) AS h FROM {} t) s"
                ).format(ident)
            ).fetchone()
            result[f"{t.schema}.{t.name}"] = {"rows": rows, "md5": digest}
        if inside_batch is not None:
            inside_batch(conn, tables)
    return result


def checksum_batches(tables: Iterable[Relation], budget: int) -> list[list[Relation]]:
    return batched(((t, t.checksum_locks) for t in tables if t.is_table), budget)


def table_checksums(
    conn,
    *,
    budget: int | None = None,
    snapshot: str | None = None,
    inside_batch: Callable[[Any, list[Relation]], None] | None = None,
) -> dict[str, dict[str, Any]]:
    """``{"schema.table": {"rows": n, "md5": ...}}`` for every table of every schema: the
    md5 of the sorted md5s of its rows, so the order rows come back in does not matter.

    Tables are read in batches, each in its own short transaction that locks at most
    ``budget`` relations (``lock_budget`` when not given) and reads ``snapshot`` when given;
    ``conn`` must not be inside a transaction (autocommit, or idle). ``inside_batch(conn,
    tables)`` runs at the end of each batch, before its locks are released."""
    budget = budget or lock_budget(conn)
    listed = relations(conn)
    if not conn.autocommit:
        conn.rollback()  # the listing's transaction (catalog reads only) ends before the batches
    result: dict[str, dict[str, Any]] = {}
    for batch in checksum_batches(listed, budget):
        result.update(_checksum_batch(conn, batch, snapshot=snapshot, inside_batch=inside_batch))
    return result


@dataclass(frozen=True)
class Dump:
    """One dump file: the base (everything but the ``excluded`` union schemas; ``schemas``
    names what that leaves) or a batch of union ``schemas``. ``locks``: what it takes."""

    file: str
    schemas: list[str]
    locks: int
    excluded: list[str] | None = None

    def selection(self) -> list[str]:
        """pg_dump's arguments: a dump with only exclusions is a whole-database dump (so
        extensions and large objects come along); ``--strict-names`` makes a batch whose
        schema is missing fail instead of dumping less."""
        if self.excluded is not None:
            return [f"--exclude-schema={schema_pattern(s)}" for s in self.excluded]
        return ["--strict-names", *(f"--schema={schema_pattern(s)}" for s in self.schemas)]


def dump_plan(conn, budget: int, rels: list[Relation] | None = None) -> list[Dump]:
    """The dump files in restore order: everything but the union schemas first (a full dump
    less the unions, so extensions, large objects and the public schema come as in a whole
    dump), then the union schemas in batches of at most ``budget`` locks (a union schema
    costs more than the budget on its own only on a server with a tiny lock table: it is
    then a batch of one)."""
    rels = relations(conn) if rels is None else rels
    unions = union_schemas(conn)
    cost: dict[str, int] = dict.fromkeys(user_schemas(conn), 0)
    for r in rels:
        cost[r.schema] = cost.get(r.schema, 0) + r.dump_locks
    in_unions = set(unions)
    base_schemas = [s for s in cost if s not in in_unions]
    plan = [Dump(BASE_FILE, base_schemas, sum(cost[s] for s in base_schemas), excluded=unions)]
    for i, group in enumerate(batched(((s, cost.get(s, 0)) for s in unions), budget), 1):
        plan.append(Dump(f"unions-{i:04d}.dump", group, sum(cost.get(s, 0) for s in group)))
    return plan
