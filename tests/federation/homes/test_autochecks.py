"""Automatic evidence of criteria with an automatic check."""

import pytest

from federation.homes.checks import auto_checks_run
from tenants.models import UnionRollup

pytestmark = pytest.mark.django_db


def test_without_records_every_automatic_check_says_no_data(union_a):
    keys = [
        "member_share",
        "member_roll",
        "committee_term",
        "congress_held",
        "proposals_answered",
        "women_members",
        "activities_held",
        "dues_on_time",
    ]
    results = auto_checks_run(union=union_a, keys=keys)
    assert {k: r["status"] for k, r in results.items()} == {k: "no_data" for k in keys}


def test_member_numbers_come_from_the_rollup(union_a):
    UnionRollup.objects.update_or_create(
        union=union_a,
        defaults={"members_active": 190, "members_women": 12, "members_migrant": 30},
    )
    results = auto_checks_run(union=union_a, keys=["member_share", "member_roll", "women_members"])
    assert results["member_share"]["status"] == "pass"
    assert results["member_share"]["value"] == "95.0%"
    assert results["member_roll"]["value"] == "190"
    assert "12" in results["women_members"]["reason"]


def test_the_assessment_shows_automatic_evidence_next_to_its_criterion(
    assessment_a, union_a, client_for
):
    from tenants.models import UnionFact

    UnionRollup.objects.update_or_create(union=union_a, defaults={"members_active": 190})
    UnionFact.objects.filter(union=union_a, key="congress.last_held_on").delete()
    data = (
        client_for("a_chair", union_a).get(f"/api/v1/homes/assessments/{assessment_a.pk}/").json()
    )
    by_code = {i["code"]: i for i in data["items"]}
    assert by_code["ZZ02"]["auto"]["status"] == "pass"
    assert by_code["ZZ02"]["auto"]["value"] == "95.0%"
    assert by_code["MZ01"]["auto"]["status"] == "no_data"
    assert by_code["ZZ04"]["auto"] is None
