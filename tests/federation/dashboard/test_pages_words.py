"""Issue 11 items 1, 13 and 20 on the federation's pages: the membership share uses the
effective employee count and flags over 100%; amounts carry thousands separators; the
language menu names English in English; the API docs sit in the account menu."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from tenants import facts
from tenants.models import UnionRollup
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


@pytest.fixture
def admin_page(db):
    client = Client(HTTP_HOST="localhost")
    assert client.login(username="federation_admin", password=PASSWORD)
    return client


def _page(client, url="/dashboard/"):
    try:
        r = client.get(url)
        assert r.status_code == 200
        return r.content.decode()
    finally:
        connection.set_schema_to_public()


def test_a_share_over_100_percent_is_flagged_not_passed(admin_page, union_a):
    union_a.employee_count = 45
    union_a.save()
    UnionRollup.objects.update_or_create(union=union_a, defaults={"members_active": 72})
    from federation.dashboard.selectors import members_by_union

    row = next(r for r in members_by_union() if r["slug"] == "union-a")
    assert (row["employees"], row["share"], row["over"]) == (45, Decimal("1.6000"), True)
    assert "160% · 数据有误" in _page(admin_page)
    assert "160% · 数据有误" in _page(admin_page, "/dashboard/unions/union-a/")


def test_the_share_divides_by_a_later_declared_headcount(union_a):
    union_a.employee_count = 45
    union_a.save()
    UnionRollup.objects.update_or_create(union=union_a, defaults={"members_active": 72})
    facts.fact_push(
        union=union_a,
        key="dues.headcount",
        value={"headcount": 80, "as_of": dt.date.today().isoformat()},
    )
    from federation.dashboard.selectors import members_by_union

    row = next(r for r in members_by_union() if r["slug"] == "union-a")
    assert (row["employees"], row["share"], row["over"]) == (80, Decimal("0.9000"), False)


def test_amounts_carry_thousands_separators(admin_page, union_a):
    from federation.dues.models import DuesNotice

    today = dt.date.today()
    y, m = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    DuesNotice.objects.create(
        union=union_a,
        period=f"{y}-{m:02d}",
        period_start=dt.date(y, m, 1),
        collection_mode="full",
        payroll_total=Decimal("6219900"),
        rate=Decimal("0.02"),
        workplace_share=Decimal("0.6"),
        upper_share=Decimal("0.4"),
        city_share=Decimal("0.1"),
        amount_issued=Decimal("124398.00"),
        amount_due=Decimal("124398.00"),
        amount_paid=Decimal("0.00"),
        status="issued",
        due_date=today,
        grace_until=today,
    )
    page = _page(admin_page)
    assert "124,398.00" in page
    assert "124398.00" not in page


def test_the_language_menu_names_english_in_english(admin_page):
    page = _page(admin_page)
    assert '<option value="en">English</option>' in page
    assert "英语" not in page


def test_the_api_docs_are_in_the_account_menu_not_the_main_menu(admin_page):
    page = _page(admin_page)
    nav = page.split('<nav class="mainnav">')[1].split("</nav>")[0]
    assert "/api/docs/" not in nav
    assert 'class="account-link"' in page


def test_the_report_due_date_is_not_labelled_as_a_payment(admin_page, union_a):
    from federation.reports import defaults, services

    services.cycle_open(
        form=defaults.annual_form_ensure(),
        period="2026",
        due_date=dt.date(2026, 12, 20),
        unions="all",
    )
    page = _page(admin_page)
    reports = page.split('id="reports"')[1].split("</section>")[0]
    assert "报送截止日期" in reports
    assert "应缴" not in reports
