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
import shutil
import subprocess
import tarfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from federation.config.backup.connect import BackupError, _connect, _dsn, _env, _major, pg_tools
from federation.config.backup.plan import (
    BASE_FILE,
    FORMAT,
    OLD_FILE,
    UNION_SCHEMAS_TABLE,
    Dump,
    Relation,
    _checksum_batch,
    batched,
    budget_split,
    checksum_batches,
    dump_plan,
    lock_budget,
    relations,
    schema_pattern,
    table_checksums,
    union_schemas,
    user_schemas,
)

__all__ = [
    "BackupError",
    "_connect",
    "_dsn",
    "_env",
    "_major",
    "pg_tools",
    "BASE_FILE",
    "FORMAT",
    "OLD_FILE",
    "UNION_SCHEMAS_TABLE",
    "Dump",
    "Relation",
    "batched",
    "budget_split",
    "checksum_batches",
    "dump_plan",
    "lock_budget",
    "relations",
    "schema_pattern",
    "table_checksums",
    "union_schemas",
    "user_schemas",
    "backup",
    "dump_files",
    "restore",
    "verify",
]


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
