"""A load test: 50 concurrent users for LOAD_SECONDS (default 60) against gunicorn served
as `make run` serves it (2 workers x 4 threads), with the township grown to 100 unions of
100 members. Prints requests/s, p50/p95/p99 per endpoint and errors, then the same
gunicorn serving only a trivial view (the limit of this stack on this machine)."""

import csv
import datetime as dt
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from tests.benchmarks.conftest import report
from tests.benchmarks.test_bench_scale import _fill_members, _free_port, _provision
from tests.conftest import PASSWORD, _token_for
from tests.live import _test_database_url

ROOT = Path(__file__).resolve().parents[2]
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
# gunicorn threads per worker: 4 as `make run` serves (LOAD_THREADS tries another count)
THREADS = int(os.environ.get("LOAD_THREADS", "4"))


def _grow_township(n: int) -> list:
    from tenants.models import Union

    rng = random.Random(11)
    unions = list(Union.objects.filter(slug__in=["union-a", "union-b"]))
    for u in unions:
        _fill_members(u, rng)
    i = 0
    while len(unions) < n:
        u = _provision(20_000 + i)
        _fill_members(u, rng)
        unions.append(u)
        i += 1
    return unions


def _session_cookie(username: str) -> str:
    """A logged-in session of a public-schema user, as the Cookie header's value."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _notices(unions) -> list[int]:
    from federation.dues.models import PayrollDeclaration
    from federation.dues.periods import MONTHLY, period_containing
    from federation.dues.services import dues_cycle_run

    period = period_containing(dt.date.today(), MONTHLY).previous()
    PayrollDeclaration.objects.bulk_create(
        [
            PayrollDeclaration(
                union=u,
                period=period.code,
                period_start=period.start,
                payroll_total=Decimal("900000.00"),
                headcount=110,
            )
            for u in unions
        ],
        ignore_conflicts=True,
    )
    dues_cycle_run(period=period.code)
    from federation.dues.models import DuesNotice

    return list(DuesNotice.objects.filter(period=period.code).values_list("pk", flat=True)[:50])


def _wait_port(port: int) -> None:
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _locust(port: int, classes: list[str], config: dict, out: Path) -> list[dict]:
    env = dict(os.environ, LOAD_CONFIG=json.dumps(config))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "tests/benchmarks/locustfile.py"),
            "--headless",
            "-u",
            str(USERS),
            "-r",
            str(USERS),
            "-t",
            f"{SECONDS}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(out),
            "--only-summary",
            "--loglevel",
            "WARNING",
            *classes,
        ],
        cwd=ROOT,
        env=env,
        check=False,
        timeout=SECONDS + 120,
    )
    failures = Path(f"{out}_failures.csv")
    if failures.exists():
        with failures.open(encoding="utf-8") as fh:
            for row in list(csv.DictReader(fh))[:5]:
                print(f"   failure: {row['Name']}: {row['Error'][:160]} ({row['Occurrences']}x)")
    with open(f"{out}_stats.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _rows(stats: list[dict], label: str) -> list[tuple[str, str]]:
    rows = []
    for s in stats:
        rows.append(
            (
                f"{label} {s['Name'][:34]}",
                f"{float(s['Requests/s']):7.1f} req/s  p50 {s['50%']:>5}  p95 {s['95%']:>5}  "
                f"p99 {s['99%']:>5} ms  errors {s['Failure Count']} of {s['Request Count']}",
            )
        )
    return rows


@pytest.mark.django_db(transaction=True)
def test_bench_load(live_township, tmp_path):
    unions = _grow_township(int(os.environ.get("LOAD_UNIONS", "100")))
    notices = _notices(unions)
    assert notices, "the dues cycle issued no notice to pay against"
    from django_tenants.utils import schema_context

    from workplaces.members.models import Member

    with schema_context(unions[0].schema_name):
        members = list(Member.objects.values_list("pk", flat=True)[:50])
    # tokens through the platform's service (hashed, per schema), as clients get them
    fed_token = _token_for("federation_admin")
    union_token = _token_for("a_chair", unions[0])
    fed_cookie = _session_cookie("federation_admin")
    config = {
        "fed_token": fed_token,
        "fed_cookie": fed_cookie,
        "fed_user": "federation_admin",
        "fed_password": PASSWORD,
        "union_token": union_token,
        "union_host": f"{unions[0].slug}.localhost",
        "members": members,
        "notices": notices,
        "paid_on": dt.date.today().isoformat(),
        "run": uuid.uuid4().hex,
        "fed_host": "localhost",
    }
    port = _free_port()
    env = dict(os.environ, DATABASE_URL=_test_database_url())
    env.pop("TEST_DATABASE_NAME", None)
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "federation.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            str(THREADS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_port(port)
        probe = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"}
        )
        with urllib.request.urlopen(probe, timeout=30) as resp:  # noqa: S310 - loopback
            assert resp.status == 200
        mixed = _locust(port, ["Clerk", "Officer"], config, tmp_path / "mixed")
        trivial = _locust(port, ["Baseline"], config, tmp_path / "trivial")
    finally:
        web.terminate()
        web.wait(timeout=20)
        connection.set_schema_to_public()
        with connection.cursor() as cur:
            cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'u\\_scale\\_%%'")
            for (schema,) in cur.fetchall():
                cur.execute(f'DROP SCHEMA "{schema}" CASCADE')
    total = next(s for s in mixed if s["Name"] == "Aggregated")
    base = next(s for s in trivial if s["Name"] == "Aggregated")
    ratio = float(base["Requests/s"]) / max(float(total["Requests/s"]), 0.001)
    rows = (
        _rows(mixed, "mixed")
        + _rows([base], "trivial")
        + [
            ("trivial view throughput / mixed throughput", f"{ratio:.2f}x (target: within 2x)"),
        ]
    )
    report(
        f"Load: {USERS} users, {SECONDS} s, {len(unions)} unions, gunicorn 2 workers x "
        f"{THREADS} threads (cores: {os.cpu_count()})",
        rows,
    )
    assert int(total["Request Count"]) > 0
