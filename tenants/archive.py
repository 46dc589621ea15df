"""A union's own archive: everything of its schema, its federation rows and its files in
one zip, and the import of such an archive into an (empty) union.

This is how a union takes its data when it leaves the federation, and how it is moved. It
is generic over the schema's tables (read from the database catalogue, not from a list of
models), so modules added later are included without an edit here.

Layout of the zip:
- ``manifest.json``: format, the union, when, and per table its columns, row count and the
  SHA-256 of its file; the federation models and the files likewise;
- ``schema/<table>.json``: the rows of every table of the union's schema, as JSON objects.
  Left out: credentials (API tokens, sessions, login attempts), and users' password hashes;
- ``federation/<app.model>.json``: the public rows that are the union's (notices, payments,
  assessments, reports, ...: models with a foreign key to the union, and the rows hanging
  from those), in Django's serialization format;
- ``files/<path>``: the union's media files.

The import replaces the contents of the target union's schema with the archive's tables
(users keep no password: they set one through their chair or the federation; a user the
target already had keeps its password), and its files. Federation rows are the
federation's ledger of the old union: they travel in the archive for the union's records
and are not written back.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import secrets
import zipfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from tenants.models import Union

FORMAT = 1
# never leave the schema: credentials and what only means something on this server
SKIPPED_TABLES = frozenset(
    {
        "django_migrations",
        "django_session",
        "authtoken_token",
        "accounts_apitoken",
        "axes_accessattempt",
        "axes_accessattemptexpiration",
        "axes_accessfailurelog",
        "axes_accesslog",
    }
)
SECRET_COLUMNS = {"auth_user": {"password"}}
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024


def _tables(schema: str) -> list[str]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", [schema]
        )
        return [r[0] for r in cur.fetchall() if r[0] not in SKIPPED_TABLES]


def _columns(schema: str, table: str) -> list[tuple[str, str]]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
            [schema, table],
        )
        return [(r[0], r[1]) for r in cur.fetchall()]


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, bytes | memoryview):
            return {"$base64": base64.b64encode(bytes(o)).decode()}
        return super().default(o)


def _dump(value: Any) -> bytes:
    return json.dumps(value, cls=_Encoder, ensure_ascii=False, indent=0).encode()


def _schema_rows(schema: str, table: str) -> tuple[list[str], list[dict[str, Any]]]:
    secret = SECRET_COLUMNS.get(table, set())
    columns = [(c, t) for c, t in _columns(schema, table) if c not in secret]
    names = [c for c, _t in columns]
    # Django's connection hands JSON columns back as text: keep them as JSON in the archive
    as_json = {c for c, t in columns if t in ("json", "jsonb")}
    quoted = ", ".join(f'"{c}"' for c in names)
    order = '"id"' if "id" in names else "1"
    with connection.cursor() as cur:
        cur.execute(f'SELECT {quoted} FROM "{schema}"."{table}" ORDER BY {order}')  # noqa: S608
        rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    for row in rows:
        for c in as_json:
            if isinstance(row[c], str):
                row[c] = json.loads(row[c])
    return names, rows


def _public_models_of_union() -> list[tuple[type[models.Model], str, type[models.Model]]]:
    """(model, fk field, model it points to) for public models hanging from a Union: a
    foreign key to the union, or to a row that has one (two levels)."""
    shared = {a.split(".")[-1] for a in settings.SHARED_APPS}
    public = [
        m
        for m in apps.get_models()
        if m._meta.app_config.name in settings.SHARED_APPS or m._meta.app_label in shared
    ]
    found: list[tuple[type[models.Model], str, type[models.Model]]] = []
    level1: list[type[models.Model]] = []
    for m in public:
        for f in m._meta.concrete_fields:
            if isinstance(f, models.ForeignKey) and f.related_model is Union and m is not Union:
                found.append((m, f.name, Union))
                level1.append(m)
                break
    for m in public:
        if m in level1 or m is Union:
            continue
        for f in m._meta.concrete_fields:
            if isinstance(f, models.ForeignKey) and f.related_model in level1:
                found.append((m, f.name, f.related_model))
                break
    return found


def _federation_rows(union: Union) -> dict[str, list[Any]]:
    ids: dict[type[models.Model], list[Any]] = {Union: [union.pk]}
    out: dict[str, list[Any]] = {}
    for model, field, target in _public_models_of_union():
        qs = model._default_manager.filter(**{f"{field}__in": ids.get(target, [])}).order_by("pk")
        ids[model] = list(qs.values_list("pk", flat=True))
        out[model._meta.label_lower] = json.loads(serializers.serialize("json", qs))
    return out


def _media_dir(union: Union) -> Path:
    return Path(settings.MEDIA_ROOT) / union.schema_name


def union_archive_export(*, union: Union) -> bytes:
    """The union's archive (a zip), read on the federation side (schema-qualified SQL)."""
    schema = union.schema_name
    buffer = io.BytesIO()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "union": {
            "slug": union.slug,
            "name": union.name,
            "kind": union.kind,
            "credit_code": union.credit_code,
            "employee_count": union.employee_count,
        },
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "tables": {},
        "federation": {},
        "files": {},
        "left_out": {
            "tables": sorted(SKIPPED_TABLES),
            "columns": {k: sorted(v) for k, v in SECRET_COLUMNS.items()},
        },
    }
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for table in _tables(schema):
            columns, rows = _schema_rows(schema, table)
            body = _dump(rows)
            zf.writestr(f"schema/{table}.json", body)
            manifest["tables"][table] = {
                "columns": columns,
                "rows": len(rows),
                "sha256": hashlib.sha256(body).hexdigest(),
            }
        for label, rows in _federation_rows(union).items():
            body = _dump(rows)
            zf.writestr(f"federation/{label}.json", body)
            manifest["federation"][label] = {
                "rows": len(rows),
                "sha256": hashlib.sha256(body).hexdigest(),
            }
        media = _media_dir(union)
        if media.exists():
            for path in sorted(media.rglob("*")):
                if path.is_file():
                    rel = path.relative_to(media).as_posix()
                    data = path.read_bytes()
                    zf.writestr(f"files/{rel}", data)
                    manifest["files"][rel] = {
                        "bytes": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(),
                    }
        zf.writestr("manifest.json", _dump(manifest))
    return buffer.getvalue()


def _load_value(value: Any, data_type: str) -> Any:
    if isinstance(value, dict) and set(value) == {"$base64"}:
        return base64.b64decode(value["$base64"])
    if data_type in ("json", "jsonb") and value is not None:
        from psycopg.types.json import Jsonb

        return Jsonb(value)
    return value


def _read_archive(data: bytes) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    from django.core.exceptions import ValidationError

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        if sum(i.file_size for i in zf.infolist()) > MAX_ARCHIVE_BYTES:
            raise ValidationError({"file": ["The archive expands beyond the size allowed."]})
        manifest = json.loads(zf.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValidationError({"file": ["Not a union archive."]}, code="invalid") from exc
    if manifest.get("format") != FORMAT:
        raise ValidationError({"file": ["Unknown archive format."]}, code="invalid")
    for table, meta in manifest["tables"].items():
        if hashlib.sha256(zf.read(f"schema/{table}.json")).hexdigest() != meta["sha256"]:
            raise ValidationError({"file": [f"The archive is damaged ({table})."]}, code="invalid")
    return zf, manifest


@transaction.atomic
def union_archive_import(*, union: Union, data: bytes) -> dict[str, int]:
    """Replace the contents of ``union``'s schema with the archive's tables and files.

    Tables the archive does not have stay empty; columns the target does not have are
    dropped, columns the archive lacks take their defaults. Foreign keys are checked at
    commit (Django creates them deferrable), so the order of tables does not matter."""
    zf, manifest = _read_archive(data)
    schema = union.schema_name
    target_tables = _tables(schema)
    with connection.cursor() as cur:
        cur.execute(f'SELECT username, password FROM "{schema}"."auth_user"')  # noqa: S608
        kept_passwords = dict(cur.fetchall())
        quoted = ", ".join(f'"{schema}"."{t}"' for t in target_tables)
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checks pending in this transaction run now
        cur.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        cur.execute("SET CONSTRAINTS ALL DEFERRED")
        rows_in = 0
        for table in target_tables:
            if table not in manifest["tables"]:
                continue
            types = dict(_columns(schema, table))
            rows = json.loads(zf.read(f"schema/{table}.json"))
            if not rows:
                continue
            names = [c for c in rows[0] if c in types]
            if table == "auth_user":
                names.append("password")
                for row in rows:
                    row["password"] = kept_passwords.get(
                        row.get("username"), "!" + secrets.token_hex(20)
                    )
            cols = ", ".join(f'"{c}"' for c in names)
            marks = ", ".join(["%s"] * len(names))
            cur.executemany(
                f'INSERT INTO "{schema}"."{table}" ({cols}) VALUES ({marks})',  # noqa: S608
                [[_load_value(row.get(c), types[c]) for c in names] for row in rows],
            )
            rows_in += len(rows)
            _sequences_reset(cur, schema, table, names)
    files = 0
    media = _media_dir(union)
    for info in zf.infolist():
        if info.filename.startswith("files/") and not info.is_dir():
            rel = Path(info.filename[len("files/") :])
            if rel.is_absolute() or ".." in rel.parts:
                continue
            target = media / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(info))
            files += 1
    return {"tables": len(manifest["tables"]), "rows": rows_in, "files": files}


def _sequences_reset(cur: Any, schema: str, table: str, names: list[str]) -> None:
    for column in names:
        cur.execute("SELECT pg_get_serial_sequence(%s, %s)", [f'"{schema}"."{table}"', column])
        seq = cur.fetchone()[0]
        if seq:
            cur.execute(
                f'SELECT setval(%s, coalesce((SELECT max("{column}") FROM "{schema}"."{table}"), 0) + 1, false)',  # noqa: S608
                [seq],
            )
