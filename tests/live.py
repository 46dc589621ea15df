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

ROOT = Path(__file__).resolve().parent.parent


def _restore_township() -> None:
    from tenants.models import Union

    connection.set_schema_to_public()
    if Union.objects.filter(slug="union-a").exists():
        return
    with connection.cursor() as cur:
        cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'u\\_%%'")
        for (schema,) in cur.fetchall():
            cur.execute(f'DROP SCHEMA "{schema}" CASCADE')
    from tests.conftest import _setup_township

    _setup_township()
    connection.set_schema_to_public()


@pytest.fixture
def live_township(transactional_db):
    _restore_township()
    # a flush after an earlier transactional test also took the rows data migrations ship
    from federation.homes.services import rule_default_ensure, scheme_default_ensure
    from federation.rules.services import rules_defaults_ensure

    connection.set_schema_to_public()
    scheme_default_ensure()
    rule_default_ensure()
    rules_defaults_ensure()
    yield
    connection.set_schema_to_public()


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
