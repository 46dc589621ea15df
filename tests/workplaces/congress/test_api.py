"""API.md "Congress": contract shapes, bad input, isolation, the federation overview."""

import pytest

from workplaces.congress.models import Proposal, Session

pytestmark = pytest.mark.django_db

S = "/api/v1/congress/sessions/"
P = "/api/v1/congress/proposals/"
E = "/api/v1/congress/evaluations/"


def _link_member(union, in_union, name):
    from django.contrib.auth import get_user_model

    from tests.workplaces.organization.factories import MemberFactory

    with in_union(union):
        MemberFactory(name=name, user=get_user_model().objects.get(username="a_member"))


def _session(api, present=200, total=300, held_on="2026-03-01"):
    body = {
        "kind": "workers",
        "title": "职代会",
        "held_on": held_on,
        "delegates_total": total,
        "delegates_present": present,
    }
    return api.post(S, body, format="json")


def test_session_contract(union_a_chair_api):
    r = _session(union_a_chair_api)
    assert r.status_code == 201
    assert {"id", "quorate"} <= set(r.data)
    assert r.data["quorate"] is True
    assert _session(union_a_chair_api, present=199).data["quorate"] is False


def test_present_above_total_is_400(union_a_chair_api, union_a, in_union):
    r = _session(union_a_chair_api, present=301)
    assert r.status_code == 400
    assert list(r.data) == ["delegates_present"]
    with in_union(union_a):
        assert Session.objects.count() == 0


def test_bad_kind_is_400(union_a_chair_api):
    r = union_a_chair_api.post(
        S,
        {
            "kind": "x",
            "title": "t",
            "held_on": "2026-01-01",
            "delegates_total": 1,
            "delegates_present": 1,
        },
        format="json",
    )
    assert r.status_code == 400
    assert "kind" in r.data


def test_motion_contract_and_boundaries(union_a_chair_api):
    sid = _session(union_a_chair_api, present=250).data["id"]
    r = union_a_chair_api.post(
        f"{S}{sid}/motions/", {"title": "报告", "yes": 151, "no": 0, "abstain": 0}, format="json"
    )
    assert r.status_code == 201
    assert {"id", "passed"} <= set(r.data)
    assert r.data["passed"] is True
    r = union_a_chair_api.post(
        f"{S}{sid}/motions/", {"title": "预算", "yes": 150, "no": 100, "abstain": 0}, format="json"
    )
    assert r.data["passed"] is False


def test_motion_votes_above_present_is_400(union_a_chair_api):
    sid = _session(union_a_chair_api, present=200).data["id"]
    r = union_a_chair_api.post(
        f"{S}{sid}/motions/", {"title": "x", "yes": 150, "no": 51, "abstain": 0}, format="json"
    )
    assert r.status_code == 400


def test_motion_of_a_session_not_quorate_is_409(union_a_chair_api):
    sid = _session(union_a_chair_api, present=199).data["id"]
    r = union_a_chair_api.post(
        f"{S}{sid}/motions/", {"title": "x", "yes": 190, "no": 0, "abstain": 0}, format="json"
    )
    assert r.status_code == 409


def test_proposal_contract(union_a_chair_api):
    r = union_a_chair_api.post(
        P,
        {"title": "食堂", "body": "改善", "proposer": "甲", "seconders": ["乙", "丙"]},
        format="json",
    )
    assert r.status_code == 201
    assert {"id", "status"} <= set(r.data)
    pid = r.data["id"]
    r = union_a_chair_api.post(
        f"{P}{pid}/review/", {"decision": "accept", "department": "行政部"}, format="json"
    )
    assert (r.status_code, r.data["status"]) == (200, "accepted")
    r = union_a_chair_api.post(f"{P}{pid}/answer/", {"answer": "已办"}, format="json")
    assert (r.status_code, r.data["status"]) == (200, "answered")
    r = union_a_chair_api.post(f"{P}{pid}/rate/", {"satisfaction": "satisfied"}, format="json")
    assert (r.status_code, r.data["satisfaction"]) == (200, "satisfied")


def test_proposal_with_one_seconder_is_400(union_a_chair_api, union_a, in_union):
    r = union_a_chair_api.post(
        P, {"title": "食堂", "body": "改善", "proposer": "甲", "seconders": ["乙"]}, format="json"
    )
    assert r.status_code == 400
    assert list(r.data) == ["seconders"]
    with in_union(union_a):
        assert Proposal.objects.count() == 0


def test_bad_satisfaction_is_400(union_a_chair_api):
    pid = union_a_chair_api.post(
        P, {"title": "a", "body": "b", "proposer": "甲", "seconders": ["乙", "丙"]}, format="json"
    ).data["id"]
    assert (
        union_a_chair_api.post(
            f"{P}{pid}/rate/", {"satisfaction": "meh"}, format="json"
        ).status_code
        == 400
    )


def test_books_are_pdfs(union_a_chair_api):
    union_a_chair_api.post(
        P,
        {"title": "<b>食堂</b>", "body": "改善", "proposer": "甲", "seconders": ["乙", "丙"]},
        format="json",
    )
    for path in ("books/proposals.pdf", "books/suggestions.pdf"):
        r = union_a_chair_api.get(f"/api/v1/congress/{path}")
        assert r.status_code == 200
        assert r["Content-Type"] == "application/pdf"
        assert r.content.startswith(b"%PDF")


def _evaluation(api):
    r = api.post(
        E, {"title": "民主评议", "subjects": [{"name": "张主席", "post": "主席"}]}, format="json"
    )
    assert r.status_code == 201
    return r.data["id"], r.data["subjects"][0]["id"]


def test_ballot_twice_is_409(union_a_chair_api):
    eid, sid = _evaluation(union_a_chair_api)
    body = {"grades": [{"subject": sid, "grade": "excellent"}]}
    assert union_a_chair_api.post(f"{E}{eid}/ballots/", body, format="json").status_code == 201
    assert union_a_chair_api.post(f"{E}{eid}/ballots/", body, format="json").status_code == 409
    tally = union_a_chair_api.get(f"{E}{eid}/tally/").data
    assert tally[0]["grades"]["excellent"] == 1


@pytest.mark.parametrize(
    "path",
    [
        "sessions/{session}/",
        "sessions/{session}/motions/",
        "proposals/{proposal}/",
        "proposals/{proposal}/review/",
        "evaluations/{evaluation}/ballots/",
        "evaluations/{evaluation}/tally/",
    ],
)
def test_another_unions_objects_are_404(union_a_chair_api, union_b_chair_api, path):
    ids = {
        "session": _session(union_a_chair_api).data["id"],
        "proposal": union_a_chair_api.post(
            P,
            {"title": "a", "body": "b", "proposer": "甲", "seconders": ["乙", "丙"]},
            format="json",
        ).data["id"],
        "evaluation": _evaluation(union_a_chair_api)[0],
    }
    url = "/api/v1/congress/" + path.format(**ids)
    method = union_b_chair_api.get if path.endswith(("tally/", "}/")) else union_b_chair_api.post
    body = {
        "title": "x",
        "yes": 1,
        "no": 0,
        "abstain": 0,
        "decision": "accept",
        "department": "d",
        "grades": [{"subject": 1, "grade": "basic"}],
    }
    r = method(url, body, format="json") if method == union_b_chair_api.post else method(url)
    assert r.status_code == 404


def test_federation_overview_reads_facts_and_holds_no_ballots(
    federation_clerk_api, union_a_chair_api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _session(union_a_chair_api, held_on="2026-03-01")
        eid, sid = _evaluation(union_a_chair_api)
        union_a_chair_api.post(
            f"{E}{eid}/ballots/",
            {"grades": [{"subject": sid, "grade": "incompetent"}]},
            format="json",
        )
    r = federation_clerk_api.get("/api/v1/congress/overview/?year=2026")
    assert r.status_code == 200
    rows = {row["union"]: row for row in r.data["results"]}
    assert {"union", "sessions", "last_held_on"} <= set(rows["union-a"])
    assert (rows["union-a"]["sessions"], rows["union-a"]["last_held_on"]) == (1, "2026-03-01")
    assert rows["union-b"]["sessions"] == 0
    assert "incompetent" not in r.content.decode()
    assert "张主席" not in r.content.decode()


def test_federation_overview_bad_year_is_400(federation_clerk_api):
    r = federation_clerk_api.get("/api/v1/congress/overview/?year=abc")
    assert r.status_code == 400
    assert "year" in r.data


def test_the_federation_has_no_ballot_endpoint(federation_admin_api):
    assert federation_admin_api.get(f"{E}1/tally/").status_code == 404
    assert federation_admin_api.post(f"{E}1/ballots/", {}, format="json").status_code == 404


def test_a_member_can_submit_a_proposal_but_not_review(client_for, union_a, in_union):
    _link_member(union_a, in_union, "甲")
    member = client_for("a_member", union_a)
    r = member.post(
        P, {"title": "a", "body": "b", "proposer": "甲", "seconders": ["乙", "丙"]}, format="json"
    )
    assert r.status_code == 201
    assert (
        member.post(
            f"{P}{r.data['id']}/review/", {"decision": "accept", "department": "d"}, format="json"
        ).status_code
        == 403
    )


def test_a_member_naming_someone_else_as_proposer_is_400(client_for, union_a, in_union):
    _link_member(union_a, in_union, "甲")
    r = client_for("a_member", union_a).post(
        P, {"title": "a", "body": "b", "proposer": "乙", "seconders": ["丙", "丁"]}, format="json"
    )
    assert r.status_code == 400
    assert list(r.data) == ["proposer"]
    assert "本人名义" in str(r.data["proposer"][0])
    with in_union(union_a):
        assert Proposal.objects.count() == 0


def test_a_member_without_a_member_record_cannot_submit(client_for, union_a, in_union):
    r = client_for("a_member", union_a).post(
        P, {"title": "a", "body": "b", "proposer": "甲", "seconders": ["乙", "丙"]}, format="json"
    )
    assert r.status_code == 400
    assert list(r.data) == ["proposer"]
    with in_union(union_a):
        assert Proposal.objects.count() == 0


def test_an_officer_registers_a_proposal_on_a_delegates_behalf(client_for, union_a, in_union):
    r = client_for("a_organization", union_a).post(
        P, {"title": "a", "body": "b", "proposer": "乙", "seconders": ["丙", "丁"]}, format="json"
    )
    assert r.status_code == 201
    assert r.data["proposer"] == "乙"
