"""The federation sees union spending and union life from the facts only: per union and
in total; report prefill sources and staff-home evidence read the same facts."""

import pytest

from tenants.facts import fact_push, facts_refresh

pytestmark = pytest.mark.django_db


def test_spending_by_category_per_union_and_in_total(union_a, union_b, federation_admin_api):
    fact_push(
        union=union_a,
        key="finance.by_year",
        value={
            "2026": {
                "income": {"dues": "100.00"},
                "expense": {"activities": "60.50", "rights": "10.00"},
            }
        },
    )
    fact_push(
        union=union_b,
        key="finance.by_year",
        value={"2026": {"income": {}, "expense": {"activities": "39.50"}}},
    )
    data = federation_admin_api.get("/api/v1/finance/overview/?year=2026").json()
    by_union = {u["union"]: u for u in data["unions"]}
    assert by_union["union-a"]["expense"]["activities"] == "60.50"
    assert by_union["union-a"]["expense_total"] == "70.50"
    assert by_union["union-b"]["expense_total"] == "39.50"
    assert data["totals"]["expense"]["activities"] == "100.00"
    assert data["expense_total"] == "110.00"
    assert data["income_total"] == "100.00"


def test_the_overview_is_for_federation_staff_only(client_for, union_a):
    assert client_for("a_chair", union_a).get("/api/v1/finance/overview/").status_code == 404
    assert client_for(None).get("/api/v1/finance/overview/").status_code == 401


def test_approved_entries_reach_the_fact(client_for, union_a, union_a_chair_api, in_union):
    finance = client_for("a_finance", union_a)
    e = finance.post(
        "/api/v1/finance/entries/",
        {
            "kind": "expense",
            "category": "activities",
            "amount": "80.00",
            "on": "2026-05-01",
            "summary": "x",
        },
        format="json",
    ).json()
    finance.post(
        "/api/v1/finance/entries/",
        {
            "kind": "expense",
            "category": "rights",
            "amount": "5.00",
            "on": "2026-05-01",
            "summary": "pending",
        },
        format="json",
    )
    union_a_chair_api.post(f"/api/v1/finance/entries/{e['id']}/approve/", {}, format="json")
    with in_union(union_a):
        facts_refresh(keys=["finance.by_year"])
    from tenants.facts import fact_value

    assert fact_value(union=union_a, key="finance.by_year") == {
        "2026": {"income": {}, "expense": {"activities": "80.00"}}
    }


def test_report_sources_and_staff_home_evidence_read_the_facts(union_a):
    import datetime as dt

    from federation.homes.checks import auto_checks_run
    from federation.reports.sources import source_value

    assert source_value("finance.expense", union_a) is None
    assert (
        auto_checks_run(union=union_a, keys=["finance_books", "activities_held"])["finance_books"][
            "status"
        ]
        == "no_data"
    )
    fact_push(
        union=union_a,
        key="finance.by_year",
        value={"2026": {"income": {"dues": "100.00"}, "expense": {"activities": "60.00"}}},
    )
    fact_push(union=union_a, key="activities.held_by_year", value={"2026": 3})
    assert source_value("finance.expense.activities", union_a) in ("60.00", "0.00")
    results = auto_checks_run(
        union=union_a, keys=["finance_books", "activities_held"], on=dt.date(2026, 6, 1)
    )
    assert results["finance_books"]["status"] == "pass"
    assert results["activities_held"]["status"] == "pass"
    assert results["activities_held"]["value"] == "3"


def test_the_township_activities_and_model_worker_roster(union_a, union_b, federation_admin_api):
    fact_push(union=union_a, key="activities.held_by_year", value={"2026": 12})
    fact_push(union=union_a, key="activities.participants_by_year", value={"2026": 240})
    fact_push(union=union_a, key="activities.training_hours_by_year", value={"2026": "36.5"})
    fact_push(union=union_a, key="activities.model_workers", value=1)
    fact_push(
        union=union_a,
        key="activities.model_worker_roster",
        value=[{"name": "张劳模", "level": "county", "level_name": "县级", "year": 2026}],
    )
    fact_push(union=union_b, key="activities.held_by_year", value={"2026": 2, "2025": 9})
    data = federation_admin_api.get("/api/v1/activities/overview/?year=2026").json()
    assert data["totals"]["held"] == 14
    assert data["totals"]["training_hours"] == 36.5
    assert data["model_worker_roster"][0]["name"] == "张劳模"
    assert data["model_worker_roster"][0]["union"] == "union-a"
