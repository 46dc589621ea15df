"""Township totals (one SQL aggregate) and the xlsx export."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from federation.reports import selectors, services
from federation.reports.exports import cycle_xlsx
from tests.federation.reports.conftest import MANUAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_in(cycle, sub_a, sub_b):
    """union-a submitted (then accepted) 120/50/30/200; union-b submitted 60/20/10/80."""
    services.submission_accept(
        submission=services.submission_submit(submission=sub_a, values=MANUAL)
    )
    services.submission_submit(
        submission=sub_b,
        values={
            **MANUAL,
            "members": 60,
            "women": 20,
            "migrant": 10,
            "union_staff": 0,
            "congress_held": "否",
        },
    )
    return cycle


def test_totals_sum_submitted_and_accepted_reports(two_in):
    agg = selectors.cycle_aggregate(cycle=two_in)
    assert agg["submitted"] == 2
    assert agg["expected"] == 2
    assert agg["totals"] == {
        "members": 180,
        "women": 70,
        "migrant": 40,
        "employees": 280,
        "union_staff": 1,
        "congress_delegates": 60,
    }
    assert agg["counts"]["congress_held"] == {"是": 1, "否": 1}


def test_pending_and_returned_reports_are_not_counted(cycle, sub_a, sub_b):
    services.submission_submit(submission=sub_a, values=MANUAL)
    services.submission_return(
        submission=services.submission_submit(submission=sub_b, values=MANUAL), comment="重填"
    )
    agg = selectors.cycle_aggregate(cycle=cycle)
    assert (agg["submitted"], agg["expected"], agg["totals"]["members"]) == (1, 2, 120)


def test_an_empty_cycle_totals_zero(cycle):
    agg = selectors.cycle_aggregate(cycle=cycle)
    assert agg["submitted"] == 0
    assert set(agg["totals"].values()) == {0}


def test_the_aggregate_is_one_query_over_the_submissions(two_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from federation.reports.models import Cycle

    cycle = Cycle.objects.select_related("form").get(pk=two_in.pk)
    with CaptureQueriesContext(connection) as ctx:
        selectors.cycle_aggregate(cycle=cycle)
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert len(sqls) == 2  # the form's fields, then the aggregate
    assert sum("reports_submission" in q for q in sqls) == 1


def test_decimal_fields_total_to_two_places(frozen, union_a, union_b):
    form = services.form_save(
        code="funds",
        title="经费",
        fields=[{"key": "income", "label": "收入", "type": "decimal", "required": True}],
    )
    cycle = services.cycle_open(
        form=form, period="2026-10", due_date=dt.date(2026, 11, 30), unions="all"
    )
    for sub, amount in zip(
        cycle.submissions.order_by("union__slug"), ["1000.10", "0.25"], strict=True
    ):
        services.submission_submit(submission=sub, values={"income": amount})
    assert selectors.cycle_aggregate(cycle=cycle)["totals"] == {"income": "1000.35"}


def _sheet(cycle):
    wb = load_workbook(io.BytesIO(cycle_xlsx(cycle=cycle)))
    assert wb.properties.title == f"{cycle.form.title}（{cycle.period}）"
    return list(wb.active.iter_rows(values_only=True))


def test_the_xlsx_has_the_labels_one_row_per_union_and_a_total_row(two_in, annual):
    rows = _sheet(two_in)
    labels = [f.label for f in annual.fields.all()]
    assert rows[0][0] == "工会"
    assert list(rows[0][1 : 1 + len(labels)]) == labels
    body, total = rows[1:-1], rows[-1]
    assert [r[0] for r in body] == ["UNION-A 工会", "UNION-B 工会"]
    assert total[0] == "合计"
    for col in range(1, 7):  # the six numeric fields
        assert total[col] == sum(r[col] for r in body)
    assert total[1:5] == (180, 70, 40, 280)


def test_the_xlsx_leaves_pending_rows_empty_and_the_total_matches_the_aggregate(cycle, sub_a):
    services.submission_submit(submission=sub_a, values=MANUAL)
    rows = _sheet(cycle)
    body, total = rows[1:-1], rows[-1]
    pending = next(r for r in body if r[0] == "UNION-B 工会")
    assert pending[1:5] == (None, None, None, None)
    assert total[1] == 120 == selectors.cycle_aggregate(cycle=cycle)["totals"]["members"]


def test_decimal_cells_are_numbers(frozen, union_a, union_b):
    form = services.form_save(
        code="funds",
        title="经费",
        fields=[{"key": "income", "label": "收入", "type": "decimal", "required": True}],
    )
    cycle = services.cycle_open(
        form=form, period="2026-10", due_date=dt.date(2026, 11, 30), unions="all"
    )
    for sub in cycle.submissions.all():
        services.submission_submit(submission=sub, values={"income": "10.05"})
    rows = _sheet(cycle)
    assert [Decimal(str(r[1])) for r in rows[1:]] == [
        Decimal("10.05"),
        Decimal("10.05"),
        Decimal("20.10"),
    ]
