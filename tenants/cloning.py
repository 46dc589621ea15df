"""Cloning the template schema into a new union's schema, in time that does not grow with
the number of unions.

django-tenants' ``clone_schema`` SQL function reads ``information_schema`` views whose cost
grows with every schema in the database: measured here at 0.15 s per clone with a few
unions and over 2 s with a hundred. Instead we take the template's structure once with
``pg_dump --schema-only``, rename the schema in it and run it, then copy the template's
``django_migrations`` rows in the same transaction. When no ``pg_dump`` of a suitable
version is installed the django-tenants clone is used, which is correct, only slower at
scale.

The dump is kept in a public table keyed by the template's migration state
(``TemplateStructure``): pg_dump reads the whole catalog (about 4 s at 468 unions), so it
is taken once per migration state, not once per web or worker process.

Not ``migrate_schemas --fake`` after the clone (what django-tenants does): with 1,000
unions it cost more than the clone itself, and grew with the number of unions. Django's
migration recorder lists the schema's tables four times through introspection that
scans all of ``pg_class`` (435 relations per union), and it writes one row per
migration. Its ``post_migrate`` handlers create nothing in a faked schema (the faked
migrations leave the migration state empty, so contenttypes and auth find no models):
the copied rows are the whole of what it left behind (tests/tenants/test_cloning.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name

_cache: dict[str, str] = {}
_SKIP = re.compile(r"^(\\|SET |SELECT pg_catalog\.set_config|--)")


def _server_major() -> int:
    with connection.cursor() as cur:
        cur.execute("SHOW server_version_num")
        return int(cur.fetchone()[0]) // 10000


def _binary_major(path: str) -> int:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10).stdout
    except OSError:
        return 0
    m = re.search(r"(\d+)\.\d+", out)
    return int(m.group(1)) if m else 0


def pg_dump_binary() -> str | None:
    """A pg_dump at least as new as the server (pg_dump reads older servers)."""
    major = _server_major()
    candidates = [f"/usr/lib/postgresql/{major}/bin/pg_dump"]
    import pgserver  # a dependency: the embedded server ships pg_dump

    candidates.append(str(Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_dump"))
    found = shutil.which("pg_dump")
    if found:
        candidates.append(found)
    for path in candidates:
        if os.path.exists(path) and _binary_major(path) >= major:
            return path
    return None


def _template_fingerprint(base: str) -> str:
    """The template's migration state: its name and a digest of its ``django_migrations``
    rows (any migration applied or unapplied changes it)."""
    with connection.cursor() as cur:
        digest_sql = "md5(coalesce(string_agg(app || '.' || name, ',' ORDER BY app, name), ''))"
        cur.execute(
            f'SELECT count(*), coalesce(max(id), 0), {digest_sql} FROM "{base}".django_migrations'  # noqa: S608 - the template's name, from settings
        )
        count, max_id, digest = cur.fetchone()
    return f"{base}:{count}:{max_id}:{digest}"


def _stored_ddl(fingerprint: str) -> str | None:
    public = get_public_schema_name()
    with connection.cursor() as cur:
        cur.execute(
            f'SELECT ddl FROM "{public}".tenants_templatestructure WHERE fingerprint = %s',  # noqa: S608
            [fingerprint],
        )
        row = cur.fetchone()
    return row[0] if row else None


def _store_ddl(fingerprint: str, ddl: str) -> None:
    """Keep the dump for every process; the dumps of older migration states go."""
    public = get_public_schema_name()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            f'DELETE FROM "{public}".tenants_templatestructure WHERE fingerprint <> %s',  # noqa: S608
            [fingerprint],
        )
        cur.execute(
            f'INSERT INTO "{public}".tenants_templatestructure (fingerprint, ddl, created_at) '  # noqa: S608
            "VALUES (%s, %s, now()) ON CONFLICT (fingerprint) DO NOTHING",
            [fingerprint, ddl],
        )


def _dump(base: str) -> str | None:
    binary = pg_dump_binary()
    if binary is None:
        return None
    db = connection.settings_dict
    cmd = [
        binary,
        "--schema-only",
        "--no-owner",
        "--no-privileges",
        "--no-comments",
        f"--schema={base}",
        "-d",
        db["NAME"],
        "-U",
        db.get("USER") or "postgres",
    ]
    if db.get("HOST"):
        cmd += ["-h", db["HOST"]]
    if db.get("PORT"):
        cmd += ["-p", str(db["PORT"])]
    env = dict(os.environ, PGPASSWORD=db.get("PASSWORD") or "")
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    if result.returncode != 0:
        return None
    return "\n".join(line for line in result.stdout.splitlines() if not _SKIP.match(line))


def template_ddl(base: str) -> str | None:
    """The template's structure as SQL: from this process's memory, else from the public
    table, else from ``pg_dump`` (then stored for the other processes). None when no
    suitable ``pg_dump`` is installed."""
    key = _template_fingerprint(base)
    if key in _cache:
        return _cache[key]
    ddl = _stored_ddl(key)
    if ddl is None:
        ddl = _dump(base)
        if ddl is None:
            return None
        _store_ddl(key, ddl)
    _cache.clear()
    _cache[key] = ddl
    return ddl


def schema_clone(*, source: str, target: str) -> bool:
    """Create ``target`` with the structure of ``source`` (no data). False when not possible
    this way (the caller then falls back to django-tenants' clone)."""
    ddl = template_ddl(source)
    if ddl is None:
        return False
    renamed = re.sub(rf"\b{re.escape(source)}\b", f'"{target}"', ddl)
    with connection.cursor() as cur:
        cur.execute(renamed)
    return True


def migrations_copy(*, source: str, target: str) -> None:
    """Record in ``target`` the migrations recorded in ``source`` (its clone): the rows
    ``migrate --fake`` would write, in the template's order."""
    with connection.cursor() as cur:
        cur.execute(
            f'INSERT INTO "{target}".django_migrations (app, name, applied) '  # noqa: S608 - our own schema names
            f'SELECT app, name, now() FROM "{source}".django_migrations ORDER BY id'
        )


def union_schema_create(union) -> None:
    """Create the union's schema: clone of the template with its migration records, all
    or nothing, or, with no template, every migration run."""
    from django_tenants.utils import schema_exists

    base = settings.TENANT_BASE_SCHEMA
    if settings.TENANT_CREATION_FAKES_MIGRATIONS and schema_exists(base):
        with transaction.atomic():
            cloned = schema_clone(source=base, target=union.schema_name)
            if cloned:
                migrations_copy(source=base, target=union.schema_name)
        if cloned:
            return
    union.create_schema(check_if_exists=False, verbosity=0)


def schema_structure(schema: str) -> set[tuple]:
    """What must be equal between the template and a union schema (after a clone or a
    migration): tables, columns with their types, nullability and defaults, indexes,
    constraints, and the ``django_migrations`` rows; schema names normalised away."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT table_name, column_name, data_type, is_nullable, "
            "replace(coalesce(column_default, ''), %s, 'S.') "
            "FROM information_schema.columns WHERE table_schema = %s",
            [schema + ".", schema],
        )
        columns = {("column", *r) for r in cur.fetchall()}
        cur.execute(
            "SELECT tablename, replace(indexdef, %s, 'S.') FROM pg_indexes WHERE schemaname = %s",
            [schema + ".", schema],
        )
        indexes = {("index", *r) for r in cur.fetchall()}
        cur.execute(
            "SELECT c.conname, replace(pg_get_constraintdef(c.oid), %s, 'S.') FROM pg_constraint c "
            "JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = %s",
            [schema + ".", schema],
        )
        constraints = {("constraint", *r) for r in cur.fetchall()}
        cur.execute(f'SELECT app, name FROM "{schema}".django_migrations')  # noqa: S608 - a schema name from our own table
        migrations = {("migration", *r) for r in cur.fetchall()}
    return columns | indexes | constraints | migrations
