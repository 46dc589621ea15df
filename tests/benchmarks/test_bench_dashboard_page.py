"""The federation dashboard page, in-process (Django test client, logged in as
``federation_admin``), at 200 unions: every chart redrawn on each request (the cache
emptied before each one, as the page behaved before the cache) beside the page with its
charts cached, beside the dashboard API. Figures are relative: same run, same machine."""

import datetime as dt
import statistics
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client

from tests.benchmarks.conftest import report
from tests.conftest import PASSWORD

N_UNIONS = 200
RUNS = 40


@pytest.fixture
def township(db):
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

    def clear():
        redis = cache._cache.get_client(None, write=True)
        keys = list(redis.scan_iter(match="*dashboard:chart:*"))
        if keys:
            redis.delete(*keys)

    cold = _run(client, "/dashboard/", before=clear)
    client.get("/dashboard/")
    warm = _run(client, "/dashboard/")
    api = _run(client, "/api/v1/dashboard/")
    fmt = "p50 {:7.1f} ms  p95 {:7.1f} ms  {:6.1f} req/s (one client, in-process)"
    report(
        f"Dashboard page at {N_UNIONS} unions, {RUNS} requests each",
        [
            ("page, charts redrawn each time", fmt.format(*cold)),
            ("page, charts cached", fmt.format(*warm)),
            ("API /api/v1/dashboard/", fmt.format(*api)),
            ("cached page vs redrawn", f"{cold[0] / warm[0]:.1f}x faster at p50"),
        ],
    )
