"""A load test: 50 concurrent users for LOAD_SECONDS (default 60) against gunicorn served
as `make run` serves it (federation/config/gunicorn.py), with the township grown to 100
unions of 100 members. Prints requests/s, p50/p95/p99 per endpoint and errors, then the
same gunicorn serving only a trivial view (the limit of this stack on this machine), and
the CPU each request cost in gunicorn, in PostgreSQL (the bench database's backends) and in
locust itself: the three share the machine's cores.

Runs per server: "mixed" is the headline scenario (each user pauses 0.1-0.5 s between
requests, as since the load test was written); "mixed, no pause" is the same mix in a
closed loop without pauses, the like-for-like comparison with the trivial view (which never
pauses: with pauses 50 users cannot ask more than ~170 req/s whatever the server does);
LOAD_THINK="1-3" adds a run with that think time in seconds, labelled so.

Knobs: LOAD_USERS (50), LOAD_SECONDS (60), LOAD_UNIONS (100), LOAD_CLIENT ("fast":
locust's FastHttpUser; "http": HttpUser, python-requests, the client until 2026-12-07),
LOAD_VARIANTS: servers to compare in one run, ";"-separated "label:ENV=V,ENV=V" (the
variables go to gunicorn: WEB_WORKERS, WEB_THREADS, TENANT_ROUTING_CACHE_SECONDS,
DB_CONN_MAX_AGE ...; ROOT=<directory> serves the code checked out there, e.g. the commit
before a change, on the same data); default one server as `make run` serves. LOAD_RUNS
("mixed,no pause,trivial"): the runs per server; "mixed" alone lets two shapes alternate
A, B, A, B in one run, so that the machine's drift (other jobs, autovacuum after the writes)
falls on both."""

import csv
import datetime as dt
import json
import os
import random
import resource
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from decimal import Decimal
from pathlib import Path

import psutil
import pytest
from django.db import connection

from tests.benchmarks.conftest import report
from tests.benchmarks.test_bench_scale import _fill_members, _free_port, _provision
from tests.conftest import PASSWORD, _token_for
from tests.live import _test_database_url

ROOT = Path(__file__).resolve().parents[2]
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
CLIENT = os.environ.get("LOAD_CLIENT", "fast")
THINK = os.environ.get("LOAD_THINK", "")
VARIANTS = os.environ.get("LOAD_VARIANTS", "as make run serves:")
# which runs per server: "mixed" alone makes variants quick to alternate (A, B, A, B ...)
RUNS = os.environ.get("LOAD_RUNS", "mixed,no pause,trivial").split(",")


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


def _cpu_s(pids: list[int]) -> dict[int, float]:
    out = {}
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        out[pid] = t.user + t.system
    return out


def _server_pids(master: int) -> list[int]:
    return [master] + [c.pid for c in psutil.Process(master).children(recursive=True)]


def _backend_pids() -> list[int]:
    """PostgreSQL's backends on the bench database other than this process's own."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return [r[0] for r in cur.fetchall()]


def _locust(
    port: int, classes: list[str], config: dict, out: Path, master: int
) -> tuple[list[dict], dict]:
    """One headless locust run; its stats rows, and the CPU seconds spent meanwhile by
    gunicorn, by the bench database's PostgreSQL backends and by locust."""
    env = dict(os.environ, LOAD_CONFIG=json.dumps(config))
    server0 = _cpu_s(_server_pids(master))
    pg0 = _cpu_s(_backend_pids())
    locust0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    load0 = Path("/proc/loadavg").read_text().split()[0]
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
    locust1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    server1 = _cpu_s(_server_pids(master))
    pg1 = _cpu_s(_backend_pids())
    cpu = {
        "gunicorn": sum(v - server0.get(pid, 0.0) for pid, v in server1.items()),
        "postgres": sum(v - pg0.get(pid, 0.0) for pid, v in pg1.items()),
        "locust": (locust1.ru_utime + locust1.ru_stime) - (locust0.ru_utime + locust0.ru_stime),
        "load": f"{load0} -> {Path('/proc/loadavg').read_text().split()[0]}",
    }
    failures = Path(f"{out}_failures.csv")
    if failures.exists():
        with failures.open(encoding="utf-8") as fh:
            for row in list(csv.DictReader(fh))[:5]:
                print(f"   failure: {row['Name']}: {row['Error'][:160]} ({row['Occurrences']}x)")
    with open(f"{out}_stats.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh)), cpu


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
    title = (
        f"Load: {USERS} users, {SECONDS} s, {len(unions)} unions, locust "
        f"{'FastHttpUser' if CLIENT == 'fast' else 'HttpUser'} (cores: {os.cpu_count()})"
    )
    rows: list[tuple[str, str]] = []
    try:
        for variant in VARIANTS.split(";"):
            label, _, extra = variant.partition(":")
            server_env = dict(kv.split("=", 1) for kv in extra.split(",") if kv)
            rows += _serve_and_load(label.strip(), server_env, config, tmp_path)
    finally:
        connection.set_schema_to_public()
        with connection.cursor() as cur:
            cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'u\\_scale\\_%%'")
            for (schema,) in cur.fetchall():
                cur.execute(f'DROP SCHEMA "{schema}" CASCADE')
    report(title, rows)


def _serve_and_load(label: str, server_env: dict, config: dict, tmp: Path) -> list:
    port = _free_port()
    # ROOT=<a checkout of another commit>: that code served on the same data (old beside new)
    root = Path(server_env.pop("ROOT", ROOT))
    env = dict(os.environ, DATABASE_URL=_test_database_url(), **server_env)
    env.pop("TEST_DATABASE_NAME", None)
    # the shape of the code served (ROOT's own federation/config/gunicorn.py), not this one's
    workers, threads = subprocess.run(
        [
            sys.executable,
            "-c",
            "from federation.config import gunicorn as g; print(g.workers, g.threads)",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:federation.config.gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=root,
        env=env,
    )
    runs = [("mixed", "0.1-0.5", ["Clerk", "Officer"])]
    if "no pause" in RUNS:
        runs.append(("mixed, no pause", "0-0", ["Clerk", "Officer"]))
    if THINK:
        runs.append((f"mixed, think {THINK} s", THINK, ["Clerk", "Officer"]))
    if "trivial" in RUNS:
        runs.append(("trivial", "0-0", ["Baseline"]))
    results = {}
    try:
        _wait_port(port)
        probe = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"}
        )
        with urllib.request.urlopen(probe, timeout=30) as resp:  # noqa: S310 - loopback
            assert resp.status == 200
        for name, wait, classes in runs:
            out = tmp / f"{label}-{name}".replace(" ", "_").replace(",", "")
            results[name] = _locust(
                port, classes, dict(config, wait=wait, client=CLIENT), out, web.pid
            )
    finally:
        web.terminate()
        web.wait(timeout=20)
    knobs = ", ".join(
        f"{k}={v}" for k, v in server_env.items() if k not in ("WEB_WORKERS", "WEB_THREADS")
    )
    head = f"[{label}] gunicorn {workers} workers x {threads} threads" + (
        f", {knobs}" if knobs else ""
    )
    if root != ROOT:
        head += f", code from {root}"
    rows: list[tuple[str, str]] = [(head, "")]
    for name, _, _ in runs:
        stats, cpu = results[name]
        agg = next(s for s in stats if s["Name"] == "Aggregated")
        rows += _rows(stats if name == "mixed" else [agg], name)
        n = max(int(agg["Request Count"]), 1)
        rows.append(
            (
                f"{name}: CPU ms per request",
                f"gunicorn {cpu['gunicorn'] * 1000 / n:.2f}  postgres {cpu['postgres'] * 1000 / n:.2f}"
                f"  locust {cpu['locust'] * 1000 / n:.2f}  (load average {cpu['load']})",
            )
        )
    if "trivial" not in results:
        return rows
    trivial = next(s for s in results["trivial"][0] if s["Name"] == "Aggregated")
    for name in [n for n in ("mixed", "mixed, no pause") if n in results]:
        mixed = next(s for s in results[name][0] if s["Name"] == "Aggregated")
        assert int(mixed["Request Count"]) > 0
        ratio = float(trivial["Requests/s"]) / max(float(mixed["Requests/s"]), 0.001)
        rows.append((f"trivial view throughput / {name}", f"{ratio:.2f}x (target: within 2x)"))
    return rows
