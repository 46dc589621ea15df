"""Data safety: a backup of the whole database and the media restores into a fresh
database with every table of every schema equal (row counts and checksums)."""

import json

import pytest
from django.db import connection

from federation.config.backup import backup, restore, table_checksums, verify
from tests.live import _test_database_url

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def backed_up(django_db_setup, tmp_path_factory):
    """One backup of the test database (every schema) and a media tree, for the module:
    a backup reads ~650 tables, so the tests share it."""
    tmp = tmp_path_factory.mktemp("backup")
    media = tmp / "media"
    (media / "u_union_a" / "evidence").mkdir(parents=True)
    (media / "u_union_a" / "evidence" / "photo.jpg").write_bytes(b"\xff\xd8 evidence")
    target = backup(database_url=_test_database_url(), media_root=media, out_dir=tmp / "backups")
    return tmp, target


@pytest.fixture(scope="module")
def restored(backed_up):
    """The backup restored into a fresh database (dropped after the module)."""
    import psycopg

    from federation.config.backup import _connect, _dsn

    tmp, target = backed_up
    url = _test_database_url()
    name = f"{connection.settings_dict['NAME']}_restore"
    fresh = url.rsplit("/", 1)[0] + "/" + name
    result = restore(
        backup_dir=target, database_url=fresh, media_root=tmp / "restored", replace=True
    )
    yield fresh, result
    with _connect(_dsn(url, "postgres"), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        conn.execute(
            psycopg.sql.SQL("DROP DATABASE IF EXISTS {}").format(psycopg.sql.Identifier(name))
        )


def test_a_backup_restores_into_a_fresh_database_with_every_schema_equal(backed_up, restored):
    tmp, target = backed_up
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    schemas = {key.split(".")[0] for key in manifest["tables"]}
    assert {"public", "u_union_a", "u_union_b", "union_template"} <= schemas
    assert manifest["media_files"] == 1
    assert restored[1] == {"tables": len(manifest["tables"]), "differing": [], "ok": True}
    assert (
        tmp / "restored" / "u_union_a" / "evidence" / "photo.jpg"
    ).read_bytes() == b"\xff\xd8 evidence"


def test_verify_names_a_table_that_differs(backed_up, restored):
    # runs after the test above (it changes the restored database)
    from federation.config.backup import _connect, _dsn

    fresh, _ = restored
    with _connect(_dsn(fresh), autocommit=True) as conn:
        conn.execute("DELETE FROM public.django_session")
        conn.execute("INSERT INTO u_union_a.auth_group (name) VALUES ('extra')")
        assert table_checksums(conn)["u_union_a.auth_group"]["rows"] >= 1
    result = verify(backup_dir=backed_up[1], database_url=fresh)
    assert "u_union_a.auth_group" in result["differing"]
    assert result["ok"] is False


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
    from federation.config.backup import _dsn

    url = "postgres://postgres@%2Fwork%2Fmain%2F.data%2Fpg/gonglian"
    assert _dsn(url) == {
        "host": "/work/main/.data/pg",
        "port": "5432",
        "user": "postgres",
        "dbname": "gonglian",
    }
    assert _dsn("postgres://u:p%40ss@db:6543/x")["password"] == "p@ss"
