"""Backup and restore of the whole database (every schema) and the media files.

``make backup`` / ``make restore BACKUP=...`` (and ``python -m federation.config.launcher
backup|restore`` on a server, see deploy/README.md) call these. A backup is a directory:

- ``database.dump``: ``pg_dump --format=custom`` of the whole database;
- ``media.tar.gz``: the media directory (evidence files, photos, per-union paths);
- ``manifest.json``: when, from which server version, and for every table of every
  schema its row count and a checksum of its rows, taken in the same snapshot as the dump
  (``pg_dump --snapshot``), so a restore can be verified (``verify``).

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
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

SKIP_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")


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


def table_checksums(conn) -> dict[str, dict[str, Any]]:
    """``{"schema.table": {"rows": n, "md5": ...}}`` for every table of every schema: the
    md5 of the sorted md5s of its rows, so the order rows come back in does not matter."""
    tables = conn.execute(
        "SELECT schemaname, tablename FROM pg_tables WHERE schemaname <> ALL(%s) "
        "ORDER BY schemaname, tablename",
        [list(SKIP_SCHEMAS)],
    ).fetchall()
    result: dict[str, dict[str, Any]] = {}
    for schema, table in tables:
        ident = f'"{schema}"."{table}"'
        rows, digest = conn.execute(
            f"SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), '')) "  # noqa: S608
            f"FROM (SELECT md5(t::text) AS h FROM {ident} t) s"
        ).fetchone()
        result[f"{schema}.{table}"] = {"rows": rows, "md5": digest}
    return result


def backup(*, database_url: str, media_root: Path, out_dir: Path) -> Path:
    """Write a backup directory under ``out_dir``; returns its path."""
    params = _dsn(database_url)
    pg_dump, _restore = pg_tools(params)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = out_dir / f"gonglian-{stamp}"
    target.mkdir(parents=True, exist_ok=False)
    # one snapshot for the dump and the checksums: what the manifest says is what was dumped
    with _connect(params, autocommit=False) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        subprocess.run(
            [
                pg_dump,
                "--format=custom",
                "--snapshot",
                snapshot,
                "--file",
                str(target / "database.dump"),
            ],
            env=_env(params),
            check=True,
            timeout=3600,
        )
        checksums = table_checksums(conn)
        version = conn.execute("SHOW server_version").fetchone()[0]
        conn.rollback()
    files = 0
    with tarfile.open(target / "media.tar.gz", "w:gz") as tar:
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    tar.add(path, arcname=str(path.relative_to(media_root)))
                    files += 1
    manifest = {
        "format": 1,
        "taken_at": stamp,
        "database": params["dbname"],
        "server_version": version,
        "media_files": files,
        "tables": checksums,
    }
    (target / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8"
    )
    return target


def restore(
    *, backup_dir: Path, database_url: str, media_root: Path, replace: bool = False
) -> dict[str, Any]:
    """Restore a backup into the database of ``database_url`` (created if missing; an
    existing one with tables is refused unless ``replace``) and the media directory;
    then verify every table against the manifest. Returns the verification result."""
    params = _dsn(database_url)
    admin = dict(params, dbname="postgres")
    _dump, pg_restore = pg_tools(admin)
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
    subprocess.run(
        [
            pg_restore,
            "--no-owner",
            "--exit-on-error",
            "--dbname",
            name,
            str(backup_dir / "database.dump"),
        ],
        env=_env(params),
        check=True,
        timeout=3600,
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup_dir / "media.tar.gz", "r:gz") as tar:
        tar.extractall(media_root, filter="data")
    return verify(backup_dir=backup_dir, database_url=database_url)


def _has_tables(params: dict[str, str]) -> bool:
    with _connect(params) as conn:
        return bool(
            conn.execute(
                "SELECT 1 FROM pg_tables WHERE schemaname <> ALL(%s) LIMIT 1", [list(SKIP_SCHEMAS)]
            ).fetchone()
        )


def verify(*, backup_dir: Path, database_url: str) -> dict[str, Any]:
    """Compare every table of the database with the backup's manifest."""
    manifest = json.loads((backup_dir / "manifest.json").read_text(encoding="utf-8"))
    with _connect(_dsn(database_url)) as conn:
        now = table_checksums(conn)
    expected = manifest["tables"]
    differing = sorted(k for k in expected.keys() | now.keys() if expected.get(k) != now.get(k))
    return {"tables": len(expected), "differing": differing, "ok": not differing}
