"""Data safety: a backup of the whole database and the media restores into a fresh
database with every table of every schema equal (row counts and checksums), at any number
of unions: dumps and checksums go in batches that each lock at most a budget of relations
(the server's shared lock table is finite), all reading one snapshot."""

import json
import shutil
import subprocess
from contextlib import contextmanager

import pytest
from django.db import connection

from federation.config.backup import (
    BackupError,
    _connect,
    _dsn,
    _env,
    backup,
    dump_plan,
    lock_budget,
    pg_tools,
    restore,
    schema_pattern,
    table_checksums,
    verify,
)
from tests.live import _test_database_url

pytestmark = pytest.mark.django_db

# far below a real server's (3,200 with PostgreSQL's defaults): a union schema of the test
# database costs 168 dump locks, so with 225 per dump file every union schema gets a file of
# its own; the checksum transactions beside the dumps get 75
BACKUP_BUDGET = 300
TINY_BUDGET = 200


@contextmanager
def _fresh_database(suffix: str):
    """The URL of a database that does not exist yet; dropped afterwards."""
    import psycopg

    url = _test_database_url()
    name = f"{connection.settings_dict['NAME']}_{suffix}"
    yield url.rsplit("/", 1)[0] + "/" + name
    with _connect(_dsn(url, "postgres"), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        conn.execute(
            psycopg.sql.SQL("DROP DATABASE IF EXISTS {}").format(psycopg.sql.Identifier(name))
        )


@pytest.fixture(scope="module")
def backed_up(django_db_setup, tmp_path_factory):
    """One backup of the test database (every schema) and a media tree, for the module, in
    batches of a tiny lock budget: a backup reads ~650 tables, so the tests share it."""
    tmp = tmp_path_factory.mktemp("backup")
    media = tmp / "media"
    (media / "u_union_a" / "evidence").mkdir(parents=True)
    (media / "u_union_a" / "evidence" / "photo.jpg").write_bytes(b"\xff\xd8 evidence")
    target = backup(
        database_url=_test_database_url(),
        media_root=media,
        out_dir=tmp / "backups",
        lock_budget=BACKUP_BUDGET,
    )
    return tmp, target


@pytest.fixture(scope="module")
def restored(backed_up):
    """The backup restored into a fresh database (dropped after the module)."""
    tmp, target = backed_up
    with _fresh_database("restore") as fresh:
        result = restore(
            backup_dir=target,
            database_url=fresh,
            media_root=tmp / "restored",
            replace=True,
            lock_budget=TINY_BUDGET,
        )
        yield fresh, result


def test_a_backup_in_batches_restores_into_a_fresh_database_with_every_schema_equal(
    backed_up, restored
):
    tmp, target = backed_up
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert [d["file"] for d in manifest["dumps"]] == [
        "base.dump",
        "unions-0001.dump",
        "unions-0002.dump",
    ]
    assert [d["schemas"] for d in manifest["dumps"]] == [
        ["public", "union_template"],
        ["u_union_a"],
        ["u_union_b"],
    ]
    assert manifest["lock_budget"] == {"total": 300, "per_dump": 225, "per_checksum": 75}
    assert [d["locks"] for d in manifest["dumps"][1:]] == [170, 170]  # one relation a lock
    assert sorted(p.name for p in target.iterdir()) == [
        "base.dump",
        "manifest.json",
        "media.tar.gz",
        "unions-0001.dump",
        "unions-0002.dump",
    ]
    schemas = {key.split(".")[0] for key in manifest["tables"]}
    assert schemas == {"public", "u_union_a", "u_union_b", "union_template"}
    assert manifest["media_files"] == 1
    assert restored[1] == {"tables": len(manifest["tables"]), "differing": [], "ok": True}
    assert (
        tmp / "restored" / "u_union_a" / "evidence" / "photo.jpg"
    ).read_bytes() == b"\xff\xd8 evidence"


def test_verify_names_a_table_that_differs(backed_up, restored):
    # runs after the test above (it changes the restored database)
    fresh, _ = restored
    with _connect(_dsn(fresh), autocommit=True) as conn:
        conn.execute("DELETE FROM public.django_session")
        conn.execute("INSERT INTO u_union_a.auth_group (name) VALUES ('extra')")
        assert table_checksums(conn)["u_union_a.auth_group"]["rows"] >= 1
    result = verify(backup_dir=backed_up[1], database_url=fresh, lock_budget=TINY_BUDGET)
    assert "u_union_a.auth_group" in result["differing"]
    assert result["ok"] is False


def test_a_checksum_batch_never_holds_more_locks_than_the_budget():
    held: list[tuple[int, int]] = []

    def count_locks(conn, tables):
        # every relation lock this transaction holds, but the catalogs this query reads
        (n,) = conn.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' "
            "AND c.relnamespace <> 'pg_catalog'::regnamespace"
        ).fetchone()
        held.append((n, len(tables)))

    with _connect(_dsn(_test_database_url()), autocommit=True) as conn:
        sums = table_checksums(conn, budget=TINY_BUDGET, inside_batch=count_locks)
        per_tx, conns, prepared = (
            int(conn.execute(f"SHOW {name}").fetchone()[0])
            for name in (
                "max_locks_per_transaction",
                "max_connections",
                "max_prepared_transactions",
            )
        )
        assert lock_budget(conn) == per_tx * (conns + prepared) // 2  # 3,200 by default

    assert len(held) > 5  # ~650 tables in batches of a few dozen
    assert sum(tables for _, tables in held) == len(sums)
    assert max(n for n, _ in held) <= TINY_BUDGET
    assert min(n for n, _ in held) > 0


def test_the_union_schemas_are_dumped_in_batches_within_the_budget():
    with _connect(_dsn(_test_database_url()), autocommit=True) as conn:
        one = dump_plan(conn, budget=400)
        two = dump_plan(conn, budget=TINY_BUDGET)

    assert [(d.file, d.schemas, d.excluded) for d in one] == [
        ("base.dump", ["public", "union_template"], ["u_union_a", "u_union_b"]),
        ("unions-0001.dump", ["u_union_a", "u_union_b"], None),
    ]
    assert one[1].locks <= 400
    assert [d.schemas for d in two[1:]] == [["u_union_a"], ["u_union_b"]]
    assert all(d.locks <= TINY_BUDGET for d in two[1:])


def test_a_schema_pattern_matches_that_schema_only():
    # pg_dump -n takes a pattern: unquoted, "u_union_?" would match u_union_a and u_union_b
    pg_dump, _ = pg_tools(_dsn(_test_database_url()))
    env = _env(_dsn(_test_database_url()))

    def dump(pattern):
        return subprocess.run(
            [pg_dump, "--schema-only", "--strict-names", f"--schema={pattern}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert schema_pattern('u_a*b?"c.d') == '"u_a*b?""c.d"'
    wildcard = dump(schema_pattern("u_union_?"))
    assert wildcard.returncode != 0
    assert "no matching schemas" in wildcard.stderr
    exact = dump(schema_pattern("u_union_a"))
    assert exact.returncode == 0
    assert "CREATE SCHEMA u_union_a;" in exact.stdout
    assert "u_union_b" not in exact.stdout


def test_a_failing_pg_dump_of_one_batch_fails_the_whole_backup(tmp_path, monkeypatch):
    pg_dump, pg_restore = pg_tools(_dsn(_test_database_url()))
    failing = tmp_path / "pg_dump"
    failing.write_text(
        "#!/bin/sh\n"
        'case "$*" in *\'--schema="u_union_b"\'*) echo "pg_dump: error: disk full" >&2; exit 1;; esac\n'
        f'exec {pg_dump} "$@"\n'
    )
    failing.chmod(0o755)
    monkeypatch.setattr(
        "federation.config.backup.pg_tools", lambda params: (str(failing), pg_restore)
    )
    out = tmp_path / "backups"

    with pytest.raises(BackupError, match=r"unions-0002\.dump \(3 of 3, schemas u_union_b\)"):
        backup(
            database_url=_test_database_url(),
            media_root=tmp_path / "media",
            out_dir=out,
            lock_budget=BACKUP_BUDGET,
        )
    assert list(out.iterdir()) == []  # no half backup left behind


def test_a_restore_refuses_a_backup_that_lacks_a_dump_file(backed_up, tmp_path):
    partial = tmp_path / "partial"
    partial.mkdir()
    shutil.copy(backed_up[1] / "manifest.json", partial)
    shutil.copy(backed_up[1] / "base.dump", partial)

    with pytest.raises(BackupError, match=r"lacks unions-0001\.dump, unions-0002\.dump"):
        restore(backup_dir=partial, database_url=_test_database_url(), media_root=tmp_path)


def test_an_old_single_file_backup_still_restores(tmp_path):
    """Format 1: one ``database.dump`` of the whole database, checksums in its snapshot."""
    params = _dsn(_test_database_url())
    pg_dump, _ = pg_tools(params)
    old = tmp_path / "gonglian-20261201T000000Z"
    old.mkdir()
    with _connect(params, autocommit=False) as exporter:
        exporter.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = exporter.execute("SELECT pg_export_snapshot()").fetchone()[0]
        subprocess.run(
            [pg_dump, "--format=custom", "--snapshot", snapshot, "-f", old / "database.dump"],
            env=_env(params),
            check=True,
            timeout=600,
        )
        with _connect(params, autocommit=True) as conn:
            tables = table_checksums(conn, snapshot=snapshot)
    (old / "media").mkdir()
    subprocess.run(["tar", "czf", old / "media.tar.gz", "-C", old / "media", "."], check=True)
    (old / "manifest.json").write_text(
        json.dumps({"format": 1, "media_files": 0, "tables": tables}), encoding="utf-8"
    )

    with _fresh_database("restore_v1") as fresh:
        result = restore(
            backup_dir=old, database_url=fresh, media_root=tmp_path / "restored", replace=True
        )

    assert result == {"tables": len(tables), "differing": [], "ok": True}
    assert len(tables) > 300


def test_a_restore_refuses_a_database_with_tables_unless_told(backed_up, tmp_path):
    with pytest.raises(RuntimeError, match="not empty"):
        restore(
            backup_dir=backed_up[1], database_url=_test_database_url(), media_root=tmp_path / "m"
        )


def test_make_has_backup_and_restore_targets():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    assert "launcher backup" in makefile
    assert "launcher restore $(BACKUP) --replace" in makefile


def test_the_embedded_servers_socket_address_is_understood():
    url = "postgres://postgres@%2Fwork%2Fmain%2F.data%2Fpg/gonglian"
    assert _dsn(url) == {
        "host": "/work/main/.data/pg",
        "port": "5432",
        "user": "postgres",
        "dbname": "gonglian",
    }
    assert _dsn("postgres://u:p%40ss@db:6543/x")["password"] == "p@ss"
