"""The staff-home vetoes (federation/homes/checks.py) fire from this module's live records:
an overdue term and no congress in the last year fail and block acceptance; a current term
and this year's congress pass; a union with no record is blocked, never passed."""

import datetime as dt

import pytest
from django.utils import timezone

from federation.homes.checks import (
    FAIL,
    PASS,
    veto_committee_term,
    veto_workers_congress,
    vetoes_blocking,
    vetoes_run,
)
from tests.workplaces.organization.factories import committee, members_bulk
from workplaces.congress import services as congress_services
from workplaces.organization import services

pytestmark = pytest.mark.django_db


def _term(union, in_union, elected_on, capture):
    with in_union(union):
        members_bulk(30)
        with capture(execute=True):
            services.term_create(
                elected_on=elected_on, term_years=5, committee=committee(5), actor=None
            )


def _session(union, in_union, held_on, capture):
    with in_union(union), capture(execute=True):
        congress_services.session_record(
            kind="workers",
            title="职代会",
            held_on=held_on,
            delegates_total=30,
            delegates_present=30,
            actor=None,
        )


def test_overdue_term_fails_and_blocks(union_a, in_union, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    _term(union_a, in_union, today.replace(year=today.year - 6), django_capture_on_commit_callbacks)
    result = veto_committee_term(union=union_a, on=today)
    assert result.status == FAIL
    assert "committee_term" in [
        r["key"] for r in vetoes_blocking(vetoes_run(union=union_a, on=today))
    ]


def test_current_term_passes(union_a, in_union, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    _term(union_a, in_union, today - dt.timedelta(days=30), django_capture_on_commit_callbacks)
    assert veto_committee_term(union=union_a, on=today).status == PASS


def test_no_term_record_blocks(union_b):
    today = timezone.localdate()
    assert veto_committee_term(union=union_b, on=today).status != PASS
    assert "committee_term" in [
        r["key"] for r in vetoes_blocking(vetoes_run(union=union_b, on=today))
    ]


def test_no_congress_in_the_last_year_fails(union_a, in_union, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    _session(union_a, in_union, today - dt.timedelta(days=400), django_capture_on_commit_callbacks)
    assert veto_workers_congress(union=union_a, on=today).status == FAIL
    assert "workers_congress" in [
        r["key"] for r in vetoes_blocking(vetoes_run(union=union_a, on=today))
    ]


def test_this_years_congress_passes(union_a, in_union, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    _session(union_a, in_union, today, django_capture_on_commit_callbacks)
    assert veto_workers_congress(union=union_a, on=today).status == PASS


def test_no_congress_record_blocks(union_b):
    assert veto_workers_congress(union=union_b, on=timezone.localdate()).status != PASS
