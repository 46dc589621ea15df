"""Issue 12 item 1: once the union's active women members reach the rule value, its women
workers' committee (女职工委员会) is recorded with the term (API and page)."""

import datetime as dt

import pytest
from django.test import Client

from tests.conftest import PASSWORD
from tests.workplaces.organization.factories import committee_json, members_bulk
from workplaces.organization.models import Term

pytestmark = pytest.mark.django_db

TERMS = "/api/v1/organization/terms/"
THRESHOLD = "organization.women_committee_threshold"


def _term(**overrides) -> dict:
    data = {"elected_on": "2024-05-01", "term_years": 5, "committee": committee_json(5)}
    data.update(overrides)
    return data


def test_a_term_without_the_women_committee_at_10_women_is_400_on_it(
    union_a_chair_api, union_a, in_union
):
    with in_union(union_a):
        members_bulk(30, women=10)
    r = union_a_chair_api.post(TERMS, _term(), format="json")
    assert r.status_code == 400
    assert list(r.data) == ["women_committee"]
    assert "女职工委员会" in str(r.data["women_committee"][0])
    with in_union(union_a):
        assert Term.objects.count() == 0


def test_a_term_with_the_women_committee_at_10_women_is_recorded_with_it(
    union_a_chair_api, union_a, in_union
):
    with in_union(union_a):
        members_bulk(30, women=10)
    r = union_a_chair_api.post(TERMS, _term(women_committee=["李芳", "王红"]), format="json")
    assert r.status_code == 201, r.data
    assert r.data["women_committee"] == ["李芳", "王红"]


def test_a_union_with_9_women_is_not_asked_for_a_women_committee(
    union_a_chair_api, union_a, in_union
):
    with in_union(union_a):
        members_bulk(30, women=9)
    r = union_a_chair_api.post(TERMS, _term(), format="json")
    assert r.status_code == 201, r.data
    assert r.data["women_committee"] == []


def test_the_threshold_follows_the_rule_table(union_a_chair_api, union_a, in_union):
    from federation.rules.services import rule_change

    rule_change(key=THRESHOLD, value=11, effective_from=dt.date(2024, 1, 1), actor=None)
    with in_union(union_a):
        members_bulk(30, women=10)
    assert union_a_chair_api.post(TERMS, _term(), format="json").status_code == 201


def test_the_term_page_names_the_missing_women_committee(union_a, in_union):
    with in_union(union_a):
        members_bulk(30, women=10)
    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    post = {"elected_on": "2024-05-01", "term_years": "5", "rows": "5"}
    for i, seat in enumerate(committee_json(5)):
        post.update({f"name_{i}": seat["name"], f"position_{i}": seat["position"]})
    r = client.post("/organization/terms/new/", post)
    assert r.status_code == 200
    assert "本工会有在册女会员10人" in r.content.decode()
    with in_union(union_a):
        assert Term.objects.count() == 0
