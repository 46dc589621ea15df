"""The API's paginator reads a page and its total in one statement (COUNT(*) OVER ()):
the same pages, totals and invalid pages as Django's paginator (issue 16, load test)."""

import pytest
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from federation.platform.api import WindowCountPaginator
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(union_a, in_union):
    from workplaces.members.models import Member

    with in_union(union_a):
        for i in range(23):
            MemberFactory(name=f"王{i:02d}")
        yield Member.objects.order_by("member_no")


def _same(qs, per_page, number):
    ours, theirs = WindowCountPaginator(qs, per_page), Paginator(qs, per_page)
    try:
        expected = theirs.page(number)
    except InvalidPage as exc:
        with pytest.raises(type(exc)):
            ours.page(number)
        return
    got = ours.page(number)
    assert list(got) == list(expected)
    assert (ours.count, ours.num_pages, got.has_next(), got.has_previous()) == (
        theirs.count,
        theirs.num_pages,
        expected.has_next(),
        expected.has_previous(),
    )


@pytest.mark.parametrize("number", [1, 2, 3, 4, "2", 0, -1, "x", None])
@pytest.mark.parametrize("shape", ["models", "values", "distinct", "empty"])
def test_the_same_pages_as_django(members, shape, number):
    qs = {
        "models": members,
        "values": members.values("id", "name"),
        "distinct": members.values("gender").distinct(),
        "empty": members.filter(name="nobody"),
    }[shape]
    _same(qs, 10, number)


def test_a_page_and_its_total_are_one_statement(members):
    with CaptureQueriesContext(connection) as ctx:
        page = WindowCountPaginator(members.values("id", "name"), 10).page(3)
        assert page.paginator.count == 23
    assert len(ctx.captured_queries) == 1
    assert [set(row) for row in page] == [{"id", "name"}] * 3  # no total left in the rows


def test_the_api_pages_with_counts_and_404s(members, client_for, union_a):
    org = client_for("a_organization", union_a)
    body = org.get("/api/v1/members/?page_size=10&page=3").json()
    assert (body["count"], len(body["results"]), body["next"]) == (23, 3, None)
    assert "page=2" in body["previous"]
    assert org.get("/api/v1/members/?page_size=10&page=4").status_code == 404
    assert org.get("/api/v1/members/?page_size=10&page=last").json()["count"] == 23
    assert org.get("/api/v1/members/?search=没有这个人").json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }
