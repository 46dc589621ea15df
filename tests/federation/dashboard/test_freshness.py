"""The dashboard page's figures are computed once per change of the data they come from
and served from the cache until then (issue 16, item 4)."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from federation.dashboard import freshness, selectors
from federation.dashboard.models import DataChange
from tests.conftest import PASSWORD
from tests.federation.dashboard.test_dashboard import _notice, _rollup

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def page():
    cache.clear()
    client = Client(HTTP_HOST="localhost")
    client.post("/accounts/login/", {"username": "federation_admin", "password": PASSWORD})

    def get() -> str:
        resp = client.get("/dashboard/")
        assert resp.status_code == 200
        return resp.content.decode()

    return get


class _Undo(Exception):
    pass


def _members_tile(html: str) -> str:
    return html.split('id="tile-members">')[1].split("<")[0]


def _set_members_by_sql(union, n: int) -> None:
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE tenants_unionrollup SET members_active = %s WHERE union_id = %s", [n, union.pk]
        )


def test_every_table_the_page_reads_has_the_change_trigger():
    assert freshness.tables_without_trigger() == []


@time_machine.travel(NOW)
def test_a_second_request_is_served_without_computing_the_figures(union_a, page):
    _rollup(union_a, 41)
    first = page()
    with mock.patch.object(selectors, "unions_overview", side_effect=AssertionError) as sel:
        second = page()
    assert sel.call_count == 0
    assert _members_tile(second) == _members_tile(first) == "41"


@time_machine.travel(NOW)
def test_a_roll_up_changed_by_plain_sql_shows_on_the_next_request(union_a, page):
    _rollup(union_a, 41)
    assert _members_tile(page()) == "41"

    _set_members_by_sql(union_a, 777)

    assert _members_tile(page()) == "777"


@time_machine.travel(NOW)
def test_figures_cached_in_a_rolled_back_savepoint_are_never_served_again(union_a, page):
    _rollup(union_a, 41)
    page()
    seen_inside = ""
    try:
        with transaction.atomic():
            _set_members_by_sql(union_a, 111)
            seen_inside = _members_tile(page())
            raise _Undo
    except _Undo:
        pass
    assert seen_inside == "111"

    _set_members_by_sql(union_a, 222)

    assert _members_tile(page()) == "222"


def test_a_transaction_keeps_one_change_row_per_table_whatever_its_statements(union_a):
    before = DataChange.objects.count()
    _set_members_by_sql(union_a, 1)
    _set_members_by_sql(union_a, 2)
    version = freshness.data_version()
    _set_members_by_sql(union_a, 3)

    assert DataChange.objects.count() == before + 1
    assert freshness.data_version() != version
    _notice(union_a, "2026-10", "100.00")
    assert DataChange.objects.count() == before + 2
    assert set(DataChange.objects.values_list("source", flat=True)) >= {
        "tenants_unionrollup",
        "dues_duesnotice",
    }


def _pay_by_sql(notice, amount: str) -> None:
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE dues_duesnotice SET amount_paid = %s WHERE id = %s", [amount, notice.pk]
        )


def test_a_dues_notice_write_changes_the_full_fingerprint_only(union_a):
    notice = _notice(union_a, "2026-10", "100.00")
    before = freshness.data_versions()

    _pay_by_sql(notice, "40.00")

    after = freshness.data_versions()
    assert after.all != before.all
    assert after.rest == before.rest


def test_the_figures_apart_from_union_funds_read_no_dues_notice(union_a):
    """What keeps the rest right when a payment leaves it cached: it reads no table whose
    writes its fingerprint leaves out."""
    from django.test.utils import CaptureQueriesContext

    from federation.dashboard import figures

    _rollup(union_a, 10)
    _notice(union_a, "2026-10", "100.00")
    with CaptureQueriesContext(connection) as ctx:
        figures.figures_rest()

    assert ctx.captured_queries
    for table in freshness.APART:
        assert not [q for q in ctx.captured_queries if table in q["sql"]]


@time_machine.travel(NOW)
def test_a_payment_recomputes_union_funds_and_leaves_the_rest_in_the_cache(union_a, page):
    from federation.dashboard import figures

    _rollup(union_a, 41)
    notice = _notice(union_a, "2026-10", "98765.43")
    with mock.patch.object(figures, "figures_rest", wraps=figures.figures_rest) as rest:
        first = page()
        _pay_by_sql(notice, "4321.09")
        second = page()

    assert rest.call_count == 1
    assert "4,321.09" not in first
    assert "4,321.09" in second
    assert _members_tile(second) == "41"


@time_machine.travel(NOW)
def test_a_roll_up_change_recomputes_the_rest(union_a, page):
    from federation.dashboard import figures

    _rollup(union_a, 41)
    with mock.patch.object(figures, "figures_rest", wraps=figures.figures_rest) as rest:
        page()
        _set_members_by_sql(union_a, 42)
        second = page()

    assert rest.call_count == 2
    assert _members_tile(second) == "42"


def test_pruning_forgets_day_old_change_rows_only(union_a):
    _set_members_by_sql(union_a, 5)
    DataChange.objects.update(at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert freshness.changes_prune() >= 1
    assert DataChange.objects.count() == 0
    _set_members_by_sql(union_a, 6)  # the same transaction: its row is written again

    assert freshness.changes_prune() == 0
    assert DataChange.objects.count() == 1


@time_machine.travel(dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC))
def test_the_dashboard_api_is_computed_once_per_change_of_its_data(union_a, federation_admin_api):
    """GET /api/v1/dashboard/ is served from the cache until a tracked table changes; a
    write is in the next answer, and as_of is the time of the answer."""
    cache.clear()
    _rollup(union_a, 150, women=60)
    with mock.patch.object(
        selectors, "dashboard_api_payload", wraps=selectors.dashboard_api_payload
    ) as computed:
        first = federation_admin_api.get("/api/v1/dashboard/").json()
        again = federation_admin_api.get("/api/v1/dashboard/").json()
        assert computed.call_count == 1
        assert again == first
        assert first["members"] == 150
        assert first["as_of"].startswith("2026-11-24T10:00")
        _rollup(union_a, 151, women=60)
        assert federation_admin_api.get("/api/v1/dashboard/").json()["members"] == 151
        assert computed.call_count == 2
