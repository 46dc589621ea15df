"""Who may do what with members, and nothing changes when someone is refused."""

import pytest

from tenants.models import MemberTransfer
from tests.workplaces.members.conftest import member_payload
from workplaces.members.models import Member, UnionGroup

pytestmark = pytest.mark.django_db

# (persona, host): None host = federation
WHO = {
    "anonymous": (None, "a"),
    "a_member": ("a_member", "a"),
    "a_group_leader": ("a_group_leader", "a"),
    "a_finance": ("a_finance", "a"),
    "a_organization": ("a_organization", "a"),
    "a_chair": ("a_chair", "a"),
    "b_chair": ("b_chair", "b"),
    "federation_admin": ("federation_admin", None),
}
ALLOWED_WRITE = {"a_organization", "a_chair"}
ALLOWED_READ = {"a_organization", "a_chair", "a_finance", "a_group_leader"}


@pytest.fixture
def setup(client_for, union_a, union_b, make_member):
    member = make_member(union_a)
    clients = {}
    for who, (username, host) in WHO.items():
        union = {"a": union_a, "b": union_b, None: None}[host]
        clients[who] = client_for(username, union)
    return member, clients


def state(union, in_union):
    with in_union(union):
        return (
            list(Member.objects.order_by("pk").values_list("pk", "name", "status", "phone")),
            list(UnionGroup.objects.values_list("name", flat=True)),
            MemberTransfer.objects.count(),
        )


def _status_for(who, allowed, ok, *, object_url: bool):
    if who in allowed:
        return ok
    if who == "anonymous":
        return 401
    if who == "federation_admin":
        return 404  # no member API on the federation host
    if who == "b_chair":
        return 404 if object_url else ok  # b's own (empty) register, never a's rows
    return 403


@pytest.mark.parametrize("who", list(WHO))
def test_list(setup, who):
    member, clients = setup
    r = clients[who].get("/api/v1/members/")
    assert r.status_code == _status_for(who, ALLOWED_READ, 200, object_url=False)
    if who == "b_chair":
        assert r.json()["count"] == 0


@pytest.mark.parametrize("who", list(WHO))
def test_read_one(setup, who):
    member, clients = setup
    r = clients[who].get(f"/api/v1/members/{member.pk}/")
    # the group leader leads no group here: the member is not theirs
    allowed = ALLOWED_READ - {"a_group_leader"}
    code = _status_for(who, allowed, 200, object_url=True)
    if who == "a_group_leader":
        code = 404
    assert r.status_code == code


@pytest.mark.parametrize("who", list(WHO))
def test_create(setup, who, union_a, in_union):
    _member, clients = setup
    before = state(union_a, in_union)
    r = clients[who].post("/api/v1/members/", member_payload(), format="json")
    code = _status_for(who, ALLOWED_WRITE, 201, object_url=False)
    if who == "b_chair":
        code = 201  # into b's own register
    assert r.status_code == code
    if code != 201 or who == "b_chair":
        assert state(union_a, in_union) == before


@pytest.mark.parametrize("who", list(WHO))
def test_patch(setup, who, union_a, in_union):
    member, clients = setup
    before = state(union_a, in_union)
    r = clients[who].patch(f"/api/v1/members/{member.pk}/", {"phone": "13911112222"}, format="json")
    code = _status_for(who, ALLOWED_WRITE, 200, object_url=True)
    assert r.status_code == code
    if code != 200:
        assert state(union_a, in_union) == before


@pytest.mark.parametrize("who", list(WHO))
def test_leave(setup, who, union_a, in_union):
    member, clients = setup
    before = state(union_a, in_union)
    r = clients[who].post(
        f"/api/v1/members/{member.pk}/leave/", {"status": "withdrawn", "reason": "x"}, format="json"
    )
    code = _status_for(who, ALLOWED_WRITE, 200, object_url=True)
    assert r.status_code == code
    if code != 200:
        assert state(union_a, in_union) == before


@pytest.mark.parametrize("who", list(WHO))
def test_transfer(setup, who, union_a, in_union):
    member, clients = setup
    before = state(union_a, in_union)
    r = clients[who].post(
        f"/api/v1/members/{member.pk}/transfer/", {"to_union": "union-b"}, format="json"
    )
    code = _status_for(who, ALLOWED_WRITE, 202, object_url=True)
    assert r.status_code == code
    if code != 202:
        assert state(union_a, in_union) == before


@pytest.mark.parametrize("who", list(WHO))
def test_group_create(setup, who, union_a, in_union):
    _member, clients = setup
    before = state(union_a, in_union)
    r = clients[who].post("/api/v1/groups/", {"name": "新小组"}, format="json")
    code = _status_for(who, ALLOWED_WRITE, 201, object_url=False)
    assert r.status_code == code
    if code != 201 or who == "b_chair":
        assert state(union_a, in_union) == before


@pytest.mark.parametrize("who", list(WHO))
def test_import(setup, who, union_a, in_union):
    import io

    _member, clients = setup
    before = state(union_a, in_union)
    f = io.BytesIO(b"name,id_number,joined_on\n")
    f.name = "x.csv"
    r = clients[who].post("/api/v1/members/import/?dry_run=1", {"file": f}, format="multipart")
    code = _status_for(who, ALLOWED_WRITE, 200, object_url=False)
    assert r.status_code == code
    assert state(union_a, in_union) == before


@pytest.mark.parametrize("who", list(WHO))
def test_dues_summary(setup, who):
    _member, clients = setup
    r = clients[who].get("/api/v1/members/dues/")
    assert r.status_code == _status_for(
        who, {"a_organization", "a_chair", "a_finance"}, 200, object_url=False
    )


@pytest.mark.parametrize("who", list(WHO))
def test_transfer_decisions(setup, who, union_a, union_b, in_union, client_for):
    member, clients = setup
    tid = (
        client_for("a_organization", union_a)
        .post(f"/api/v1/members/{member.pk}/transfer/", {"to_union": "union-b"}, format="json")
        .json()["id"]
    )
    before = state(union_a, in_union), state(union_b, in_union)
    r = clients[who].post(f"/api/v1/transfers/{tid}/accept/")
    if who == "b_chair":
        assert r.status_code == 200
        return
    # the source's officers are not the destination: the transfer is not theirs (404)
    assert (
        r.status_code
        == {
            "anonymous": 401,
            "a_member": 403,
            "a_group_leader": 403,
            "a_finance": 403,
            "a_organization": 404,
            "a_chair": 404,
            "federation_admin": 404,
        }[who]
    )
    assert (state(union_a, in_union), state(union_b, in_union)) == before
    assert MemberTransfer.objects.get(pk=tid).status == "pending"
