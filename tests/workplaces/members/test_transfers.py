import pytest

from federation.platform.audit.models import AuditEvent
from tenants.models import MemberIndex, MemberTransfer, UnionRollup
from tests.workplaces.members.conftest import member_payload
from workplaces.members.crypto import id_hash
from workplaces.members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def moving(a_org):
    """An active member of union A with some history."""
    payload = member_payload(name="陈静", gender="F", employment="migrant", monthly_wage="4010.00")
    member = a_org.post("/api/v1/members/", payload, format="json").json()
    return member, payload


def start(a_org, member, to="union-b", reason="调动工作"):
    return a_org.post(
        f"/api/v1/members/{member['id']}/transfer/",
        {"to_union": to, "reason": reason},
        format="json",
    )


def test_starting_a_transfer_answers_202_pending(a_org, moving):
    member, _payload = moving
    r = start(a_org, member)
    assert r.status_code == 202, r.json()
    assert r.json()["status"] == "pending"
    assert r.json()["direction"] == "outgoing"
    assert isinstance(r.json()["id"], int)


def test_the_transfer_row_holds_no_plain_id_number_or_name(a_org, moving):
    member, payload = moving
    transfer = MemberTransfer.objects.get(pk=start(a_org, member).json()["id"])
    assert payload["id_number"] not in transfer.payload
    assert "陈静" not in transfer.payload
    assert transfer.member_label == "陈*"
    assert transfer.id_hash == id_hash(payload["id_number"])


def test_both_sides_see_the_transfer_with_its_direction(a_org, b_org, moving):
    member, _payload = moving
    tid = start(a_org, member).json()["id"]
    incoming = b_org.get("/api/v1/transfers/").json()["results"]
    assert [(t["id"], t["direction"], t["status"], t["member"]["name"]) for t in incoming] == [
        (tid, "incoming", "pending", "陈静")
    ]
    outgoing = a_org.get("/api/v1/transfers/").json()["results"]
    assert [(t["id"], t["direction"]) for t in outgoing] == [(tid, "outgoing")]


def test_the_destination_gets_an_in_app_notice(a_org, moving, union_b):
    from federation.platform.outbox.models import OutboxMessage

    member, _payload = moving
    start(a_org, member)
    assert OutboxMessage.objects.filter(union=union_b, kind="member.transfer").count() == 1


def test_accepting_moves_the_member_with_the_history(
    a_org, b_org, moving, union_a, union_b, in_union
):
    member, payload = moving
    a_org.patch(f"/api/v1/members/{member['id']}/", {"phone": "13900002222"}, format="json")
    tid = start(a_org, member).json()["id"]
    r = b_org.post(f"/api/v1/transfers/{tid}/accept/")
    assert r.status_code == 200, r.json()
    arrived = r.json()
    assert arrived["name"] == "陈静"
    assert arrived["status"] == "active"
    assert arrived["joined_on"] == "2020-03-01"
    assert arrived["phone"] == "13900002222"
    history = [(h["status"], h["union_name"], h["carried"]) for h in arrived["history"]]
    assert history[0] == ("active", "UNION-A 工会", True)
    assert history[-1] == ("active", "UNION-B 工会", False)
    assert arrived["history"][-1]["reason"] == "Transferred in from UNION-A 工会"
    # the source keeps a transferred_out record
    source = a_org.get(f"/api/v1/members/{member['id']}/").json()
    assert source["status"] == "transferred_out"
    assert source["history"][-1]["status"] == "transferred_out"
    # the index moved
    digest = id_hash(payload["id_number"])
    assert list(
        MemberIndex.objects.filter(id_hash=digest)
        .order_by("union__slug")
        .values_list("union__slug", "active")
    ) == [("union-a", False), ("union-b", True)]
    assert MemberTransfer.objects.get(pk=tid).status == "accepted"
    # both sides audited
    with in_union(union_a):
        kinds = AuditEvent.objects.filter(object_id=str(member["id"]), kind__startswith="member.t")
        assert sorted(kinds.values_list("kind", flat=True)) == [
            "member.transfer_started",
            "member.transferred_out",
        ]
    with in_union(union_b):
        event = AuditEvent.objects.get(
            kind="member.transfer_accepted", object_id=str(arrived["id"])
        )
        assert event.after == {"transfer_id": tid, "from_union": "union-a", "status": "active"}


def test_the_rollup_of_both_unions_follows_the_transfer(a_org, b_org, moving, union_a, union_b):
    member, _payload = moving
    tid = start(a_org, member).json()["id"]
    b_org.post(f"/api/v1/transfers/{tid}/accept/")
    a = UnionRollup.objects.get(union=union_a)
    b = UnionRollup.objects.get(union=union_b)
    assert (a.members_active, a.members_women, a.members_migrant, str(a.member_dues_monthly)) == (
        0,
        0,
        0,
        "0.00",
    )
    assert (b.members_active, b.members_women, b.members_migrant, str(b.member_dues_monthly)) == (
        1,
        1,
        1,
        "20.05",
    )


def test_rejecting_leaves_everything_where_it_was(a_org, b_org, moving, union_b, in_union):
    member, payload = moving
    tid = start(a_org, member).json()["id"]
    r = b_org.post(f"/api/v1/transfers/{tid}/reject/", {"reason": "不是本单位职工"}, format="json")
    assert r.status_code == 200
    assert r.json()["status"] == "rejected"
    assert a_org.get(f"/api/v1/members/{member['id']}/").json()["status"] == "active"
    with in_union(union_b):
        assert Member.objects.count() == 0
    assert (
        MemberIndex.objects.get(id_hash=id_hash(payload["id_number"]), active=True).union.slug
        == "union-a"
    )
    outgoing = a_org.get("/api/v1/transfers/").json()["results"][0]
    assert (outgoing["status"], outgoing["decision_note"]) == ("rejected", "不是本单位职工")


def test_a_decided_transfer_cannot_be_accepted(a_org, b_org, moving):
    member, _payload = moving
    tid = start(a_org, member).json()["id"]
    b_org.post(f"/api/v1/transfers/{tid}/reject/", {}, format="json")
    r = b_org.post(f"/api/v1/transfers/{tid}/accept/")
    assert r.status_code == 400
    assert list(r.json()) == ["status"]


def test_the_source_cannot_accept_its_own_transfer(a_org, moving):
    member, _payload = moving
    tid = start(a_org, member).json()["id"]
    assert a_org.post(f"/api/v1/transfers/{tid}/accept/").status_code == 404


def test_the_source_can_cancel_a_pending_transfer_and_the_destination_cannot(a_org, b_org, moving):
    member, _payload = moving
    tid = start(a_org, member).json()["id"]
    assert b_org.post(f"/api/v1/transfers/{tid}/cancel/").status_code == 404
    assert a_org.post(f"/api/v1/transfers/{tid}/cancel/").json()["status"] == "cancelled"
    assert b_org.post(f"/api/v1/transfers/{tid}/accept/").status_code == 400
    assert start(a_org, member).status_code == 202


def test_a_second_pending_transfer_is_a_conflict(a_org, moving):
    member, _payload = moving
    start(a_org, member)
    assert start(a_org, member).status_code == 409


def test_leaving_while_a_transfer_is_pending_is_refused(a_org, moving):
    member, _payload = moving
    start(a_org, member)
    r = a_org.post(
        f"/api/v1/members/{member['id']}/leave/",
        {"status": "withdrawn", "reason": "x"},
        format="json",
    )
    assert r.status_code == 400
    assert r.json() == {"status": ["A transfer of this member is pending; cancel it first."]}


def test_transferring_to_oneself_is_refused(a_org, moving):
    member, _payload = moving
    assert start(a_org, member, to="union-a").json() == {
        "to_union": ["Choose another union than this one."]
    }


def test_a_former_member_cannot_be_transferred(a_org, moving):
    member, _payload = moving
    a_org.post(
        f"/api/v1/members/{member['id']}/leave/",
        {"status": "withdrawn", "reason": "x"},
        format="json",
    )
    assert list(start(a_org, member).json()) == ["status"]


def test_the_destination_cannot_read_the_source_member_directly(a_org, b_org, moving):
    member, _payload = moving
    tid = start(a_org, member).json()["id"]
    arrived = b_org.post(f"/api/v1/transfers/{tid}/accept/").json()
    same_pk = member["id"] == arrived["id"]  # primary keys are per schema
    assert b_org.get(f"/api/v1/members/{member['id']}/").status_code == (200 if same_pk else 404)
    if same_pk:
        assert b_org.get(f"/api/v1/members/{member['id']}/").json()["status"] == "active"
    else:
        assert b_org.get(f"/api/v1/members/{member['id']}/").status_code == 404
    assert a_org.get(f"/api/v1/members/{arrived['id']}/").status_code == (200 if same_pk else 404)
    assert [m["status"] for m in a_org.get("/api/v1/members/").json()["results"]] == [
        "transferred_out"
    ]


def test_a_member_transferred_back_reuses_the_old_register_entry(a_org, b_org, moving):
    member, _payload = moving
    tid = start(a_org, member).json()["id"]
    arrived = b_org.post(f"/api/v1/transfers/{tid}/accept/").json()
    back = b_org.post(
        f"/api/v1/members/{arrived['id']}/transfer/", {"to_union": "union-a"}, format="json"
    ).json()
    returned = a_org.post(f"/api/v1/transfers/{back['id']}/accept/").json()
    assert returned["id"] == member["id"]
    assert returned["member_no"] == member["member_no"]
    assert returned["status"] == "active"
    assert a_org.get("/api/v1/members/dues/").json()["members_paying"] == 1


def test_the_federation_lists_transfers_in_flight_with_masked_names(a_org, client_for, moving):
    member, _payload = moving
    tid = start(a_org, member).json()["id"]
    r = client_for("federation_viewer").get("/api/v1/transfers/")
    assert r.status_code == 200
    rows = r.json()["results"]
    assert [
        (t["id"], t["from_union"], t["to_union"], t["member_label"], t["member"]) for t in rows
    ] == [(tid, "union-a", "union-b", "陈*", None)]
    assert (
        client_for("federation_viewer").get("/api/v1/transfers/?status=accepted").json()["count"]
        == 0
    )
    assert client_for("federation_viewer").get("/api/v1/transfers/?status=bogus").status_code == 400


def test_union_officers_cannot_use_the_federation_transfer_list(client_for, union_a):
    # on a union host /api/v1/transfers/ is the union's own list; the member role is refused
    assert client_for("a_member", union_a).get("/api/v1/transfers/").status_code == 403


def test_a_member_coming_back_keeps_one_copy_of_each_step(a_org, b_org, moving):
    member, _payload = moving
    tid = start(a_org, member).json()["id"]
    arrived = b_org.post(f"/api/v1/transfers/{tid}/accept/").json()
    back = b_org.post(
        f"/api/v1/members/{arrived['id']}/transfer/", {"to_union": "union-a"}, format="json"
    ).json()
    returned = a_org.post(f"/api/v1/transfers/{back['id']}/accept/").json()
    steps = [(h["status"], h["union_name"]) for h in returned["history"]]
    assert steps == [
        ("active", "UNION-A 工会"),
        ("transferred_out", "UNION-A 工会"),
        ("active", "UNION-B 工会"),
        ("active", "UNION-A 工会"),
    ]


def test_accept_is_all_or_nothing_when_the_source_side_fails(
    a_org, b_org, moving, union_b, in_union
):
    from unittest import mock

    from workplaces.members import transfers as transfers_module

    member, payload = moving
    tid = start(a_org, member).json()["id"]
    calls = []

    def failing_rollup(*, union):
        calls.append(union.slug)
        if union.slug == "union-a":
            raise RuntimeError("source schema unavailable")
        return real(union=union)

    real = transfers_module.rollup_refresh
    with (
        mock.patch.object(transfers_module, "rollup_refresh", side_effect=failing_rollup),
        pytest.raises(RuntimeError),
    ):
        b_org.post(f"/api/v1/transfers/{tid}/accept/")
    assert calls == ["union-b", "union-a"]
    assert MemberTransfer.objects.get(pk=tid).status == "pending"
    assert a_org.get(f"/api/v1/members/{member['id']}/").json()["status"] == "active"
    with in_union(union_b):
        assert Member.objects.count() == 0
    assert (
        MemberIndex.objects.get(id_hash=id_hash(payload["id_number"]), active=True).union.slug
        == "union-a"
    )
