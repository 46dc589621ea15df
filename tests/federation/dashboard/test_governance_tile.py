"""Issue 12, item 9: the dashboard's committee-term tile counts the unions by term status
from the public facts and drills down to the township's terms page; a union's profile shows
its term, congress and proposals. No page enters a union schema."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.test import Client

from tenants.facts import fact_push
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)


def _page(path: str) -> str:
    client = Client(HTTP_HOST="localhost")
    client.post("/accounts/login/", {"username": "federation_admin", "password": PASSWORD})

    def refuse(*a, **kw):
        raise AssertionError("a page entered a union schema")

    with mock.patch("django_tenants.utils.schema_context", refuse):
        resp = client.get(path)
    assert resp.status_code == 200
    return resp.content.decode()


def _row(html: str, status: str) -> str:
    return html.split(f'id="terms-{status}"')[1].split("</tr>")[0]


@time_machine.travel(NOW)
def test_the_terms_tile_counts_unions_by_status_from_the_facts(union_a, union_b):
    fact_push(union=union_a, key="organization.term", value={"ends_on": "2025-01-01"})
    html = _page("/dashboard/")
    assert '<td class="num">1</td>' in _row(html, "overdue")
    assert '<td class="num">1</td>' in _row(html, "none")  # union_b has no record
    assert '<td class="num">0</td>' in _row(html, "in_term")
    assert '<td class="num">0</td>' in _row(html, "due_soon")


@time_machine.travel(NOW)
def test_a_term_ending_within_six_months_counts_as_due_soon(union_a, union_b):
    fact_push(union=union_a, key="organization.term", value={"ends_on": "2027-03-31"})
    fact_push(union=union_b, key="organization.term", value={"ends_on": "2029-03-31"})
    html = _page("/dashboard/")
    assert '<td class="num">1</td>' in _row(html, "due_soon")
    assert '<td class="num">1</td>' in _row(html, "in_term")
    assert '<td class="num">0</td>' in _row(html, "none")


@time_machine.travel(NOW)
def test_the_tile_drills_down_to_the_terms_page_by_status(union_a):
    html = _page("/dashboard/")
    assert 'href="/organization/?status=overdue"' in _row(html, "overdue")
    listing = _page("/organization/?status=none")
    assert union_a.name in listing
    assert 'href="/dashboard/unions/union-a/"' in listing  # and on to the union's profile


@time_machine.travel(NOW)
def test_the_profile_shows_the_unions_term_congress_and_proposals(union_a):
    fact_push(
        union=union_a,
        key="organization.term",
        value={
            "elected_on": "2022-01-10",
            "ends_on": "2027-01-09",
            "committee_size": 7,
            "women_on_committee": 2,
        },
    )
    fact_push(union=union_a, key="congress.sessions_by_year", value={"2026": 1})
    fact_push(union=union_a, key="congress.last_held_on", value="2026-03-15")
    fact_push(
        union=union_a,
        key="congress.proposals_by_year",
        value={"2026": {"received": 4, "accepted": 3, "answered": 2}},
    )
    html = _page("/dashboard/unions/union-a/")
    term = html.split('id="gov-term"')[1].split("</dd>")[0]
    assert 'class="badge due_soon"' in term
    assert "2027-01-09" in term
    assert "剩余 46 天" in term  # on 2026-11-24
    assert "委员 7 人，其中女性 2 人" in term
    congress = html.split('id="gov-congress"')[1].split("</dd>")[0]
    assert 'class="badge ok"' in congress
    assert "2026-03-15" in congress
    proposals = html.split('id="gov-proposals"')[1].split("</dd>")[0]
    assert "收到 4 件，已答复 2 件" in proposals


@time_machine.travel(NOW)
def test_the_profile_of_a_union_without_records_says_no_record(union_b):
    html = _page("/dashboard/unions/union-b/")
    assert 'class="badge none"' in html.split('id="gov-term"')[1].split("</dd>")[0]
    assert 'class="badge bad"' in html.split('id="gov-congress"')[1].split("</dd>")[0]


@time_machine.travel(NOW)
def test_the_tile_counts_the_unions_without_a_congress_this_year(union_a, union_b):
    fact_push(union=union_a, key="congress.sessions_by_year", value={"2026": 1})
    fact_push(union=union_b, key="congress.sessions_by_year", value={"2025": 2})
    html = _page("/dashboard/")
    row = html.split('id="congress-not-held"')[1].split("</tr>")[0]
    assert '<td class="num">1</td>' in row
    assert 'href="/congress/"' in row
