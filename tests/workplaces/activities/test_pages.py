"""Pages render for those allowed, at phone width (one column, tables wrapped), and refuse
the others."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD, host_of

pytestmark = pytest.mark.django_db

UNION_PAGES = [
    "/activities/",
    "/activities/new/",
    "/activities/plans/",
    "/activities/competitions/",
    "/activities/suggestions/",
    "/activities/honours/",
    "/activities/training/",
    "/finance/",
    "/finance/entries/new/",
    "/finance/report/",
    "/finance/budget/",
    "/finance/audit/",
    "/finance/member-dues/",
]


def login(username, union=None) -> Client:
    client = Client(HTTP_HOST=host_of(union))
    assert (
        client.post("/accounts/login/", {"username": username, "password": PASSWORD}).status_code
        == 302
    )
    return client


@pytest.mark.parametrize("url", UNION_PAGES)
def test_the_chair_sees_every_union_life_page(union_a, url):
    response = login("a_chair", union_a).get(url)
    assert response.status_code == 200, url
    assert b'name="viewport"' in response.content


def test_a_member_sees_activities_but_not_finance(union_a):
    client = login("a_member", union_a)
    assert client.get("/activities/").status_code == 200
    for url in ("/finance/", "/finance/report/", "/activities/new/", "/activities/honours/"):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("url", ["/activities/", "/finance/"])
def test_the_federation_sees_the_township_overviews(db, url):
    response = login("federation_admin").get(url)
    assert response.status_code == 200


def test_pages_are_chinese_first(union_a):
    response = login("a_chair", union_a).get("/activities/")
    assert "活动".encode() in response.content


def test_a_long_record_list_is_shown_by_pages_none_hidden(union_a, in_union):
    import datetime as dt

    from workplaces.activities.models import Suggestion

    with in_union(union_a):
        Suggestion.objects.bulk_create(
            Suggestion(
                title=f"建议{i:03d}",
                body="内容",
                proposer="张三",
                submitted_on=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            )
            for i in range(260)
        )
    client = login("a_chair", union_a)
    client.cookies["django_language"] = "en"
    first = client.get("/activities/suggestions/").content.decode()
    assert "建议259" in first  # the newest first
    assert "Page 1 of 6" in first
    last = client.get("/activities/suggestions/?page=6").content.decode()
    assert "建议000" in last  # the oldest, past the 200 the page used to stop at
