"""API.md "Committee and terms": contract shapes, bad input, isolation, federation views."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.workplaces.organization.factories import committee_json, members_bulk
from workplaces.organization.models import Term

pytestmark = pytest.mark.django_db

TERMS = "/api/v1/organization/terms/"


def _term(**overrides) -> dict:
    data = {
        "elected_on": "2024-05-01",
        "term_years": 5,
        "approved_on": "2024-05-10",
        "committee": committee_json(5),
    }
    data.update(overrides)
    return data


@pytest.fixture
def a_members(union_a, in_union):
    with in_union(union_a):
        members_bulk(200)


def test_post_term_returns_the_contract_fields(union_a_chair_api, a_members):
    r = union_a_chair_api.post(TERMS, _term(), format="json")
    assert r.status_code == 201, r.data
    assert {"id", "elected_on", "ends_on", "status"} <= set(r.data)
    assert r.data["ends_on"] == "2029-05-01"
    assert r.data["status"] in ("in_term", "due_soon", "overdue")


def test_committee_of_8_at_200_members_is_400_on_committee(
    union_a_chair_api, a_members, union_a, in_union
):
    r = union_a_chair_api.post(TERMS, _term(committee=committee_json(8)), format="json")
    assert r.status_code == 400
    assert list(r.data) == ["committee"]
    with in_union(union_a):
        assert Term.objects.count() == 0


def test_committee_of_7_at_200_members_is_201(union_a_chair_api, a_members):
    assert (
        union_a_chair_api.post(TERMS, _term(committee=committee_json(7)), format="json").status_code
        == 201
    )


@pytest.mark.parametrize("years", [4, 0, "x"])
def test_bad_term_years_is_400_on_term_years(union_a_chair_api, a_members, years):
    r = union_a_chair_api.post(TERMS, _term(term_years=years), format="json")
    assert r.status_code == 400
    assert "term_years" in r.data


def test_bad_position_is_400(union_a_chair_api, a_members):
    bad = committee_json(5)
    bad[1]["position"] = "king"
    r = union_a_chair_api.post(TERMS, _term(committee=bad), format="json")
    assert r.status_code == 400
    assert "committee" in r.data


def test_current_term_none_then_in_term(union_a_chair_api, a_members):
    r = union_a_chair_api.get(TERMS + "current/")
    assert r.status_code == 200
    assert r.data == {
        "id": None,
        "elected_on": None,
        "ends_on": None,
        "days_left": None,
        "status": "none",
    }
    elected = timezone.localdate() - dt.timedelta(days=10)
    union_a_chair_api.post(TERMS, _term(elected_on=elected.isoformat()), format="json")
    r = union_a_chair_api.get(TERMS + "current/")
    assert set(r.data) == {"id", "elected_on", "ends_on", "days_left", "status"}
    assert r.data["status"] == "in_term"
    assert r.data["days_left"] > 365 * 4


def test_another_unions_term_is_404(union_a_chair_api, union_b_chair_api, a_members):
    term_id = union_a_chair_api.post(TERMS, _term(), format="json").data["id"]
    assert union_b_chair_api.get(f"{TERMS}{term_id}/").status_code == 404
    assert union_a_chair_api.get(f"{TERMS}{term_id}/").status_code == 200


def test_a_member_cannot_record_a_term(client_for, union_a, a_members, in_union):
    r = client_for("a_member", union_a).post(TERMS, _term(), format="json")
    assert r.status_code == 403
    with in_union(union_a):
        assert Term.objects.count() == 0


def test_anonymous_is_401(client_for, union_a):
    assert client_for(None, union_a).get(TERMS).status_code == 401


def test_federation_terms_list_per_union(
    federation_clerk_api, union_a_chair_api, a_members, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        union_a_chair_api.post(TERMS, _term(), format="json")
    r = federation_clerk_api.get(TERMS)
    assert r.status_code == 200
    rows = {row["union"]: row for row in r.data["results"]}
    assert rows["union-a"]["elected_on"] == "2024-05-01"
    assert rows["union-a"]["ends_on"] == "2029-05-01"
    assert rows["union-b"]["status"] == "none"
    assert {"union", "elected_on", "ends_on", "status"} <= set(rows["union-a"])
    none_only = federation_clerk_api.get(TERMS + "?status=none").data["results"]
    assert [row["union"] for row in none_only] == ["union-b"]


def test_federation_terms_show_no_personal_data(
    federation_clerk_api, union_a_chair_api, a_members, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        union_a_chair_api.post(TERMS, _term(), format="json")
    text = federation_clerk_api.get(TERMS).content.decode()
    assert "主席甲" not in text
    assert "id_number" not in text


def test_union_user_cannot_read_the_federation_terms_at_the_union_host(union_a_chair_api):
    """On a union host the same path is the union's own list, never the township's."""
    r = union_a_chair_api.get(TERMS)
    assert r.status_code == 200
    assert all("union" not in row for row in r.data["results"])
