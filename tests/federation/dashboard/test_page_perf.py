"""The dashboard page: charts cached per change of the data, bounded tables, a query
count constant in the number of unions, and no union schema entered by any page."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from federation.dashboard import charts
from tenants.models import Union
from tests.conftest import PASSWORD
from tests.federation.dashboard.test_dashboard import _notice, _rollup

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def page():
    cache.clear()
    client = Client(HTTP_HOST="localhost")
    client.post("/accounts/login/", {"username": "federation_admin", "password": PASSWORD})

    def get(path="/dashboard/"):
        resp = client.get(path)
        assert resp.status_code == 200
        return resp.content.decode()

    return get


def _draws():
    return mock.patch.multiple(
        charts,
        _draw_bar=mock.Mock(wraps=charts._draw_bar),
        _draw_pie=mock.Mock(wraps=charts._draw_pie),
    )


@time_machine.travel(NOW)
def test_charts_are_not_redrawn_while_nothing_changed(union_a, page):
    _notice(union_a, "2026-10", "800.00")
    first = page()
    with _draws():
        second = page()
        assert charts._draw_bar.call_count == 0
        assert charts._draw_pie.call_count == 0
    assert second.count("<svg") == first.count("<svg") == 2


@time_machine.travel(NOW)
def test_the_funds_chart_is_redrawn_after_a_change_of_the_figures(union_a, page):
    notice = _notice(union_a, "2026-10", "800.00")
    before = page()
    notice.amount_paid = notice.amount_due
    notice.status = "paid"
    notice.save()
    with _draws():
        after = page()
        assert charts._draw_bar.call_count == 1  # the funds chart; no titles, no homes chart
        assert charts._draw_pie.call_count == 0  # unions by kind did not change
    assert before != after


@time_machine.travel(NOW)
def test_the_kinds_chart_changes_when_a_union_is_added(union_a, page):
    page()
    Union.objects.create(
        slug="extra-k", schema_name="u_extra_k", name="x", kind="other", status="active", ready=True
    )
    with _draws():
        page()
        assert charts._draw_pie.call_count == 1


def test_a_chart_key_depends_on_the_language_and_the_data():
    from django.utils import translation

    with translation.override("zh-hans"):
        zh = charts.chart_key("bar", "t", [1])
    with translation.override("en"):
        en = charts.chart_key("bar", "t", [1])
        other = charts.chart_key("bar", "t", [2])
    assert len({zh, en, other}) == 3


def _unions(n: int) -> None:
    start = Union.objects.filter(slug__startswith="extra-").count()
    created = Union.objects.bulk_create(
        Union(
            slug=f"extra-{i}",
            schema_name=f"u_extra_{i}",
            name=f"x{i}",
            kind="other",
            status="active",
            ready=True,
        )
        for i in range(start, start + n)
    )
    for u in created:
        _rollup(u, 3)
        _notice(u, "2026-10", "10.00")


PAGE_QUERIES = 30


@time_machine.travel(NOW)
def test_the_page_query_count_is_the_same_at_two_sizes(
    union_a, union_b, page, django_assert_max_num_queries
):
    _unions(2)
    page()  # warm the session and the charts
    with django_assert_max_num_queries(PAGE_QUERIES) as small:
        page()
    _unions(60)
    page()
    with django_assert_max_num_queries(PAGE_QUERIES) as large:
        page()
    assert len(large.captured_queries) == len(small.captured_queries)


@time_machine.travel(NOW)
def test_the_membership_table_is_limited_and_links_to_the_full_list(union_a, page):
    _unions(55)
    html = page()
    rows = html.split('id="members"')[1].count('href="/dashboard/unions/')
    assert rows == 50
    assert 'id="members-more"' in html
    assert 'href="/unions/"' in html


@time_machine.travel(NOW)
def test_a_small_township_shows_every_union_and_no_more_link(union_a, union_b, page):
    html = page()
    assert 'id="members-more"' not in html


def test_the_profile_shows_the_chair_without_entering_the_union_schema(union_a, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def refuse(*a, **kw):
        raise AssertionError("a page entered a union schema")

    with (
        mock.patch("django_tenants.utils.schema_context", refuse),
        CaptureQueriesContext(connection) as ctx,
    ):
        html = page("/dashboard/unions/union-a/")
    assert "a_chair" in html
    assert not [q for q in ctx.captured_queries if union_a.schema_name in q["sql"]]


def test_the_chair_name_follows_a_change_of_name(union_a, in_union):
    from django.contrib.auth import get_user_model

    from federation.dashboard.selectors import union_chair_name
    from federation.platform.accounts.services import user_change

    with in_union(union_a):
        chair = get_user_model().objects.get(username="a_chair")
        user_change(user=chair, actor=chair, first_name="王主席")
    assert union_chair_name(union=union_a) == "王主席"


def test_the_chair_name_fact_is_computed_inside_the_union(union_a, in_union):
    from federation.dashboard.facts import CHAIR_NAME
    from tenants import facts

    with in_union(union_a):
        values = facts.facts_refresh(keys=[CHAIR_NAME])
    assert values == {CHAIR_NAME: "a_chair"}
