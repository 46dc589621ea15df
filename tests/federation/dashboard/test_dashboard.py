import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from tenants.models import UnionRollup

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 24)


def _rollup(union, active, women=0, migrant=0):
    UnionRollup.objects.update_or_create(
        union=union,
        defaults={"members_active": active, "members_women": women, "members_migrant": migrant},
    )


def _notice(union, period, due, paid="0.00", status="issued"):
    from federation.dues.models import DuesNotice

    y, m = map(int, period.split("-"))
    return DuesNotice.objects.create(
        union=union,
        period=period,
        period_start=dt.date(y, m, 1),
        collection_mode="full",
        payroll_total=Decimal(due) * 50,
        rate=Decimal("0.02"),
        workplace_share=Decimal("0.6"),
        upper_share=Decimal("0.4"),
        city_share=Decimal("0.1"),
        amount_issued=Decimal(due),
        amount_due=Decimal(due),
        amount_paid=Decimal(paid),
        status=status,
        due_date=dt.date(y, m, 28),
        grace_until=dt.date(y, m, 28),
    )


@time_machine.travel(dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC))
def test_the_api_sums_roll_ups_and_the_current_period(union_a, union_b, federation_admin_api):
    _rollup(union_a, 150, women=60, migrant=40)
    _rollup(union_b, 70, women=30, migrant=5)
    _notice(union_a, "2026-10", "1000.00", "1000.00", "paid")
    _notice(union_b, "2026-10", "500.00", "100.00", "partial")
    _notice(union_b, "2026-09", "500.00", "0.00", "overdue")
    body = federation_admin_api.get("/api/v1/dashboard/").json()
    assert body["unions"] == 2
    assert body["members"] == 220
    assert body["women_members"] == 90
    assert body["dues"] == {
        "period": "2026-10",
        "amount_due": "1500.00",
        "amount_paid": "1100.00",
        "collection_rate": "0.7333",
    }
    assert set(body) == {"unions", "members", "women_members", "dues", "homes", "reports", "as_of"}
    assert set(body["reports"]) == {"open_cycles", "late"}


@time_machine.travel(dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC))
def test_largest_arrears_are_ordered_by_balance(union_a, union_b):
    from federation.dashboard.selectors import dues_overview

    _notice(union_a, "2026-10", "300.00")
    _notice(union_b, "2026-09", "900.00", "100.00", "overdue")
    arrears = dues_overview(today=TODAY)["largest_arrears"]
    assert [(a["union"], a["balance"], a["overdue"]) for a in arrears] == [
        ("union-b", Decimal("800.00"), 1),
        ("union-a", Decimal("300.00"), 0),
    ]


def test_an_inactive_union_is_not_counted(union_a, union_b):
    from federation.dashboard.selectors import members_overview
    from tenants.services import union_deactivate

    _rollup(union_a, 150)
    _rollup(union_b, 70)
    union_deactivate(union=union_b)
    assert members_overview()["active"] == 150


@pytest.mark.parametrize("persona", ["a_chair", "a_organization", "a_member"])
def test_union_users_cannot_reach_the_dashboard(client_for, union_a, persona):
    client = client_for(persona, union_a)
    assert client.get("/api/v1/dashboard/").status_code == 404  # not served on union hosts


@pytest.mark.parametrize(
    ("persona", "status"), [(None, 401), ("federation_viewer", 200), ("federation_clerk", 200)]
)
def test_federation_staff_read_the_dashboard(client_for, persona, status):
    assert client_for(persona).get("/api/v1/dashboard/").status_code == status


def test_the_dashboard_page_links_each_union_to_its_profile(union_a):
    from django.test import Client

    from tests.conftest import PASSWORD

    _rollup(union_a, 150, women=60)
    client = Client(HTTP_HOST="localhost")
    client.post("/accounts/login/", {"username": "federation_viewer", "password": PASSWORD})
    html = client.get("/dashboard/").content.decode()
    assert 'href="/dashboard/unions/union-a/"' in html
    assert "<svg" in html
    assert "cdn" not in html.lower()
    assert "kozea.github.io" not in html


def test_the_drill_down_shows_counts_and_the_chair_but_no_member_personal_data(union_a, in_union):
    from django.test import Client

    from tests.conftest import PASSWORD

    _rollup(union_a, 150, women=60)
    client = Client(HTTP_HOST="localhost")
    client.post("/accounts/login/", {"username": "federation_viewer", "password": PASSWORD})
    resp = client.get("/dashboard/unions/union-a/")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "a_chair" in html
    assert ">150<" in html
    # nothing that identifies a member: no ID numbers, phones or member lists
    import re

    assert not re.search(r"\d{17}[\dX]", html)
    assert not re.search(r"1[3-9]\d{9}", html)


def _queries(fn) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    # django-tenants sets the search_path before each query; count the real ones
    return [q["sql"] for q in ctx.captured_queries if not q["sql"].startswith("SET search_path")]


def test_the_dashboard_query_count_does_not_grow_with_unions(
    union_a, union_b, federation_admin_api
):
    from federation.dashboard.selectors import dashboard_api_payload
    from tenants.models import Union

    _rollup(union_a, 1)
    before = len(_queries(lambda: dashboard_api_payload(today=TODAY)))
    Union.objects.bulk_create(
        Union(
            slug=f"extra-{i}",
            schema_name=f"u_extra_{i}",
            name="x",
            kind="other",
            status="active",
            ready=True,
        )
        for i in range(30)
    )
    for u in Union.objects.filter(slug__startswith="extra-"):
        _rollup(u, 3)
        _notice(u, "2026-10", "10.00")
    after = len(_queries(lambda: dashboard_api_payload(today=TODAY)))
    assert before == after == 12


@time_machine.travel(dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC))
def test_dashboard_dues_equal_a_recount_of_payments_after_a_payment(union_a, federation_admin_api):
    from django.db.models import Sum

    from federation.dues.models import Payment
    from federation.dues.services import payment_record

    notice = _notice(union_a, "2026-10", "800.00")
    payment_record(
        notice=notice, amount="300.00", paid_on="2026-11-10", reference="BANK-DASH-1", actor=None
    )
    paid = Payment.objects.filter(notice__period="2026-10").aggregate(s=Sum("amount"))["s"]
    body = federation_admin_api.get("/api/v1/dashboard/").json()
    assert body["dues"]["amount_paid"] == f"{paid:.2f}" == "300.00"
