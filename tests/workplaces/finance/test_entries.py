"""Finance entries: approval by the chair and never by the author, the committee threshold,
reversal by a counter-entry, the yearly report, permissions and isolation."""

from decimal import Decimal

import pytest

from workplaces.finance.models import Entry

pytestmark = pytest.mark.django_db

EXPENSE = {
    "kind": "expense",
    "category": "职工活动支出",
    "amount": "800.00",
    "on": "2026-05-04",
    "summary": "篮球赛用品",
    "voucher_no": "记-012",
}
INCOME = {
    "kind": "income",
    "category": "admin_subsidy",
    "amount": "5000.00",
    "on": "2026-03-01",
    "summary": "行政补助",
}


@pytest.fixture
def finance_api(client_for, union_a):
    return client_for("a_finance", union_a)


def test_an_expense_waits_for_approval_and_income_counts_at_once(finance_api):
    expense = finance_api.post("/api/v1/finance/entries/", EXPENSE, format="json")
    income = finance_api.post("/api/v1/finance/entries/", INCOME, format="json")
    assert expense.status_code == 201
    assert expense.json()["status"] == "pending"
    assert expense.json()["category"] == "activities"
    assert income.json()["status"] == "approved"


def test_the_chair_approves_an_expense(finance_api, union_a_chair_api):
    entry = finance_api.post("/api/v1/finance/entries/", EXPENSE, format="json").json()
    response = union_a_chair_api.post(
        f"/api/v1/finance/entries/{entry['id']}/approve/", {}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["approved_by"] == "a_chair"


def test_the_author_cannot_approve_their_own_expense(union_a_chair_api, union_a, in_union):
    entry = union_a_chair_api.post("/api/v1/finance/entries/", EXPENSE, format="json").json()
    response = union_a_chair_api.post(
        f"/api/v1/finance/entries/{entry['id']}/approve/", {}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "own_entry"
    with in_union(union_a):
        assert Entry.objects.get(pk=entry["id"]).status == "pending"


def test_the_finance_officer_cannot_approve(finance_api, union_a, in_union, union_a_chair_api):
    entry = union_a_chair_api.post("/api/v1/finance/entries/", EXPENSE, format="json").json()
    response = finance_api.post(
        f"/api/v1/finance/entries/{entry['id']}/approve/", {}, format="json"
    )
    assert response.status_code == 403
    with in_union(union_a):
        assert Entry.objects.get(pk=entry["id"]).status == "pending"


def test_above_the_threshold_approval_needs_a_committee_decision(
    finance_api, union_a_chair_api, union_a, in_union
):
    big = finance_api.post(
        "/api/v1/finance/entries/", {**EXPENSE, "amount": "5000.01"}, format="json"
    ).json()
    url = f"/api/v1/finance/entries/{big['id']}/approve/"
    refused = union_a_chair_api.post(url, {}, format="json")
    assert refused.status_code == 409
    assert refused.json()["code"] == "committee_decision_required"
    with in_union(union_a):
        assert Entry.objects.get(pk=big["id"]).status == "pending"
    ok = union_a_chair_api.post(url, {"committee_decision": "2026年第5次委员会会议"}, format="json")
    assert ok.status_code == 200


def test_at_the_threshold_no_committee_decision_is_needed(finance_api, union_a_chair_api):
    entry = finance_api.post(
        "/api/v1/finance/entries/", {**EXPENSE, "amount": "5000.00"}, format="json"
    ).json()
    response = union_a_chair_api.post(
        f"/api/v1/finance/entries/{entry['id']}/approve/", {}, format="json"
    )
    assert response.status_code == 200


def test_an_unapproved_expense_is_not_in_the_report(finance_api):
    finance_api.post("/api/v1/finance/entries/", EXPENSE, format="json")
    report = finance_api.get("/api/v1/finance/report/?year=2026").json()
    assert report["expense"]["activities"] == "0.00"
    assert report["balance"] == "0.00"


def test_a_reversal_nets_to_zero_and_both_rows_remain(
    finance_api, union_a_chair_api, union_a, in_union
):
    entry = finance_api.post("/api/v1/finance/entries/", EXPENSE, format="json").json()
    union_a_chair_api.post(f"/api/v1/finance/entries/{entry['id']}/approve/", {}, format="json")
    assert (
        finance_api.get("/api/v1/finance/report/?year=2026").json()["expense"]["activities"]
        == "800.00"
    )
    response = finance_api.post(
        f"/api/v1/finance/entries/{entry['id']}/reverse/",
        {"reason": "重复记账", "on": "2026-06-01"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["amount"] == "-800.00"
    assert response.json()["reversal_of"] == entry["id"]
    report = finance_api.get("/api/v1/finance/report/?year=2026").json()
    assert report["expense"]["activities"] == "0.00"
    with in_union(union_a):
        assert Entry.objects.count() == 2
    again = finance_api.post(
        f"/api/v1/finance/entries/{entry['id']}/reverse/", {"reason": "x"}, format="json"
    )
    assert again.status_code == 409


def test_an_entry_cannot_be_deleted_even_in_sql(finance_api, union_a, in_union):
    from django.db import DatabaseError, transaction

    entry = finance_api.post("/api/v1/finance/entries/", INCOME, format="json").json()
    assert finance_api.delete(f"/api/v1/finance/entries/{entry['id']}/").status_code == 405
    with in_union(union_a):
        with pytest.raises(DatabaseError), transaction.atomic():
            Entry.objects.filter(pk=entry["id"]).delete()
        assert Entry.objects.filter(pk=entry["id"]).exists()


def test_the_yearly_report_equals_a_sum_of_approved_entries(
    finance_api, union_a_chair_api, union_a, in_union
):
    amounts = ["120.50", "999.99", "0.01", "4321.00"]
    for i, amount in enumerate(amounts):
        e = finance_api.post(
            "/api/v1/finance/entries/",
            {**EXPENSE, "amount": amount, "category": ["activities", "维权支出"][i % 2]},
            format="json",
        ).json()
        if i != 2:
            union_a_chair_api.post(f"/api/v1/finance/entries/{e['id']}/approve/", {}, format="json")
    finance_api.post("/api/v1/finance/entries/", INCOME, format="json")
    finance_api.post("/api/v1/finance/entries/", {**INCOME, "on": "2025-12-31"}, format="json")
    report = finance_api.get("/api/v1/finance/report/?year=2026").json()
    with in_union(union_a):
        rows = list(
            Entry.objects.filter(status="approved", on__year=2026).values(
                "kind", "category", "amount"
            )
        )
    expected = {"income": {}, "expense": {}}
    for r in rows:
        expected[r["kind"]][r["category"]] = (
            expected[r["kind"]].get(r["category"], Decimal(0)) + r["amount"]
        )
    for kind in ("income", "expense"):
        got = {c: Decimal(v) for c, v in report[kind].items() if Decimal(v)}
        assert got == expected[kind]
    total = sum(expected["income"].values()) - sum(expected["expense"].values())
    assert Decimal(report["balance"]) == total
    assert report["expense"]["activities"] == "120.50"
    assert report["expense"]["rights"] == "5320.99"


def test_a_budget_by_chinese_names_and_codes(finance_api):
    response = finance_api.post(
        "/api/v1/finance/budgets/",
        {
            "year": 2026,
            "lines": [
                {"category": "职工活动支出", "amount": "60000"},
                {"category": "dues", "amount": "12000.00"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201
    report = finance_api.get("/api/v1/finance/report/?year=2026").json()
    assert report["budget"] == {"activities": "60000.00", "dues": "12000.00"}
    assert (
        finance_api.post(
            "/api/v1/finance/budgets/",
            {"year": 2026, "lines": [{"category": "dues", "amount": "1"}]},
            format="json",
        ).status_code
        == 409
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**EXPENSE, "category": "吃喝"}, "category"),
        ({**EXPENSE, "category": "会费"}, "category"),
        ({**EXPENSE, "amount": "-1"}, "amount"),
        ({**EXPENSE, "amount": "1e12"}, "amount"),
        ({**EXPENSE, "on": "2026-13-01"}, "on"),
        ({**EXPENSE, "kind": "gift"}, "kind"),
    ],
)
def test_bad_entry_input_is_a_400_naming_the_field(finance_api, payload, field, union_a, in_union):
    response = finance_api.post("/api/v1/finance/entries/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    with in_union(union_a):
        assert Entry.objects.count() == 0


def test_a_cap_per_person_per_year_is_checked_on_entry(finance_api, union_a, in_union):
    goods = {**EXPENSE, "summary": "中秋慰问品", "cap": "festival_goods", "headcount": 10}
    assert (
        finance_api.post(
            "/api/v1/finance/entries/", {**goods, "amount": "15000.00"}, format="json"
        ).status_code
        == 201
    )
    at_cap = finance_api.post(
        "/api/v1/finance/entries/", {**goods, "amount": "5000.00"}, format="json"
    )
    assert at_cap.status_code == 201  # 1500 + 500 = 2000 per person: the cap itself is allowed
    over = finance_api.post("/api/v1/finance/entries/", {**goods, "amount": "0.10"}, format="json")
    assert over.status_code == 400
    assert "amount" in over.json()
    with in_union(union_a):
        assert Entry.objects.count() == 2


@pytest.mark.parametrize(
    ("username", "code"),
    [
        ("a_chair", 200),
        ("a_finance", 200),
        ("a_life_audit", 200),
        ("a_member", 403),
        ("a_organization", 403),
    ],
)
def test_finance_is_visible_to_the_chair_finance_and_audit_not_members(
    client_for, login_api, union_a, username, code
):
    if username == "a_life_audit":
        api = login_api(union_a, "a_life_audit", "audit")
    else:
        api = client_for(username, union_a)
    for url in ("/api/v1/finance/entries/", "/api/v1/finance/report/?year=2026"):
        assert api.get(url).status_code == code, url


def test_the_audit_committee_cannot_write_entries(login_api, union_a, in_union):
    api = login_api(union_a, "a_life_audit", "audit")
    assert api.post("/api/v1/finance/entries/", INCOME, format="json").status_code == 403
    with in_union(union_a):
        assert Entry.objects.count() == 0


def test_another_unions_entries_are_404(union_b_chair_api, client_for, union_a):
    entry = union_b_chair_api.post("/api/v1/finance/entries/", EXPENSE, format="json").json()
    api = client_for("a_chair", union_a)
    for method, url in [
        ("get", f"/api/v1/finance/entries/{entry['id']}/"),
        ("post", f"/api/v1/finance/entries/{entry['id']}/approve/"),
        ("post", f"/api/v1/finance/entries/{entry['id']}/reverse/"),
        ("post", f"/api/v1/finance/entries/{entry['id']}/reject/"),
    ]:
        assert getattr(api, method)(url, {"reason": "x"}, format="json").status_code == 404, url
    assert api.get("/api/v1/finance/entries/").json()["count"] == 0
