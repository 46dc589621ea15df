"""Hardship files: one open file per household in the township (a constraint in the
public index), aid, review and exit, and the federation's audited opening."""

import pytest
from django.db import IntegrityError, transaction

from federation.hardship.models import HouseholdClaim
from federation.platform.audit.models import AuditEvent
from tenants.facts import facts_refresh
from tests.workplaces.rights.factories import unique_id
from workplaces.welfare.models import HardshipFile

pytestmark = pytest.mark.django_db

URL = "/api/v1/welfare/hardship/"


def _file(member, **overrides):
    data = {
        "member": member.pk,
        "category": "deep",
        "household_size": 3,
        "household_income": "2400.00",
        "reason": "配偶重病",
    }
    data.update(overrides)
    return data


def test_a_file_is_opened_and_claims_the_household_in_the_township_index(
    a_chair, member_in, union_a
):
    m = member_in(union_a)
    res = a_chair.post(URL, _file(m), format="json")
    assert res.status_code == 201
    body = res.json()
    assert (body["status"], body["income_per_head"], body["below_line"]) == ("open", "800.00", True)
    claim = HouseholdClaim.objects.get(union=union_a, file_id=body["id"])
    assert claim.is_open is True
    assert len(claim.key_hash) == 64


def test_a_second_open_file_for_the_same_member_is_a_409(a_chair, member_in, union_a, in_union):
    m = member_in(union_a)
    a_chair.post(URL, _file(m), format="json")
    res = a_chair.post(URL, _file(m, category="relative"), format="json")
    assert res.status_code == 409
    with in_union(union_a):
        assert HardshipFile.objects.count() == 1


def test_a_spouse_in_another_union_cannot_open_a_second_file_for_the_household(
    a_chair, b_chair, member_in, union_a, union_b, in_union
):
    wife_id, husband_id = unique_id("F"), unique_id("M")
    wife = member_in(union_a, id_no=wife_id)
    husband = member_in(union_b, name="李强", gender="M", id_no=husband_id)
    first = a_chair.post(URL, _file(wife, spouse_id_number=husband_id), format="json")
    assert first.status_code == 201
    res = b_chair.post(URL, _file(husband, spouse_id_number=wife_id), format="json")
    assert res.status_code == 409
    assert res.json()["code"] == "household_open"
    with in_union(union_b):
        assert HardshipFile.objects.count() == 0
    assert HouseholdClaim.objects.filter(union=union_b).count() == 0


def test_the_spouse_naming_no_one_is_still_refused_by_their_own_id(
    a_chair, b_chair, member_in, union_a, union_b
):
    husband_id = unique_id("M")
    wife = member_in(union_a)
    husband = member_in(union_b, name="李强", gender="M", id_no=husband_id)
    a_chair.post(URL, _file(wife, spouse_id_number=husband_id), format="json")
    assert b_chair.post(URL, _file(husband), format="json").status_code == 409


def test_the_index_constraint_itself_refuses_a_second_open_claim(union_a, union_b):
    HouseholdClaim.objects.create(
        key_hash="a" * 64, union=union_a, file_id=1, opened_on="2026-01-01"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdClaim.objects.create(
            key_hash="a" * 64, union=union_b, file_id=7, opened_on="2026-02-01"
        )


def test_a_closed_file_releases_the_household(a_chair, b_chair, member_in, union_a, union_b):
    husband_id = unique_id("M")
    wife = member_in(union_a)
    husband = member_in(union_b, name="李强", gender="M", id_no=husband_id)
    made = a_chair.post(
        URL, _file(wife, spouse_id_number=husband_id, opened_on="2026-01-10"), format="json"
    ).json()
    closed = a_chair.post(
        f"{URL}{made['id']}/close/", {"reason": "家庭收入好转", "on": "2026-10-01"}, format="json"
    )
    assert closed.json()["status"] == "closed"
    assert b_chair.post(URL, _file(husband), format="json").status_code == 201


def test_aid_is_recorded_on_an_open_file_and_refused_on_a_closed_one(a_chair, member_in, union_a):
    m = member_in(union_a)
    made = a_chair.post(URL, _file(m, opened_on="2026-01-10"), format="json").json()
    aid = {"amount": "500.00", "given_on": "2026-02-01", "kind": "cash"}
    assert a_chair.post(f"{URL}{made['id']}/aid/", aid, format="json").status_code == 201
    a_chair.post(f"{URL}{made['id']}/close/", {"reason": "退出", "on": "2026-03-01"}, format="json")
    assert a_chair.post(f"{URL}{made['id']}/aid/", aid, format="json").status_code == 409


def test_the_same_aid_sent_twice_is_a_409_and_given_once(a_chair, member_in, union_a, in_union):
    from workplaces.welfare.models import HardshipAid

    m = member_in(union_a)
    made = a_chair.post(URL, _file(m, opened_on="2026-01-10"), format="json").json()
    aid = {"amount": "500.00", "given_on": "2026-02-01", "kind": "cash"}
    assert a_chair.post(f"{URL}{made['id']}/aid/", aid, format="json").status_code == 201
    res = a_chair.post(f"{URL}{made['id']}/aid/", aid, format="json")
    assert res.status_code == 409
    assert res.json()["code"] == "duplicate"
    with in_union(union_a):
        assert HardshipAid.objects.filter(file_id=made["id"]).count() == 1


def test_the_yearly_review_can_change_the_category(a_chair, member_in, union_a):
    m = member_in(union_a)
    made = a_chair.post(URL, _file(m, opened_on="2026-01-10"), format="json").json()
    res = a_chair.post(
        f"{URL}{made['id']}/review/",
        {
            "year": 2026,
            "reviewed_on": "2026-12-01",
            "outcome": "recategorise",
            "category": "relative",
        },
        format="json",
    )
    assert res.status_code == 201
    assert res.json()["category"] == "relative"


def test_the_yearly_review_exit_closes_the_file(a_chair, member_in, union_a):
    m = member_in(union_a)
    made = a_chair.post(URL, _file(m, opened_on="2026-01-10"), format="json").json()
    res = a_chair.post(
        f"{URL}{made['id']}/review/",
        {"year": 2026, "reviewed_on": "2026-12-01", "outcome": "exit", "note": "脱困"},
        format="json",
    )
    assert res.json()["status"] == "closed"
    assert not HouseholdClaim.objects.filter(
        file_id=made["id"], union=union_a, is_open=True
    ).exists()


def test_an_officer_without_the_right_gets_403(api, union_a):
    assert api("a_organization", union_a).get(URL).status_code == 403


def test_another_unions_file_is_a_404(a_chair, b_chair, member_in, union_b):
    m = member_in(union_b)
    theirs = b_chair.post(URL, _file(m), format="json").json()
    assert a_chair.get(f"{URL}{theirs['id']}/").status_code == 404
    aid = {"amount": "500.00", "given_on": "2026-12-01", "kind": "cash"}
    assert a_chair.post(f"{URL}{theirs['id']}/aid/", aid, format="json").status_code == 404


def test_the_federation_sees_counts_and_aid_without_names(
    a_chair, federation_clerk_api, member_in, union_a, in_union
):
    import datetime as dt

    m = member_in(union_a, name="独特名字")
    today = dt.date.today()
    made = a_chair.post(
        URL, _file(m, opened_on=today.replace(month=1, day=1).isoformat()), format="json"
    ).json()
    a_chair.post(
        f"{URL}{made['id']}/aid/",
        {"amount": "300.00", "given_on": today.isoformat(), "kind": "medical"},
        format="json",
    )
    with in_union(union_a):
        facts_refresh(keys=["welfare.hardship"])
    res = federation_clerk_api.get("/api/v1/welfare/overview/")
    assert res.status_code == 200
    row = next(r for r in res.json()["results"] if r["union"] == "union-a")
    assert (row["deep"], row["aid"]) == (1, "300.00")
    assert "独特名字" not in res.content.decode()
    files = federation_clerk_api.get("/api/v1/welfare/unions/union-a/hardship/")
    assert "独特名字" not in files.content.decode()
    assert files.json()["results"][0]["file"] == made["id"]


def test_a_federation_user_opens_one_file_only_through_an_audited_action(
    a_chair, federation_clerk_api, member_in, union_a, in_union
):
    m = member_in(union_a, name="独特名字")
    made = a_chair.post(URL, _file(m), format="json").json()
    body = {"union": "union-a", "file": made["id"], "reason": "核查帮扶资金"}
    res = federation_clerk_api.post("/api/v1/welfare/hardship/open/", body, format="json")
    assert res.status_code == 200
    assert res.json()["member_name"] == "独特名字"
    event = AuditEvent.objects.get(kind="welfare.hardship_fed_read")
    assert (event.actor_name, event.note, event.union_slug) == (
        "federation_clerk",
        "核查帮扶资金",
        "union-a",
    )
    with in_union(union_a):
        assert AuditEvent.objects.filter(kind="welfare.hardship_fed_read").count() == 1


def test_opening_a_file_without_a_reason_is_a_400_and_not_audited(
    a_chair, federation_clerk_api, member_in, union_a
):
    m = member_in(union_a)
    made = a_chair.post(URL, _file(m), format="json").json()
    body = {"union": "union-a", "file": made["id"], "reason": ""}
    res = federation_clerk_api.post("/api/v1/welfare/hardship/open/", body, format="json")
    assert res.status_code == 400
    assert not AuditEvent.objects.filter(kind="welfare.hardship_fed_read").exists()


def test_opening_a_file_that_does_not_exist_is_a_404(federation_clerk_api):
    body = {"union": "union-a", "file": 999999, "reason": "核查"}
    res = federation_clerk_api.post("/api/v1/welfare/hardship/open/", body, format="json")
    assert res.status_code == 404


# --- a date no minimum-living line covers (the rule's rows start 2000-01-01) ------------
def test_a_file_opened_where_no_minimum_living_line_is_in_force_is_refused_unsaved(
    a_chair, member_in, union_a, in_union
):
    m = member_in(union_a)
    res = a_chair.post(URL, _file(m, opened_on="1999-12-31"), format="json")
    assert res.status_code == 400
    assert res.json()["code"] == "rule_missing"
    with in_union(union_a):
        assert not HardshipFile.objects.exists()
    assert a_chair.get(URL).status_code == 200


def test_a_review_dated_before_the_file_opened_is_refused_and_the_file_still_reads(
    a_chair, member_in, union_a
):
    m = member_in(union_a)
    made = a_chair.post(URL, _file(m, opened_on="2026-01-10"), format="json").json()
    review = {"year": 2026, "reviewed_on": "1999-06-01", "outcome": "continue"}
    res = a_chair.post(f"{URL}{made['id']}/review/", review, format="json")
    assert res.status_code == 400
    assert "reviewed_on" in res.json()
    assert a_chair.get(f"{URL}{made['id']}/").status_code == 200
    assert a_chair.get(URL).status_code == 200
