"""The federation dashboard page, in-process (Django test client, logged in as
``federation_admin``), at 200 unions: everything computed and every chart redrawn on each
request (the caches emptied before each one, as the page behaved before them), the figures
computed but the charts cached (the page of 2026-11-29), and the page as served now (its
figures cached per change of the data, freshness.py), beside the dashboard API. Figures
are relative: same run, same machine."""

import datetime as dt
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client

from tests.benchmarks.conftest import report
from tests.benchmarks.test_bench_load import ROOT, _session_cookie, _wait_port
from tests.benchmarks.test_bench_scale import _free_port
from tests.conftest import PASSWORD
from tests.live import _test_database_url

N_UNIONS = 200
RUNS = 40


@pytest.fixture
def township(db):
    return _township()


def _township():
    from federation.dues.models import DuesNotice
    from tenants.models import Union, UnionRollup

    unions = Union.objects.bulk_create(
        Union(
            slug=f"bench-d{i:04d}",
            schema_name=f"u_bench_d{i:04d}",
            name=f"基准工会{i:04d}",
            kind=("enterprise", "joint", "other")[i % 3],
            employee_count=100 + i % 400,
            status="active",
            ready=True,
        )
        for i in range(N_UNIONS)
    )
    UnionRollup.objects.bulk_create(
        UnionRollup(union=u, members_active=80 + i % 300, members_women=30 + i % 100)
        for i, u in enumerate(unions)
    )
    today = dt.date.today()
    notices = []
    for back in range(1, 14):
        y, m = today.year, today.month - back
        while m <= 0:
            y, m = y - 1, m + 12
        for i, u in enumerate(unions):
            due = Decimal(500 + i % 300)
            notices.append(
                DuesNotice(
                    union=u,
                    period=f"{y:04d}-{m:02d}",
                    period_start=dt.date(y, m, 1),
                    collection_mode="full",
                    payroll_total=due * 50,
                    rate=Decimal("0.02"),
                    workplace_share=Decimal("0.6"),
                    upper_share=Decimal("0.4"),
                    city_share=Decimal("0.1"),
                    amount_issued=due,
                    amount_due=due,
                    amount_paid=due if i % 4 else Decimal("0.00"),
                    status="paid" if i % 4 else "issued",
                    due_date=dt.date(y, m, 28),
                    grace_until=dt.date(y, m, 28),
                )
            )
    DuesNotice.objects.bulk_create(notices)
    return unions


def _run(client: Client, path: str, before=None) -> tuple[float, float, float]:
    times = []
    for _ in range(RUNS):
        if before:
            before()
        t = time.perf_counter()
        resp = client.get(path)
        times.append(time.perf_counter() - t)
        assert resp.status_code == 200
    times.sort()
    p50 = statistics.median(times) * 1000
    p95 = times[int(len(times) * 0.95) - 1] * 1000
    rps = len(times) / sum(times)
    return p50, p95, rps


def test_bench_dashboard_page(township):
    client = Client(HTTP_HOST="localhost")
    client.post("/accounts/login/", {"username": "federation_admin", "password": PASSWORD})
    client.get("/dashboard/")  # session, translations, templates loaded

    redis = cache._cache.get_client(None, write=True)

    def clear(pattern: str):
        def run():
            keys = list(redis.scan_iter(match=pattern))
            if keys:
                redis.delete(*keys)

        return run

    cold = _run(client, "/dashboard/", before=clear("*dashboard:*"))
    charts_only = _run(client, "/dashboard/", before=clear("*dashboard:figures:*"))
    client.get("/dashboard/")
    warm = _run(client, "/dashboard/")
    api = _run(client, "/api/v1/dashboard/")
    fmt = "p50 {:7.1f} ms  p95 {:7.1f} ms  {:6.1f} req/s (one client, in-process)"
    report(
        f"Dashboard page at {N_UNIONS} unions, {RUNS} requests each",
        [
            ("page, everything computed and drawn", fmt.format(*cold)),
            ("page, figures computed, charts cached", fmt.format(*charts_only)),
            ("page, figures cached (as served)", fmt.format(*warm)),
            ("API /api/v1/dashboard/", fmt.format(*api)),
            ("served page vs computed", f"{cold[0] / warm[0]:.1f}x faster at p50"),
        ],
    )


HTTP_CLIENTS = int(os.environ.get("BENCH_PAGE_CLIENTS", "20"))
HTTP_SECONDS = float(os.environ.get("BENCH_PAGE_SECONDS", "15"))


def _hammer(port: int, path: str, cookie: str, clients: int, seconds: float) -> dict:
    """``clients`` threads, each on one keep-alive connection, asking for ``path`` as fast
    as answers come, for ``seconds``: requests/s, p50/p95 and errors."""
    times: list[float] = []
    errors = [0]
    stop = time.perf_counter() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Host": "localhost", "Cookie": cookie}
        while time.perf_counter() < stop:
            t = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if ok:
                times.append(time.perf_counter() - t)
            else:
                errors[0] += 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - started
    times.sort()
    return {
        "rps": len(times) / elapsed,
        "p50": statistics.median(times) * 1000 if times else 0.0,
        "p95": times[int(len(times) * 0.95) - 1] * 1000 if times else 0.0,
        "errors": errors[0],
        "count": len(times),
    }


@pytest.mark.django_db(transaction=True)
def test_bench_dashboard_page_http(live_township):
    """The page over HTTP from gunicorn as ``make run`` serves it (2 workers x 4 threads),
    HTTP_CLIENTS concurrent clients on keep-alive connections, beside /healthz (the
    trivial view: this stack's limit here). Target: at least 100 requests/s on 2 cores."""
    _township()
    cookie = _session_cookie("federation_admin")
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
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_port(port)
        _hammer(port, "/dashboard/", cookie, 2, 2.0)  # workers warm, figures cached
        page = _hammer(port, "/dashboard/", cookie, HTTP_CLIENTS, HTTP_SECONDS)
        trivial = _hammer(port, "/healthz", cookie, HTTP_CLIENTS, HTTP_SECONDS)
    finally:  # the live township's teardown puts every table back as it was
        web.terminate()
        web.wait(timeout=20)
    fmt = "{rps:7.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  errors {errors} of {count}"
    report(
        f"Dashboard page over HTTP, {N_UNIONS} unions, gunicorn 2 workers x 4 threads, "
        f"{HTTP_CLIENTS} clients, {HTTP_SECONDS:.0f} s (cores: {os.cpu_count()})",
        [
            ("GET /dashboard/ (figures cached)", fmt.format(**page) + "  (target >= 100 req/s)"),
            ("GET /healthz (trivial view)", fmt.format(**trivial)),
            ("trivial / page throughput", f"{trivial['rps'] / max(page['rps'], 0.001):.2f}x"),
        ],
    )
