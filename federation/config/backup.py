"""Backup and restore of the whole database (every schema) and the media files.

``make backup`` / ``make restore BACKUP=...`` (and ``python -m federation.config.launcher
backup|restore`` on a server, see deploy/README.md) call these. A backup is a directory:

- ``base.dump``: ``pg_dump --format=custom`` of everything but the union schemas (the
  public schema, the template, extensions, ...);
- ``unions-0001.dump``, ``unions-0002.dump``, ...: the union schemas, a batch per file;
- ``media.tar.gz``: the media directory (evidence files, photos, per-union paths);
- ``manifest.json``: when, from which server version, the dump files in restore order,
  and for every table of every schema its row count and a checksum of its rows, so a
  restore can be verified (``verify``).

Why batches: ``pg_dump`` takes an ACCESS SHARE lock on every table it dumps (and reading a
table locks its indexes and toast table too) and holds them to the end of its
transaction, and the server's shared lock table holds only
``max_locks_per_transaction x (max_connections + max_prepared_transactions)`` locks (6,400
by default). One dump of a database with ~100 union schemas (~86 tables, ~82 sequences and
~267 indexes each) runs out of it ("out of shared memory"). So a backup holds at most a
budget of relation locks at any moment (``lock_budget``: half the lock table), split
between the dump file being written and the checksum transaction running beside it; each
pg_dump and each checksum transaction releases its locks when it ends.

Consistency is kept the way ``pg_dump --jobs`` keeps it: one transaction exports a
snapshot (``pg_export_snapshot``) and stays open, holding no table lock, while every batch
of dumps (``pg_dump --snapshot``) and of checksums (``SET TRANSACTION SNAPSHOT``) reads that
same snapshot. What the manifest says is what was dumped. Do not run migrations during a
backup: a table altered after the snapshot but before its batch makes that batch fail.

A backup directory is written as ``gonglian-<stamp>.partial`` and renamed when complete;
a failure removes it. Old backups (one ``database.dump``, manifest format 1) still restore.

The binaries come from pgserver's bundled PostgreSQL, the server's own version directory
or ``PATH`` (``pg_tools``), whichever is at least the server's major version.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import tarfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlparse

FORMAT = 2
BASE_FILE = "base.dump"
OLD_FILE = "database.dump"  # format 1: the whole database in one file
# django-tenants' tenant table (TENANT_MODEL tenants.Union): its schemas are the batched ones
UNION_SCHEMAS_TABLE = "public.tenants_union"
T = TypeVar("T")


class BackupError(RuntimeError):
    """A backup or restore that did not complete; the message names the step and file."""


def _dsn(url: str, dbname: str | None = None) -> dict[str, str]:
    """libpq keywords from a postgres:// URL; the host may be a percent-encoded unix socket
    directory (how the launcher names the embedded server)."""
    u = urlparse(url)
    userinfo, _, hostport = u.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    if hostport.upper().startswith("%2F"):
        host, port = unquote(hostport), "5432"
    else:
        host, _, port = hostport.partition(":")
    params = {
        "host": host or "127.0.0.1",
        "port": port or "5432",
        "user": unquote(user) or "postgres",
        "dbname": dbname or u.path.lstrip("/") or "postgres",
    }
    if password:
        params["password"] = unquote(password)
    return params


def _env(params: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PGHOST=params["host"],
        PGPORT=params["port"],
        PGUSER=params["user"],
        PGDATABASE=params["dbname"],
    )
    if "password" in params:
        env["PGPASSWORD"] = params["password"]
    return env


def _connect(params: dict[str, str], **kwargs: Any):
    import psycopg
    from psycopg.conninfo import make_conninfo

    return psycopg.connect(make_conninfo("", **params), **kwargs)


def pg_tools(params: dict[str, str]) -> tuple[str, str]:
    """(pg_dump, pg_restore) at least as new as the server."""
    with _connect(params) as conn:
        major = int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000
    dirs = [f"/usr/lib/postgresql/{major}/bin"]
    import pgserver  # a dependency: the embedded server ships pg_dump and pg_restore

    dirs.append(str(Path(pgserver.__file__).parent / "pginstall" / "bin"))
    found = shutil.which("pg_dump")
    if found:
        dirs.append(str(Path(found).parent))
    for d in dirs:
        dump, restore = Path(d) / "pg_dump", Path(d) / "pg_restore"
        if dump.exists() and restore.exists() and _major(str(dump)) >= major:
            return str(dump), str(restore)
    raise RuntimeError(f"no pg_dump/pg_restore of PostgreSQL {major} or newer found")


def _major(binary: str) -> int:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout
    m = re.search(r"(\d+)\.\d+", out)
    return int(m.group(1)) if m else 0


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


def _run_pg_dump(
    pg_dump: str, env: dict[str, str], snapshot: str, target: Path, dump: Dump, of: str
) -> None:
    proc = subprocess.run(
        [
            pg_dump,
            "--format=custom",
            "--snapshot",
            snapshot,
            "--file",
            str(target / dump.file),
            *dump.selection(),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if proc.returncode != 0:
        first = ", ".join(dump.schemas[:3]) + (" ..." if len(dump.schemas) > 3 else "")
        raise BackupError(
            f"pg_dump of {dump.file} ({of}, schemas {first}) failed with exit code "
            f"{proc.returncode}: {proc.stderr.strip()[-2000:]}"
        )


def backup(
    *, database_url: str, media_root: Path, out_dir: Path, lock_budget: int | None = None
) -> Path:
    """Write a backup directory under ``out_dir``; returns its path. ``lock_budget`` (the
    relation locks the backup may hold at once, ``budget_split`` between the dump file and
    the checksum transaction beside it) defaults to ``lock_budget()`` of the server. Raises
    ``BackupError`` and leaves nothing behind when any step fails."""
    params = _dsn(database_url)
    pg_dump, _restore = pg_tools(params)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = out_dir / f"gonglian-{stamp}"
    partial = out_dir / f"gonglian-{stamp}.partial"
    if target.exists():
        raise BackupError(f"{target} exists already")
    partial.mkdir(parents=True, exist_ok=False)
    try:
        manifest = _backup_into(
            partial, params=params, pg_dump=pg_dump, media_root=media_root, budget=lock_budget
        )
        manifest["taken_at"] = stamp
        (partial / "manifest.json").write_text(
            json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8"
        )
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def _backup_into(
    target: Path,
    *,
    params: dict[str, str],
    pg_dump: str,
    media_root: Path,
    budget: int | None,
) -> dict[str, Any]:
    # the snapshot every batch reads: this transaction stays open (holding no table lock)
    # until the last dump and checksum batch has imported it
    with _connect(params, autocommit=False) as exporter, _connect(params, autocommit=True) as conn:
        exporter.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = exporter.execute("SELECT pg_export_snapshot()").fetchone()[0]
        budget = budget or lock_budget(exporter)
        per_dump, per_checksum = budget_split(budget)
        tables = relations(exporter)
        plan = dump_plan(exporter, per_dump, tables)
        version = exporter.execute("SHOW server_version").fetchone()[0]
        failed = threading.Event()

        def dump_all() -> None:
            try:
                for i, dump in enumerate(plan, 1):
                    if failed.is_set():
                        return
                    _run_pg_dump(
                        pg_dump, _env(params), snapshot, target, dump, f"{i} of {len(plan)}"
                    )
            except BaseException:
                failed.set()
                raise

        # the dumps (a pg_dump per file, one after the other) and the checksums (this
        # process) run side by side, together within ``budget`` locks at any moment
        with ThreadPoolExecutor(max_workers=1) as pool:
            dumping = pool.submit(dump_all)
            checksums: dict[str, dict[str, Any]] = {}
            try:
                for batch in checksum_batches(tables, per_checksum):
                    if failed.is_set():
                        break
                    checksums.update(
                        _checksum_batch(conn, batch, snapshot=snapshot, inside_batch=None)
                    )
            except BaseException:
                failed.set()
                raise
            dumping.result()  # a failed pg_dump raises its BackupError here
        exporter.rollback()
    files = 0
    with tarfile.open(target / "media.tar.gz", "w:gz") as tar:
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    tar.add(path, arcname=str(path.relative_to(media_root)))
                    files += 1
    return {
        "format": FORMAT,
        "database": params["dbname"],
        "server_version": version,
        "lock_budget": {"total": budget, "per_dump": per_dump, "per_checksum": per_checksum},
        "dumps": [
            {"file": d.file, "schemas": d.schemas, "locks": d.locks}
            for d in plan  # in restore order
        ],
        "media_files": files,
        "tables": checksums,
    }


def dump_files(manifest: dict[str, Any]) -> list[str]:
    """The dump files of a backup in restore order (format 1: the one ``database.dump``)."""
    return [d["file"] for d in manifest["dumps"]] if "dumps" in manifest else [OLD_FILE]


def restore(
    *,
    backup_dir: Path,
    database_url: str,
    media_root: Path,
    replace: bool = False,
    lock_budget: int | None = None,
) -> dict[str, Any]:
    """Restore a backup into the database of ``database_url`` (created if missing; an
    existing one with tables is refused unless ``replace``) and the media directory;
    then verify every table against the manifest. Returns the verification result.

    Each file is restored by its own ``pg_restore``, in the manifest's order, without
    ``--single-transaction``: every statement commits on its own, so no transaction holds
    more than a table's locks however many unions there are."""
    params = _dsn(database_url)
    admin = dict(params, dbname="postgres")
    _dump, pg_restore = pg_tools(admin)
    manifest = json.loads((backup_dir / "manifest.json").read_text(encoding="utf-8"))
    files = dump_files(manifest)
    missing = [f for f in files if not (backup_dir / f).is_file()]
    if missing:
        raise BackupError(f"{backup_dir} lacks {', '.join(missing)}: not a complete backup")
    name = params["dbname"]
    with _connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not replace and _has_tables(params):
            raise RuntimeError(f"database {name} is not empty; pass replace to overwrite it")
        if exists and replace:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    env = _env(params)
    # every restored object commits on its own: not waiting for each commit's WAL flush took
    # a third off restoring a union schema (a crash mid-restore means restoring again anyway)
    env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + " -c synchronous_commit=off").strip()
    for i, file in enumerate(files, 1):
        proc = subprocess.run(
            [pg_restore, "--no-owner", "--exit-on-error", "--dbname", name, str(backup_dir / file)],
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if proc.returncode != 0:
            raise BackupError(
                f"pg_restore of {file} ({i} of {len(files)}) failed with exit code "
                f"{proc.returncode}: {proc.stderr.strip()[-2000:]}"
            )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup_dir / "media.tar.gz", "r:gz") as tar:
        tar.extractall(media_root, filter="data")
    return verify(backup_dir=backup_dir, database_url=database_url, lock_budget=lock_budget)


def _has_tables(params: dict[str, str]) -> bool:
    with _connect(params) as conn:
        return bool(
            conn.execute(
                r"SELECT 1 FROM pg_tables WHERE schemaname NOT LIKE 'pg\_%' "
                "AND schemaname <> 'information_schema' LIMIT 1"
            ).fetchone()
        )


def verify(
    *, backup_dir: Path, database_url: str, lock_budget: int | None = None
) -> dict[str, Any]:
    """Compare every table of the database with the backup's manifest (in batches of at
    most ``lock_budget`` locks per transaction, like the backup's checksums)."""
    manifest = json.loads((backup_dir / "manifest.json").read_text(encoding="utf-8"))
    with _connect(_dsn(database_url), autocommit=True) as conn:
        now = table_checksums(conn, budget=lock_budget)
    expected = manifest["tables"]
    differing = sorted(k for k in expected.keys() | now.keys() if expected.get(k) != now.get(k))
    return {"tables": len(expected), "differing": differing, "ok": not differing}
