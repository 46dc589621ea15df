"""Per-request cost of the load test's endpoints, in-process: Django's WSGI handler (the
whole middleware stack, as gunicorn calls it) on the same data as the load test's first
union, each request timed by this process's CPU (PostgreSQL's own work not counted) and
its statements to the database counted (SET search_path included; the connection health
check's SELECT 1, which a gunicorn request also sends, is not: the test client skips it).

COST_REQUESTS (default 200) requests per endpoint; COST_PROFILE=<name substring> prints
the top of a cProfile of that endpoint's requests, COST_SQL=<name substring> its
statements."""

import cProfile
import io
import os
import pstats
import random
import statistics
import time
import uuid
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from tests.benchmarks.conftest import report
from tests.benchmarks.test_bench_load import _notices, _session_cookie
from tests.benchmarks.test_bench_scale import _fill_members
from tests.conftest import _token_for

N = int(os.environ.get("COST_REQUESTS", "200"))
PROFILE = os.environ.get("COST_PROFILE", "")


class _RoundTrips:
    """Every statement the connection sends (Django's query log is reset by each request)."""

    def __init__(self):
        self.sql: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)


def _cost(name: str, call: Callable[[], int]) -> tuple[str, str]:
    for _ in range(5):  # warm: imports, the token's first use, caches
        assert call() < 400, name
    trips = _RoundTrips()
    with connection.execute_wrapper(trips):
        assert call() < 400, name
    if os.environ.get("COST_SQL") and os.environ["COST_SQL"] in name:
        print(f"\n-- statements of {name}:\n" + "\n".join(s[:160] for s in trips.sql))
    cpu, wall = [], []
    prof = cProfile.Profile() if PROFILE and PROFILE in name else None
    for _ in range(N):
        c0, w0 = time.process_time(), time.perf_counter()
        if prof:
            prof.enable()
        call()
        if prof:
            prof.disable()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    if prof:
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats(
            os.environ.get("COST_SORT", "cumulative")
        ).print_stats(int(os.environ.get("COST_LINES", "45")))
        print(f"\n-- profile of {name} ({N} requests)\n{out.getvalue()}")
    return (
        name,
        f"{statistics.mean(cpu):6.2f} ms CPU  wall median {statistics.median(wall):6.2f} ms  "
        f"statements {len(trips.sql)}",
    )


@pytest.mark.django_db(transaction=True)
def test_bench_request_cost(live_township):
    from tenants.models import Union
    from workplaces.members.models import Member

    union = Union.objects.get(slug="union-a")
    _fill_members(union, random.Random(11))
    notices = _notices([union])
    from django_tenants.utils import schema_context

    with schema_context(union.schema_name):
        members = list(Member.objects.values_list("pk", flat=True)[:50])
    fed_token = _token_for("federation_admin")
    union_token = _token_for("a_chair", union)
    cookie = _session_cookie("federation_admin")
    connection.set_schema_to_public()
    uhost = f"{union.slug}.localhost"
    fed = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Token {fed_token}")
    page = Client(HTTP_HOST="localhost", HTTP_COOKIE=cookie)
    anon = Client(HTTP_HOST="localhost")
    off = Client(HTTP_HOST=uhost, HTTP_AUTHORIZATION=f"Token {union_token}")
    rng = random.Random(5)

    def st(r) -> int:
        return r.status_code

    endpoints = [
        ("trivial /healthz", lambda: st(anon.get("/healthz"))),
        ("member list", lambda: st(off.get("/api/v1/members/?page_size=50"))),
        ("member search", lambda: st(off.get("/api/v1/members/?search=王"))),
        (
            "member edit (write)",
            lambda: st(
                off.patch(
                    f"/api/v1/members/{rng.choice(members)}/",
                    {"phone": f"139{rng.randint(10_000_000, 99_999_999)}"},
                    content_type="application/json",
                )
            ),
        ),
        ("dues notices", lambda: st(fed.get("/api/v1/dues/notices/?page_size=50"))),
        ("report cycles", lambda: st(fed.get("/api/v1/reports/cycles/"))),
        ("federation dashboard API", lambda: st(fed.get("/api/v1/dashboard/"))),
        ("federation dashboard page", lambda: st(page.get("/dashboard/"))),
        (
            "payment (write)",
            lambda: st(
                fed.post(
                    f"/api/v1/dues/notices/{rng.choice(notices)}/payments/",
                    {
                        "amount": str(Decimal("0.01")),
                        "paid_on": "2026-12-01",
                        "reference": uuid.uuid4().hex,
                    },
                    content_type="application/json",
                )
            ),
        ),
    ]

    pay = endpoints[-1][1]

    def pay_then_dashboards() -> int:
        # a payment changes the figures: the next page and API request each compute them
        # again (the mix pays ~4 a second); this row less the payment's is that work
        return max(pay(), st(page.get("/dashboard/")), st(fed.get("/api/v1/dashboard/")))

    endpoints.append(("payment, then dashboard page + API", pay_then_dashboards))
    rows = [_cost(name, call) for name, call in endpoints]
    load = open("/proc/loadavg").read().split()[:3]  # noqa: SIM115 - one read
    report(
        f"Request cost in-process ({N} requests each, load average {' '.join(load)})",
        rows,
    )
