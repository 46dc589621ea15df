"""Every governance page renders in Chinese for the roles that use it, and refuses others."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

UNION_PAGES = [
    "/organization/",
    "/organization/terms/new/",
    "/organization/elections/",
    "/organization/plans/",
    "/organization/openness/",
    "/congress/",
    "/congress/sessions/new/",
    "/congress/proposals/",
    "/congress/evaluations/",
]


def _client(host: str, username: str) -> Client:
    client = Client(HTTP_HOST=host)
    client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    return client


@pytest.mark.parametrize("path", UNION_PAGES)
def test_union_pages_render_for_the_chair(union_a, path):
    r = _client("union-a.localhost", "a_chair").get(path)
    assert r.status_code == 200
    assert '<html lang="zh-hans">' in r.content.decode()


def test_committee_page_is_chinese(union_a):
    html = _client("union-a.localhost", "a_chair").get("/organization/").content.decode()
    assert "工会委员会" in html
    assert "无记录" in html


def test_a_member_cannot_open_the_term_form(union_a):
    assert (
        _client("union-a.localhost", "a_member").get("/organization/terms/new/").status_code == 403
    )


def test_a_group_leader_sees_the_group_page(union_a):
    assert (
        _client("union-a.localhost", "a_group_leader").get("/organization/group/").status_code
        == 200
    )


@pytest.mark.parametrize("path", ["/organization/", "/organization/elections/", "/congress/"])
def test_federation_pages_render_for_staff(path):
    r = _client("localhost", "federation_viewer").get(path)
    assert r.status_code == 200
    assert "全镇" in r.content.decode() or "换届" in r.content.decode()


def test_a_union_page_is_404_on_the_federation_host():
    assert _client("localhost", "federation_admin").get("/congress/proposals/").status_code == 404


def test_a_member_sees_proposals_and_evaluation_without_officer_links(union_a):
    client = _client("union-a.localhost", "a_member")
    html = client.get("/congress/proposals/").content.decode()
    assert client.get("/congress/evaluations/").status_code == 200
    assert 'href="/congress/delegates/"' not in html
    assert "提交提案" in html


def test_a_group_leader_sees_his_groups_members_and_their_events_only(union_a, in_union):
    import datetime as dt

    from django.contrib.auth import get_user_model

    from tests.workplaces.organization.factories import MemberFactory
    from workplaces.members.models import MembershipEvent, UnionGroup

    with in_union(union_a):
        leader = get_user_model().objects.get(username="a_group_leader")
        mine = UnionGroup.objects.create(name="一组", leader=leader)
        other = UnionGroup.objects.create(name="二组")
        member = MemberFactory(name="张小组", group=mine)
        MembershipEvent.objects.create(member=member, status="active", on=dt.date(2021, 3, 1))
        MemberFactory(name="李别组", group=other)
    html = _client("union-a.localhost", "a_group_leader").get("/organization/group/").content
    html = html.decode()
    assert "张小组" in html
    assert "2021-03-01" in html
    assert "李别组" not in html


def _member_named(union_a, in_union, name):
    from django.contrib.auth import get_user_model

    from tests.workplaces.organization.factories import MemberFactory

    with in_union(union_a):
        MemberFactory(name=name, user=get_user_model().objects.get(username="a_member"))


PROPOSAL_FORM = {"title": "食堂", "body": "改善", "seconders_text": "丙、丁"}


def test_a_member_cannot_file_a_proposal_page_in_someone_elses_name(union_a, in_union):
    from workplaces.congress.models import Proposal

    _member_named(union_a, in_union, "甲")
    client = _client("union-a.localhost", "a_member")
    r = client.post("/congress/proposals/", {**PROPOSAL_FORM, "proposer": "乙"})
    assert r.status_code == 200
    assert "本人名义" in r.content.decode()
    with in_union(union_a):
        assert Proposal.objects.count() == 0


def test_a_member_files_a_proposal_page_in_their_own_name(union_a, in_union):
    from workplaces.congress.models import Proposal

    _member_named(union_a, in_union, "甲")
    client = _client("union-a.localhost", "a_member")
    r = client.post("/congress/proposals/", {**PROPOSAL_FORM, "proposer": "甲"})
    assert r.status_code == 302
    with in_union(union_a):
        assert list(Proposal.objects.values_list("proposer", flat=True)) == ["甲"]


def test_an_officer_files_a_proposal_page_for_a_delegate(union_a, in_union):
    from workplaces.congress.models import Proposal

    client = _client("union-a.localhost", "a_organization")
    r = client.post("/congress/proposals/", {**PROPOSAL_FORM, "proposer": "乙"})
    assert r.status_code == 302
    with in_union(union_a):
        assert list(Proposal.objects.values_list("proposer", flat=True)) == ["乙"]
