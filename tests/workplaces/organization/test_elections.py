"""The election (换届) as a process: application, federation approval, result, approval
starts the new term. Boundaries: 2/3 of eligible voters present, more than half of the
eligible voters' votes, 20% more candidates than seats."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from federation.elections.models import ElectionResult
from federation.platform.accounts.permissions import has_role
from federation.platform.errors import ConflictError
from tests.workplaces.organization.factories import members_bulk, user_make
from workplaces.organization import elections
from workplaces.organization.models import Term

pytestmark = pytest.mark.django_db

APPS = "/api/v1/organization/elections/applications/"
RESULTS = "/api/v1/organization/elections/results/"


def test_exactly_two_thirds_present_is_valid():
    assert elections.election_valid(present=60, eligible=90) is True


def test_one_below_two_thirds_is_not_valid():
    assert elections.election_valid(present=59, eligible=90) is False


def test_46_of_90_eligible_is_elected():
    assert elections.candidate_elected(votes=46, eligible=90) is True


def test_45_of_90_eligible_is_not_elected_even_if_present_were_fewer():
    assert elections.candidate_elected(votes=45, eligible=90) is False


def test_competitive_needs_20_percent_more_candidates():
    assert elections.candidates_enough(candidates=6, seats=5) is True
    assert elections.candidates_enough(candidates=5, seats=5) is False
    assert elections.candidates_enough(candidates=9, seats=7) is True  # 7 * 1.2 = 8.4
    assert elections.candidates_enough(candidates=8, seats=7) is False


def _candidates(n_elected_votes=(60, 50, 50, 50, 50), extra=(10,)):
    rows = [{"name": "主席甲", "votes": n_elected_votes[0], "position": "chair"}]
    rows += [
        {"name": f"委员{i}", "votes": v, "position": "member"}
        for i, v in enumerate(n_elected_votes[1:], 1)
    ]
    rows += [{"name": f"落选{i}", "votes": v, "position": "member"} for i, v in enumerate(extra)]
    return rows


@pytest.fixture
def a_members(union_a, in_union):
    with in_union(union_a):
        members_bulk(90)


def test_application_with_too_few_candidates_is_400(union_a_chair_api, a_members):
    r = union_a_chair_api.post(
        APPS,
        {"planned_on": "2026-12-01", "seats": 5, "candidates": ["甲", "乙", "丙", "丁", "戊"]},
        format="json",
    )
    assert r.status_code == 400
    assert list(r.data) == ["candidates"]


def test_second_open_application_is_409(union_a_chair_api, a_members):
    body = {
        "planned_on": "2026-12-01",
        "seats": 5,
        "candidates": ["甲", "乙", "丙", "丁", "戊", "己"],
    }
    assert union_a_chair_api.post(APPS, body, format="json").status_code == 201
    assert union_a_chair_api.post(APPS, body, format="json").status_code == 409


def test_federation_approves_application(union_a_chair_api, federation_admin_api, a_members):
    body = {
        "planned_on": "2026-12-01",
        "seats": 5,
        "candidates": ["甲", "乙", "丙", "丁", "戊", "己"],
    }
    app_id = union_a_chair_api.post(APPS, body, format="json").data["id"]
    r = federation_admin_api.post(f"{APPS}{app_id}/approve/", {"note": "同意"}, format="json")
    assert r.status_code == 200
    assert r.data["status"] == "approved"
    assert (
        federation_admin_api.post(f"{APPS}{app_id}/return/", {}, format="json").status_code == 409
    )


def test_a_clerk_cannot_approve(union_a_chair_api, federation_clerk_api, a_members):
    body = {
        "planned_on": "2026-12-01",
        "seats": 5,
        "candidates": ["甲", "乙", "丙", "丁", "戊", "己"],
    }
    app_id = union_a_chair_api.post(APPS, body, format="json").data["id"]
    assert (
        federation_clerk_api.post(f"{APPS}{app_id}/approve/", {}, format="json").status_code == 403
    )
    assert union_a_chair_api.get(APPS).data["results"][0]["status"] == "submitted"


def test_result_with_59_of_90_present_is_not_valid_and_cannot_be_approved(
    union_a_chair_api, federation_admin_api, a_members
):
    r = union_a_chair_api.post(
        RESULTS,
        {
            "held_on": "2026-01-10",
            "term_years": 5,
            "eligible_voters": 90,
            "voters_present": 59,
            "candidates": _candidates((59, 50, 50, 50, 50)),
        },
        format="json",
    )
    assert r.status_code == 201, r.data
    assert r.data["valid"] is False
    assert r.data["elected"] == []
    r = federation_admin_api.post(f"{RESULTS}{r.data['id']}/approve/", {}, format="json")
    assert r.status_code == 409


def test_result_elects_46_not_45(union_a_chair_api, a_members):
    r = union_a_chair_api.post(
        RESULTS,
        {
            "held_on": "2026-01-10",
            "term_years": 5,
            "eligible_voters": 90,
            "voters_present": 60,
            "candidates": _candidates((46, 50, 50, 50, 50), extra=(45,)),
        },
        format="json",
    )
    assert r.status_code == 201, r.data
    assert r.data["valid"] is True
    assert r.data["elected"] == ["主席甲", "委员1", "委员2", "委员3", "委员4"]


def test_votes_above_present_is_400(union_a_chair_api, a_members):
    r = union_a_chair_api.post(
        RESULTS,
        {
            "held_on": "2026-01-10",
            "term_years": 5,
            "eligible_voters": 90,
            "voters_present": 60,
            "candidates": _candidates((61, 50, 50, 50, 50)),
        },
        format="json",
    )
    assert r.status_code == 400
    assert "candidates" in r.data


def test_present_above_eligible_is_400(union_a_chair_api, a_members):
    r = union_a_chair_api.post(
        RESULTS,
        {
            "held_on": "2026-01-10",
            "term_years": 5,
            "eligible_voters": 90,
            "voters_present": 91,
            "candidates": _candidates(),
        },
        format="json",
    )
    assert r.status_code == 400
    assert list(r.data) == ["voters_present"]


def test_approving_the_result_starts_the_term_and_its_roles(
    union_a, in_union, federation_admin_api, django_capture_on_commit_callbacks
):
    from tenants.facts import fact_value

    with in_union(union_a):
        members_bulk(90)
        vice = user_make("gov_elected_vice")
        held_on = timezone.localdate() - dt.timedelta(days=3)
        cands = [
            elections.CandidateInput("主席甲", 70, "chair"),
            elections.CandidateInput("副主席乙", 66, "vice_chair", user=vice.pk),
            *[elections.CandidateInput(f"委员{i}", 50, "member") for i in range(3)],
        ]
        result = elections.result_submit(
            held_on=held_on,
            term_years=5,
            eligible_voters=90,
            voters_present=80,
            candidates=cands,
            actor=None,
        )
    with django_capture_on_commit_callbacks(execute=True):
        r = federation_admin_api.post(f"{RESULTS}{result.pk}/approve/", {}, format="json")
    assert r.status_code == 200, r.data
    assert r.data["status"] == "approved"
    with in_union(union_a):
        term = Term.objects.get(is_current=True)
        assert term.elected_on == held_on
        assert term.result_ref == result.pk
        assert has_role(get_user_model().objects.get(pk=vice.pk), "vice_chair")
    assert ElectionResult.objects.get(pk=result.pk).term_ref == term.pk
    assert fact_value(union=union_a, key="organization.term")["elected_on"] == held_on.isoformat()
    assert fact_value(union=union_a, key="organization.pending") == {
        "applications": 0,
        "results": 0,
    }


def test_a_result_is_applied_once(union_a, in_union):
    from federation.elections.services import result_decide

    with in_union(union_a):
        members_bulk(90)
        result = elections.result_submit(
            held_on=dt.date(2026, 1, 10),
            term_years=5,
            eligible_voters=90,
            voters_present=80,
            candidates=[
                elections.CandidateInput("甲", 70, "chair"),
                *[elections.CandidateInput(f"委{i}", 70) for i in range(4)],
            ],
            actor=None,
        )
    result_decide(result_id=result.pk, approve=True, actor=None)
    with pytest.raises(ConflictError):
        result_decide(result_id=result.pk, approve=True, actor=None)
    with in_union(union_a):
        assert Term.objects.count() == 1


def test_another_unions_result_is_not_listed_at_this_union(
    union_a, union_b, in_union, union_b_chair_api
):
    with in_union(union_a):
        members_bulk(90)
        elections.result_submit(
            held_on=dt.date(2026, 1, 10),
            term_years=5,
            eligible_voters=90,
            voters_present=80,
            candidates=[
                elections.CandidateInput("甲", 70, "chair"),
                *[elections.CandidateInput(f"委{i}", 70) for i in range(4)],
            ],
            actor=None,
        )
    assert union_b_chair_api.get(RESULTS).data["count"] == 0


def test_result_electing_two_chairs_is_400(union_a, in_union):
    with in_union(union_a):
        members_bulk(90)
        with pytest.raises(ValidationError) as exc:
            elections.result_submit(
                held_on=dt.date(2026, 1, 10),
                term_years=5,
                eligible_voters=90,
                voters_present=80,
                candidates=[
                    elections.CandidateInput("甲", 70, "chair"),
                    elections.CandidateInput("乙", 70, "chair"),
                    *[elections.CandidateInput(f"委{i}", 70) for i in range(3)],
                ],
                actor=None,
            )
        assert "candidates" in exc.value.message_dict
