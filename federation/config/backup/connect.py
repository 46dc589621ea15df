"""Reaching the database server for backups: connection parameters from a URL, libpq's
environment, and pg_dump/pg_restore binaries at least as new as the server."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse


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
