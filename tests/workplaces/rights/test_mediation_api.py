"""/api/v1/rights/mediations/ and the mediation committee."""

import datetime as dt

import pytest

from workplaces.rights.models import MediationCase, MediationCommitteeMember

pytestmark = pytest.mark.django_db

URL = "/api/v1/rights/mediations/"
CASE = {
    "received_on": "2026-05-01",
    "applicant": "赵六",
    "respondent": "本公司",
    "matter": "加班费",
}


def test_a_case_received_may_1st_has_its_deadline_on_may_16th(a_chair):
    res = a_chair.post(URL, CASE, format="json")
    assert res.status_code == 201
    assert res.json()["deadline"] == "2026-05-16"
    assert set(res.json()) >= {"id", "deadline", "status"}


def test_a_case_is_closed_with_its_outcome_once(a_chair):
    made = a_chair.post(URL, CASE, format="json").json()
    body = {"outcome": "settled", "closed_on": "2026-05-10", "note": "达成协议"}
    closed = a_chair.post(f"{URL}{made['id']}/close/", body, format="json")
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["overdue"]) == ("settled", False)
    assert a_chair.post(f"{URL}{made['id']}/close/", body, format="json").status_code == 409


def test_an_unknown_outcome_is_a_400_on_outcome(a_chair):
    made = a_chair.post(URL, CASE, format="json").json()
    res = a_chair.post(
        f"{URL}{made['id']}/close/", {"outcome": "won", "closed_on": "2026-05-10"}, format="json"
    )
    assert res.status_code == 400
    assert list(res.json()) == ["outcome"]


def test_an_open_case_past_its_deadline_is_listed_as_overdue(a_chair, in_union, union_a):
    old = dt.date.today() - dt.timedelta(days=30)
    a_chair.post(URL, {**CASE, "received_on": old.isoformat()}, format="json")
    a_chair.post(URL, {**CASE, "received_on": dt.date.today().isoformat()}, format="json")
    res = a_chair.get(URL, {"status": "overdue"})
    assert res.json()["count"] == 1
    assert res.json()["results"][0]["status"] == "overdue"


def test_another_unions_case_is_a_404(a_chair, b_chair):
    theirs = b_chair.post(URL, CASE, format="json").json()
    assert a_chair.get(f"{URL}{theirs['id']}/").status_code == 404
    res = a_chair.post(
        f"{URL}{theirs['id']}/close/", {"outcome": "failed", "closed_on": "2026-05-10"}
    )
    assert res.status_code == 404


def test_the_committee_with_equal_sides_is_recorded(a_chair, in_union, union_a):
    body = {
        "since": "2026-01-01",
        "members": [
            {"name": "张三", "side": "employees", "is_chair": True},
            {"name": "李四", "side": "employees"},
            {"name": "王五", "side": "employer"},
            {"name": "赵六", "side": "employer"},
        ],
    }
    res = a_chair.put("/api/v1/rights/mediation-committee/", body, format="json")
    assert res.status_code == 200
    with in_union(union_a):
        assert MediationCommitteeMember.objects.count() == 4


def test_a_committee_with_unequal_sides_is_a_400_and_the_old_one_stays(a_chair, in_union, union_a):
    url = "/api/v1/rights/mediation-committee/"
    good = {
        "since": "2026-01-01",
        "members": [{"name": "张三", "side": "employees"}, {"name": "王五", "side": "employer"}],
    }
    a_chair.put(url, good, format="json")
    bad = {
        "since": "2026-02-01",
        "members": [*good["members"], {"name": "李四", "side": "employees"}],
    }
    res = a_chair.put(url, bad, format="json")
    assert res.status_code == 400
    assert list(res.json()) == ["members"]
    with in_union(union_a):
        assert sorted(MediationCommitteeMember.objects.values_list("name", flat=True)) == [
            "张三",
            "王五",
        ]


def test_legal_aid_is_requested_referred_and_closed(a_chair):
    made = a_chair.post(
        "/api/v1/rights/legal-aid/",
        {"requester": "钱七", "matter": "工伤认定", "received_on": "2026-04-01"},
        format="json",
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    ref = a_chair.post(
        f"/api/v1/rights/legal-aid/{pk}/refer/",
        {"referred_to": "县职工法律援助中心", "referred_on": "2026-04-02"},
        format="json",
    )
    assert ref.json()["status"] == "referred"
    done = a_chair.post(
        f"/api/v1/rights/legal-aid/{pk}/close/",
        {"outcome": "认定为工伤", "closed_on": "2026-06-01"},
        format="json",
    )
    assert done.json()["status"] == "closed"


def test_no_case_is_written_on_bad_input(a_chair, in_union, union_a):
    res = a_chair.post(URL, {**CASE, "received_on": "not a date"}, format="json")
    assert res.status_code == 400
    with in_union(union_a):
        assert MediationCase.objects.count() == 0


def test_the_committee_is_read_as_a_paginated_list_of_its_seats(a_chair):
    url = "/api/v1/rights/mediation-committee/"
    a_chair.put(
        url,
        {
            "since": "2026-01-01",
            "members": [
                {"name": "张三", "side": "employees"},
                {"name": "王五", "side": "employer"},
            ],
        },
        format="json",
    )
    res = a_chair.get(url)
    assert res.status_code == 200
    body = res.json()
    assert (body["count"], sorted(s["name"] for s in body["results"])) == (2, ["张三", "王五"])


def test_the_same_dispute_sent_twice_is_a_409_and_registered_once(a_chair, in_union, union_a):
    assert a_chair.post(URL, CASE, format="json").status_code == 201
    res = a_chair.post(URL, CASE, format="json")
    assert res.status_code == 409
    assert res.json()["code"] == "duplicate"
    with in_union(union_a):
        assert MediationCase.objects.count() == 1


def test_the_same_legal_aid_request_sent_twice_is_a_409_and_registered_once(
    a_chair, in_union, union_a
):
    from workplaces.rights.models import LegalAidRequest

    url = "/api/v1/rights/legal-aid/"
    body = {"requester": "钱七", "matter": "工伤认定" * 1200, "received_on": "2026-04-01"}
    assert a_chair.post(url, body, format="json").status_code == 201
    res = a_chair.post(url, body, format="json")
    assert res.status_code == 409
    assert res.json()["code"] == "duplicate"
    other = a_chair.post(url, {**body, "matter": "欠薪"}, format="json")
    assert other.status_code == 201
    with in_union(union_a):
        assert LegalAidRequest.objects.count() == 2


def test_a_case_received_before_the_rule_table_begins_is_a_400_naming_the_rule(
    a_chair, in_union, union_a
):
    res = a_chair.post(URL, {**CASE, "received_on": "1999-12-31"}, format="json")
    assert res.status_code == 400
    assert res.json()["code"] == "rule_missing"
    assert "rights.mediation_days" in res.json()["detail"]
    assert "1999-12-31" in res.json()["detail"]
    with in_union(union_a):
        assert MediationCase.objects.count() == 0


@pytest.mark.parametrize("received_on", ["9999-12-31", "0017-05-23"])
def test_a_date_outside_1901_to_2199_is_a_400_on_that_field(a_chair, received_on):
    res = a_chair.post(URL, {**CASE, "received_on": received_on}, format="json")
    assert res.status_code == 400
    assert list(res.json()) == ["received_on"]
