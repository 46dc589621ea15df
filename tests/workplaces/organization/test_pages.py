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
