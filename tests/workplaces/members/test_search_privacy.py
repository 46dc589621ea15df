"""Issue 11: a reader who sees ID numbers and phones masked (finance, a group leader)
cannot search the register by them, which would confirm whose a hidden number is; name and
member number searches still work. Officers who see identities search as before."""

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import HostClient, host_of
from tests.workplaces.members.conftest import member_payload

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def wang(a_org, union_a, in_union):
    """王强, in the group a_group_leader leads; 李娜 in the same group as a decoy."""
    from workplaces.members.groups import group_create

    with in_union(union_a):
        leader = get_user_model().objects.get(username="a_group_leader")
        group = group_create(name="一组", leader_id=leader.pk, actor="test")
    payload = member_payload(name="王强", phone=PHONE, group=group.pk)
    member = a_org.post("/api/v1/members/", payload, format="json").json()
    a_org.post(
        "/api/v1/members/", member_payload(name="李娜", gender="F", group=group.pk), format="json"
    )
    return member | {"id_number": payload["id_number"]}


def _names(client, term):
    r = client.get(f"/api/v1/members/?search={term}")
    assert r.status_code == 200
    return [m["name"] for m in r.json()["results"]]


@pytest.mark.parametrize("username", ["a_finance", "a_group_leader"])
def test_a_masked_reader_finds_no_one_by_full_id_number(client_for, union_a, wang, username):
    assert _names(client_for(username, union_a), wang["id_number"]) == []


@pytest.mark.parametrize("username", ["a_finance", "a_group_leader"])
def test_a_masked_reader_finds_no_one_by_phone(client_for, union_a, wang, username):
    assert _names(client_for(username, union_a), PHONE) == []


@pytest.mark.parametrize("username", ["a_finance", "a_group_leader"])
def test_a_masked_reader_still_searches_by_name_and_member_number(
    client_for, union_a, wang, username
):
    client = client_for(username, union_a)
    assert _names(client, "王") == ["王强"]
    assert _names(client, wang["member_no"]) == ["王强"]


@pytest.mark.parametrize("username", ["a_organization", "a_chair"])
def test_a_reader_who_sees_identities_searches_by_id_number_and_phone(
    client_for, union_a, wang, username
):
    client = client_for(username, union_a)
    assert _names(client, wang["id_number"]) == ["王强"]
    assert _names(client, PHONE) == ["王强"]


def _page(username, union, in_union):
    client = HostClient(host_of(union))
    client.cookies["django_language"] = "en"
    with in_union(union):
        client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_members_page_finds_no_one_by_id_number_for_finance(union_a, in_union, wang):
    page = _page("a_finance", union_a, in_union)
    r = page.get(f"/members/?search={wang['id_number']}")
    assert r.status_code == 200
    assert "王强" not in r.content.decode()
    assert "王强" in page.get(f"/members/?search={wang['member_no']}").content.decode()


def test_the_members_page_finds_by_id_number_for_the_organization_officer(union_a, in_union, wang):
    page = _page("a_organization", union_a, in_union)
    html = page.get(f"/members/?search={wang['id_number']}").content.decode()
    assert "王强" in html
    assert "李娜" not in html
