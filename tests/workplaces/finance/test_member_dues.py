"""The member dues ledger: the amount due from the rule table, retained members owe
nothing, bulk collection arrives as income once, unpaid streaks are listed, never removed."""

import datetime as dt
from decimal import Decimal

import pytest

from workplaces.finance import dues_ledger
from workplaces.finance.models import DuesCollection, Entry, MemberDues

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("wage", "due"),
    [
        ("5009.99", "25.00"),
        ("5010.00", "25.05"),
        ("9.99", "0.00"),
        ("10.00", "0.05"),
        ("0", "0.00"),
    ],
)
def test_the_amount_due_counts_whole_tens_of_the_wage_at_half_a_percent(wage, due):
    assert dues_ledger.dues_due(
        wage=Decimal(wage), retained=False, on=dt.date(2026, 5, 1)
    ) == Decimal(due)


def test_a_retained_member_owes_nothing():
    assert dues_ledger.dues_due(
        wage=Decimal("8000.00"), retained=True, on=dt.date(2026, 5, 1)
    ) == Decimal("0.00")


def test_the_rate_is_read_from_the_rule_table_row_in_force():
    from federation.rules.models import RuleValue

    RuleValue.objects.create(
        key="finance.member_dues_rate", value="0.0100", effective_from=dt.date(2026, 6, 1)
    )
    assert dues_ledger.dues_due(
        wage=Decimal("5009.99"), retained=False, on=dt.date(2026, 5, 1)
    ) == Decimal("25.00")
    assert dues_ledger.dues_due(
        wage=Decimal("5009.99"), retained=False, on=dt.date(2026, 6, 1)
    ) == Decimal("50.00")


def test_generating_a_month_twice_creates_its_rows_once(union_a, in_union, member_in):
    active = member_in(union_a, monthly_wage=Decimal("5009.99"))
    retired = member_in(union_a, status="retained", monthly_wage=Decimal("3000.00"))
    member_in(union_a, status="withdrawn")
    with in_union(union_a):
        assert dues_ledger.dues_month_generate(actor=None, month=dt.date(2026, 5, 1)) == 2
        assert dues_ledger.dues_month_generate(actor=None, month=dt.date(2026, 5, 20)) == 0
        rows = {r.member_id: r.due for r in MemberDues.objects.all()}
    assert rows == {active.pk: Decimal("25.00"), retired.pk: Decimal("0.00")}


def test_a_payroll_deduction_pays_everyone_and_arrives_as_income_once(
    client_for, union_a, in_union, member_in
):
    one = member_in(union_a, monthly_wage=Decimal("5009.99"))
    two = member_in(union_a, monthly_wage=Decimal("3000.00"))
    api = client_for("a_finance", union_a)
    assert (
        api.post("/api/v1/finance/member-dues/", {"month": "2026-05"}, format="json").json()[
            "created"
        ]
        == 2
    )
    body = {"month": "2026-05", "reference": "PAYROLL-202605", "paid_on": "2026-06-10"}
    response = api.post("/api/v1/finance/member-dues/collections/", body, format="json")
    assert response.status_code == 201
    assert response.json()["total"] == "40.00"
    again = api.post("/api/v1/finance/member-dues/collections/", body, format="json")
    assert again.status_code == 409
    with in_union(union_a):
        assert {r.member_id: r.paid for r in MemberDues.objects.all()} == {
            one.pk: Decimal("25.00"),
            two.pk: Decimal("15.00"),
        }
        income = Entry.objects.get(category="dues")
        assert income.amount == Decimal("40.00")
        assert income.status == "approved"
        assert DuesCollection.objects.count() == 1
    assert api.get("/api/v1/finance/report/?year=2026").json()["income"]["dues"] == "40.00"


def test_an_import_pays_the_listed_members_and_refuses_more_than_owed(
    client_for, union_a, member_in, in_union
):
    one = member_in(union_a, monthly_wage=Decimal("5009.99"))
    api = client_for("a_finance", union_a)
    api.post("/api/v1/finance/member-dues/", {"month": "2026-05"}, format="json")
    over = api.post(
        "/api/v1/finance/member-dues/collections/",
        {
            "month": "2026-05",
            "reference": "IMP-1",
            "paid_on": "2026-06-01",
            "items": [{"member": one.pk, "amount": "25.01"}],
        },
        format="json",
    )
    assert over.status_code == 400
    assert "items[0].amount" in over.json()
    with in_union(union_a):
        assert Entry.objects.count() == 0
    ok = api.post(
        "/api/v1/finance/member-dues/collections/",
        {
            "month": "2026-05",
            "reference": "IMP-2",
            "paid_on": "2026-06-01",
            "items": [{"member": one.pk, "amount": "25.00"}],
        },
        format="json",
    )
    assert ok.status_code == 201


def _ledger(member, months: int, *, paid_last: bool = False, upto=dt.date(2026, 10, 1)):
    start = dues_ledger.month_add(upto, -(months - 1))
    for i in range(months):
        month = dues_ledger.month_add(start, i)
        MemberDues.objects.create(
            member=member,
            month=month,
            wage=member.monthly_wage,
            due=Decimal("25.00"),
            paid=Decimal("25.00") if (paid_last and i == months - 1) else Decimal("0"),
        )


def test_six_unpaid_months_in_a_row_list_the_member_five_do_not(union_a, in_union, member_in):
    six = member_in(union_a, name="六个月")
    five = member_in(union_a, name="五个月")
    with in_union(union_a):
        _ledger(six, 6)
        _ledger(five, 5)
        # five's earlier month was paid
        MemberDues.objects.create(
            member=five,
            month=dt.date(2026, 4, 1),
            wage=five.monthly_wage,
            due=Decimal("25.00"),
            paid=Decimal("25.00"),
        )
        listed = dues_ledger.unpaid_streaks(upto=dt.date(2026, 10, 31))
    assert [r["name"] for r in listed] == ["六个月"]
    assert listed[0]["months"] == 6
    assert listed[0]["owed"] == Decimal("150.00")


def test_a_paid_latest_month_breaks_the_streak(union_a, in_union, member_in):
    m = member_in(union_a)
    with in_union(union_a):
        _ledger(m, 7, paid_last=True)
        assert dues_ledger.unpaid_streaks(upto=dt.date(2026, 10, 1)) == []


def test_a_listed_member_is_never_removed_and_the_decision_is_recorded(
    client_for, union_a, in_union, member_in
):
    m = member_in(union_a)
    with in_union(union_a):
        _ledger(m, 6)
    api = client_for("a_finance", union_a)
    listed = api.get("/api/v1/finance/member-dues/unpaid/?upto=2026-10").json()["results"]
    assert [r["member"] for r in listed] == [m.pk]
    decided = api.post(
        "/api/v1/finance/member-dues/unpaid/decisions/",
        {"member": m.pk, "decided_on": "2026-11-05", "decision": "谈话后补缴"},
        format="json",
    )
    assert decided.status_code == 201
    with in_union(union_a):
        m.refresh_from_db()
        assert m.status == "active"


def test_a_plain_member_cannot_read_the_dues_ledger(client_for, union_a):
    assert (
        client_for("a_member", union_a)
        .get("/api/v1/finance/member-dues/?month=2026-05")
        .status_code
        == 403
    )


def test_a_bad_month_is_a_400(client_for, union_a):
    response = client_for("a_finance", union_a).post(
        "/api/v1/finance/member-dues/", {"month": "2026-13"}, format="json"
    )
    assert response.status_code == 400
    assert "month" in response.json()


def test_generating_a_month_reads_the_rule_table_once_whatever_the_register_size(
    union_a, in_union, member_in
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(30):
        member_in(union_a)
    with in_union(union_a), CaptureQueriesContext(connection) as ctx:
        assert dues_ledger.dues_month_generate(actor=None, month=dt.date(2026, 7, 1)) >= 30
    rule_reads = [q for q in ctx.captured_queries if "rules_rulevalue" in q["sql"]]
    assert len(rule_reads) == 2  # the floor unit and the rate, not two a member


def test_the_arrears_list_costs_the_same_queries_for_one_member_or_ten(
    union_a, in_union, member_in
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    members = [member_in(union_a) for _ in range(10)]
    counts = []
    with in_union(union_a):
        for listed in (members[:1], members[1:]):
            for m in listed:
                _ledger(m, 6)
                dues_ledger.unpaid_decision_record(
                    actor=None, member=m, decided_on=dt.date(2026, 10, 5), decision="谈话"
                )
            with CaptureQueriesContext(connection) as ctx:
                rows = dues_ledger.unpaid_streaks(upto=dt.date(2026, 10, 31))
            counts.append(len(ctx.captured_queries))
            assert all(r["decisions"][0]["decision"] == "谈话" for r in rows)
    assert len(rows) == 10
    assert counts[0] == counts[1]


def test_the_dues_page_shows_a_large_month_by_pages(union_a, in_union):
    from django.test import Client

    from tests.conftest import PASSWORD, host_of
    from tests.workplaces.organization.factories import members_bulk

    with in_union(union_a):
        members_bulk(150)
        dues_ledger.dues_month_generate(actor=None, month=dt.date(2026, 7, 1))
    client = Client(HTTP_HOST=host_of(union_a))
    client.cookies["django_language"] = "en"
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    html = client.get("/finance/member-dues/?month=2026-07").content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?month=2026-07&amp;page=2"' in html
