"""The federation's view: coverage and overdue mediation from the pushed facts, no names."""

import datetime as dt

import pytest

from tenants.facts import facts_refresh
from tests.workplaces.rights.factories import contract_payload

pytestmark = pytest.mark.django_db

COVERAGE = "/api/v1/rights/contracts/coverage/"


def _push(in_union, union):
    with in_union(union):
        facts_refresh(keys=["rights.contract", "rights.contracts_in_force", "rights.mediation"])


def test_coverage_lists_every_union_with_its_collective_contract(
    a_chair, federation_clerk_api, in_union, union_a, union_b
):
    today = dt.date.today()
    start = today - dt.timedelta(days=40)
    a_chair.post(
        "/api/v1/rights/contracts/",
        contract_payload(
            signed_on=start.isoformat(),
            starts_on=start.isoformat(),
            ends_on=(start.replace(year=start.year + 2) - dt.timedelta(days=1)).isoformat(),
            filed_on=(start + dt.timedelta(days=2)).isoformat(),
        ),
        format="json",
    )
    _push(in_union, union_a)
    res = federation_clerk_api.get(COVERAGE)
    assert res.status_code == 200
    rows = {r["union"]: r for r in res.json()["results"]}
    assert rows["union-a"]["collective"]["status"] == "effective"
    assert rows["union-a"]["highlight"] is False
    assert rows["union-b"]["collective"] is None
    assert rows["union-b"]["highlight"] is True


def test_the_contract_in_force_is_shown_over_an_expired_one(
    a_chair, federation_clerk_api, in_union, union_a
):
    a_chair.post(
        "/api/v1/rights/contracts/", contract_payload(filed_on="2026-03-05"), format="json"
    )
    a_chair.post(
        "/api/v1/rights/contracts/",
        contract_payload(
            signed_on="2020-01-01",
            starts_on="2020-01-01",
            ends_on="2022-12-31",
            filed_on="2020-01-05",
        ),
        format="json",
    )
    _push(in_union, union_a)
    row = next(
        r for r in federation_clerk_api.get(COVERAGE).json()["results"] if r["union"] == "union-a"
    )
    assert row["collective"]["status"] != "expired"  # the one in force wins over the old one


def test_overdue_mediation_is_listed_per_union_without_names(
    a_chair, federation_clerk_api, in_union, union_a
):
    old = (dt.date.today() - dt.timedelta(days=20)).isoformat()
    a_chair.post(
        "/api/v1/rights/mediations/",
        {"received_on": old, "applicant": "赵六", "respondent": "某公司", "matter": "欠薪"},
        format="json",
    )
    _push(in_union, union_a)
    res = federation_clerk_api.get("/api/v1/rights/mediations/overdue/")
    assert res.status_code == 200
    assert [(r["union"], r["overdue"]) for r in res.json()["results"]] == [("union-a", 1)]
    assert "赵六" not in res.content.decode()


def test_a_union_officer_cannot_read_the_coverage(a_chair):
    assert a_chair.get(COVERAGE).status_code == 404


def test_anonymous_cannot_read_the_coverage(anon_federation_api):
    assert anon_federation_api.get(COVERAGE).status_code == 401
