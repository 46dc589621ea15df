"""Fixtures for tests that need committed data: a real Celery worker, a live server.

pytest-django runs these (``transaction=True``) after all the rolled-back tests, and
truncates the public tables after each one; ``live_township`` puts the township back.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase

ROOT = Path(__file__).resolve().parent.parent


_SNAPSHOT: dict | None = None
# True while the committed database equals the snapshot (no live test has run since)
_PRISTINE = False
# set by a test that leaves thousands of union schemas behind (township_abandon)
_ABANDONED = False


def township_abandon() -> None:
    """Leave the township as this test left it: its teardown neither restores the snapshot
    nor flushes. For a test that leaves thousands of union schemas in a database the session
    drops at its end (the scale bench at 10,000: the restore drops the extra schemas one by
    one, most of an hour). The next ``live_township`` still gets the township back, by that
    slow restore."""
    global _ABANDONED, _PRISTINE
    _ABANDONED, _PRISTINE = True, False


def _kept_schemas(cur) -> list[str]:
    cur.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname = 'public' OR nspname = %s "
        "OR nspname LIKE 'u\\_%%' ORDER BY 1",
        [settings.TENANT_BASE_SCHEMA],
    )
    return [r[0] for r in cur.fetchall()]


def _structure(cur, schemas: list[str]) -> list[tuple]:
    cur.execute(
        "SELECT table_schema, table_name, column_name, data_type, is_generated "
        "FROM information_schema.columns WHERE table_schema = ANY(%s) ORDER BY 1, 2, 3",
        [schemas],
    )
    return cur.fetchall()


def township_snapshot() -> None:
    """Keep the committed township (every row of public, the template and the union schemas,
    and their sequences) so a live test gets it back in one transaction instead of dropping
    and provisioning the unions again after pytest-django's flush."""
    global _SNAPSHOT, _PRISTINE
    connection.set_schema_to_public()
    connection.ensure_connection()
    with connection.cursor() as cur:
        schemas = _kept_schemas(cur)
        cur.execute(
            "SELECT schemaname, tablename FROM pg_tables WHERE schemaname = ANY(%s) ORDER BY 1, 2",
            [schemas],
        )
        tables = cur.fetchall()
        cur.execute(
            "SELECT schemaname, sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = ANY(%s)",
            [schemas],
        )
        sequences = cur.fetchall()
        structure = _structure(cur, schemas)
    rows: dict[tuple[str, str], bytes] = {}
    with connection.connection.cursor() as raw:
        for schema, table in tables:
            with raw.copy(f'COPY "{schema}"."{table}" TO STDOUT') as copy:
                data = b"".join(bytes(block) for block in copy)
            if data:
                rows[(schema, table)] = data
    _PRISTINE = True
    _SNAPSHOT = {
        "schemas": schemas,
        "tables": tables,
        "rows": rows,
        "sequences": sequences,
        "structure": structure,
    }


def _snapshot_restore() -> bool:
    """The township back from the snapshot; False when the database no longer has the
    snapshot's shape (a test added a column or dropped a union's schema)."""
    from django.db import transaction

    snap = _SNAPSHOT
    if snap is None:
        return False
    connection.set_schema_to_public()
    with connection.cursor() as cur:
        now = _kept_schemas(cur)
        if set(snap["schemas"]) - set(now):
            return False
        for schema in set(now) - set(snap["schemas"]):
            cur.execute(f'DROP SCHEMA "{schema}" CASCADE')
        if _structure(cur, snap["schemas"]) != snap["structure"]:
            return False
    with transaction.atomic(), connection.cursor() as cur:
        # no triggers (the audit log's append-only guard, foreign keys) while rows go back;
        # DELETE, not TRUNCATE: nearly every table is empty, and TRUNCATE of 300 tables
        # makes new files for each (seconds), a DELETE of an empty one costs nothing
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute("".join(f'DELETE FROM "{s}"."{t}";' for s, t in snap["tables"]))
        with connection.connection.cursor() as raw:
            for (schema, table), data in snap["rows"].items():
                with raw.copy(f'COPY "{schema}"."{table}" FROM STDIN') as copy:
                    copy.write(data)
        # the dashboard's change stamps never go back (federation/dashboard/freshness.py):
        # figures cached for one test's data must not be served for another test's
        calls = [
            f'setval(\'"{schema}"."{seq}"\', {last}, true)'
            if last is not None
            else f'setval(\'"{schema}"."{seq}"\', 1, false)'
            for schema, seq, last in snap["sequences"]
            if seq != "dashboard_datachange_id_seq"
        ]
        if calls:
            cur.execute("SELECT " + ", ".join(calls))
    connection.set_schema_to_public()
    return True


def _restore_township() -> None:
    from tenants.models import Union

    connection.set_schema_to_public()
    if _PRISTINE or _snapshot_restore():
        return
    if Union.objects.filter(slug="union-a").exists():
        return
    with connection.cursor() as cur:
        cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'u\\_%%'")
        for (schema,) in cur.fetchall():
            cur.execute(f'DROP SCHEMA "{schema}" CASCADE')
    from federation.homes.services import rule_default_ensure, scheme_default_ensure
    from federation.rules.services import rules_defaults_ensure
    from tests.conftest import _setup_township

    _setup_township()
    # the flush also took the rows data migrations ship
    connection.set_schema_to_public()
    scheme_default_ensure()
    rule_default_ensure()
    rules_defaults_ensure()
    township_snapshot()


@pytest.fixture
def live_township(transactional_db):
    global _PRISTINE
    _restore_township()
    _PRISTINE = False
    yield
    connection.set_schema_to_public()


def _teardown_to_snapshot(self) -> None:
    """After a transactional test, the township goes back to the snapshot in one
    transaction instead of pytest-django's flush of every public table (which emptied the
    township, so the next live test provisioned both unions again); Django's flush when
    the database no longer has the snapshot's shape."""
    global _PRISTINE, _ABANDONED
    if _ABANDONED:
        _ABANDONED = False
        return
    if _snapshot_restore():
        _PRISTINE = True
        return
    _PRISTINE = False
    _flush_teardown(self)


_flush_teardown = TransactionTestCase._fixture_teardown
TransactionTestCase._fixture_teardown = _teardown_to_snapshot  # type: ignore[method-assign]


def _test_database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or ""
    from urllib.parse import quote

    port = f":{db['PORT']}" if db.get("PORT") else ""
    user = db.get("USER") or "postgres"
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{quote(host, safe='')}{port}/{db['NAME']}"


@pytest.fixture
def celery_worker(live_township):
    """A real Celery worker process on the test database and the test Redis."""
    from tasks.app import app

    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    (ROOT / ".data").mkdir(exist_ok=True)
    env = dict(os.environ)
    env["DATABASE_URL"] = _test_database_url()
    env["CELERY_QUEUE"] = queue
    env.pop("TEST_DATABASE_NAME", None)
    log = open(ROOT / ".data" / "worker-test.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tasks",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "2",
            "--queues",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--hostname",
            f"test-{os.getpid()}@%h",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if app.control.ping(
                timeout=0.5, destination=[f"test-{os.getpid()}@{os.uname().nodename}"]
            ):
                break
            if proc.poll() is not None:
                raise RuntimeError(
                    f"worker exited: {(ROOT / '.data' / 'worker-test.log').read_text()[-2000:]}"
                )
        else:
            raise RuntimeError("worker did not start within 60 s")
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.2):
    """Poll until ``predicate()`` is truthy; return its value or fail the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout} s")
