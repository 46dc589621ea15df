"""Reports: the township totals and the xlsx of a cycle of 1,000 unions, done the way the
app does it (one SQL aggregate; one query for the rows) beside the same computation done
by looping over the unions one by one."""

import datetime as dt
import io
import random
import statistics
import time
from decimal import Decimal

import pytest
from openpyxl import Workbook

from tests.benchmarks.conftest import report

N_UNIONS = 1000
RUNS = 7


def _median_ms(fn, runs=RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


@pytest.fixture
def big_cycle(db):
    from federation.reports import services
    from federation.reports.models import Cycle, Submission
    from tenants.models import Union

    rng = random.Random(7)
    unions = Union.objects.bulk_create(
        Union(
            slug=f"bench-r{i:04d}",
            schema_name=f"u_bench_r{i:04d}",
            name=f"基准工会{i:04d}",
            kind="enterprise",
            employee_count=100 + i % 400,
            status="active",
            ready=True,
        )
        for i in range(N_UNIONS)
    )
    form = services.form_save(
        code="bench",
        title="基准报表",
        fields=[
            {"key": "members", "label": "会员", "type": "integer"},
            {"key": "women", "label": "女会员", "type": "integer"},
            {"key": "migrant", "label": "农民工会员", "type": "integer"},
            {"key": "employees", "label": "职工", "type": "integer"},
            {"key": "staff", "label": "专职人员", "type": "integer"},
            {"key": "delegates", "label": "职工代表", "type": "integer"},
            {"key": "income", "label": "经费收入", "type": "decimal"},
            {"key": "spending", "label": "经费支出", "type": "decimal"},
            {"key": "congress", "label": "召开职代会", "type": "choice", "choices": ["是", "否"]},
            {"key": "note", "label": "说明", "type": "text"},
        ],
    )
    cycle = Cycle.objects.create(form=form, period="2026", due_date=dt.date(2026, 12, 31))
    subs = []
    for u in unions:
        members = rng.randint(20, 500)
        subs.append(
            Submission(
                cycle=cycle,
                union=u,
                status=rng.choice(["submitted", "accepted", "accepted", "pending"]),
                values={
                    "members": members,
                    "women": members // 3,
                    "migrant": members // 5,
                    "employees": members + 10,
                    "staff": rng.randint(0, 3),
                    "delegates": rng.randint(10, 60),
                    "income": f"{Decimal(rng.randint(0, 10**7)) / 100:.2f}",
                    "spending": f"{Decimal(rng.randint(0, 10**7)) / 100:.2f}",
                    "congress": rng.choice(["是", "否"]),
                    "note": "无",
                },
            )
        )
    Submission.objects.bulk_create(subs, batch_size=500)
    return cycle


def _aggregate_by_loop(cycle):
    """The naive way: for each union, read its report and add it up in Python."""
    from federation.reports.models import Submission
    from tenants.models import Union

    fields = list(cycle.form.fields.all())
    totals = {f.key: Decimal(0) for f in fields if f.numeric}
    submitted = expected = 0
    for union in Union.objects.filter(report_submissions__cycle=cycle).order_by("pk"):
        sub = Submission.objects.get(cycle=cycle, union=union)
        expected += 1
        if sub.status in ("submitted", "accepted"):
            submitted += 1
            for key in totals:
                if sub.values.get(key) is not None:
                    totals[key] += Decimal(str(sub.values[key]))
    return {"submitted": submitted, "expected": expected, "totals": totals}


def _export_by_loop(cycle):
    from federation.reports.models import Submission
    from tenants.models import Union

    fields = list(cycle.form.fields.all())
    wb = Workbook()
    ws = wb.active
    ws.append(["工会", *[f.label for f in fields]])
    for union in Union.objects.filter(report_submissions__cycle=cycle).order_by("name"):
        sub = Submission.objects.get(cycle=cycle, union=union)
        ws.append([union.name, *[sub.values.get(f.key) for f in fields]])
    agg = _aggregate_by_loop(cycle)
    ws.append(["合计", *[agg["totals"].get(f.key) for f in fields]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_bench_reports_open_a_cycle_to_1000_unions(big_cycle):
    """Opening a cycle prefills every union's report from the public roll-ups."""
    from federation.reports import services

    times = []
    for i in range(3):
        t = time.perf_counter()
        cycle = services.cycle_open(
            form=big_cycle.form, period=f"2026-Q{i + 1}", due_date="2026-12-31", unions="all"
        )
        times.append((time.perf_counter() - t) * 1000)
    assert cycle.submissions.count() >= N_UNIONS
    report(
        f"Reports: open a cycle to {cycle.submissions.count()} unions, prefilled (median ms)",
        [("cycle_open (ms)", f"{statistics.median(times):.1f}")],
    )


def test_bench_reports_aggregate_and_export(big_cycle):
    from federation.reports.exports import cycle_xlsx
    from federation.reports.models import Cycle
    from federation.reports.selectors import cycle_aggregate

    cycle = Cycle.objects.select_related("form").get(pk=big_cycle.pk)
    sql_ms, agg = _median_ms(lambda: cycle_aggregate(cycle=cycle))
    loop_ms, loop = _median_ms(lambda: _aggregate_by_loop(cycle), runs=3)
    assert agg["submitted"] == loop["submitted"]
    assert agg["expected"] == N_UNIONS
    assert agg["totals"]["members"] == loop["totals"]["members"]
    assert Decimal(agg["totals"]["income"]) == loop["totals"]["income"]
    xlsx_ms, data = _median_ms(lambda: cycle_xlsx(cycle=cycle), runs=3)
    xlsx_loop_ms, _ = _median_ms(lambda: _export_by_loop(cycle), runs=3)
    report(
        f"Reports: a cycle of {N_UNIONS} unions, 10 fields (median ms)",
        [
            ("aggregate, one SQL query (ms)", f"{sql_ms:.1f}"),
            (
                "aggregate, loop over unions (ms)",
                f"{loop_ms:.1f}  ({loop_ms / sql_ms:.0f}x slower)",
            ),
            ("xlsx export, as shipped (ms)", f"{xlsx_ms:.1f}  ({len(data) // 1024} KiB)"),
            (
                "xlsx export, loop over unions (ms)",
                f"{xlsx_loop_ms:.1f}  ({xlsx_loop_ms / xlsx_ms:.1f}x slower)",
            ),
        ],
    )
