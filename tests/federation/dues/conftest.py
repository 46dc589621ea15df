import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from federation.dues import services

# the township's clock in these tests: early November 2026, October has ended
NOV_5 = dt.datetime(2026, 11, 5, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def frozen():
    """Freeze the clock at 2026-11-05 10:00 (Asia/Shanghai); ``frozen.move_to(...)`` moves it."""
    with time_machine.travel(NOV_5, tick=False) as traveller:
        yield traveller


@pytest.fixture
def declare():
    def make(union, period="2026-10", payroll="100000.00", headcount=50, actor="test"):
        return services.declaration_submit(
            union=union, period=period, payroll_total=payroll, headcount=headcount, actor=actor
        )

    return make


@pytest.fixture
def issued(frozen, declare, union_a):
    """union_a declared 100000.00 for 2026-10 and the cycle issued its notice (2000.00)."""
    declare(union_a)
    services.dues_cycle_run(period="2026-10")
    from federation.dues.models import DuesNotice

    return DuesNotice.objects.get(union=union_a, period="2026-10")


def money(value: str) -> Decimal:
    return Decimal(value)
