"""The dues cycle for 1,000 unions with declarations: first run against the second (no-op) run."""

import datetime as dt
import time
from decimal import Decimal

import pytest

from federation.dues.models import DuesNotice, PayrollDeclaration
from federation.dues.periods import MONTHLY, period_containing
from federation.dues.services import dues_cycle_run
from tenants.models import Union, UnionStatus
from tests.benchmarks.conftest import report

N = 1000


@pytest.mark.django_db
def test_bench_dues_cycle_for_1000_unions():
    period = period_containing(dt.date.today(), MONTHLY).previous()
    # public rows only: the cycle never enters a union's schema
    unions = Union.objects.bulk_create(
        [
            Union(
                schema_name=f"bench_dues_{i:04d}",
                slug=f"bench-dues-{i:04d}",
                name=f"基准工会 {i:04d}",
                kind="enterprise",
                status=UnionStatus.ACTIVE,
                ready=True,
                is_federation=False,
            )
            for i in range(N)
        ]
    )
    PayrollDeclaration.objects.bulk_create(
        [
            PayrollDeclaration(
                union=u,
                period=period.code,
                period_start=period.start,
                payroll_total=Decimal("123456.78") + i,
                headcount=40,
            )
            for i, u in enumerate(unions)
        ]
    )
    t0 = time.perf_counter()
    first = dues_cycle_run(period=period.code)
    t1 = time.perf_counter()
    second = dues_cycle_run(period=period.code)
    t2 = time.perf_counter()
    assert first["notices_created"] == N
    assert second["notices_created"] == 0
    assert DuesNotice.objects.filter(period=period.code).count() == N
    report(
        f"dues cycle, {N} unions with declarations ({period.code})",
        [
            (
                "first run (issues notices)",
                f"{t1 - t0:.2f} s  ({first['notices_created']} created)",
            ),
            ("second run (no-op)", f"{t2 - t1:.2f} s  ({second['notices_existing']} existing)"),
            ("second / first", f"{(t2 - t1) / (t1 - t0):.1%}"),
        ],
    )
