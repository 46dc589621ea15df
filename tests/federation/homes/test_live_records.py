"""The veto checks read the union's live records (facts pushed by the union-side modules and
the union funds declarations); a missing record blocks acceptance, it never passes."""

import datetime as dt

import pytest

from federation.homes.checks import vetoes_run
from federation.homes.models import Status
from tenants.facts import fact_push
from tenants.models import Union, UnionFact, UnionRollup
from tests.federation.homes.conftest import full_scores, records_clean

pytestmark = pytest.mark.django_db


def _check(union, key, on=None):
    return {v["key"]: v for v in vetoes_run(union=union, on=on)}[key]


def _term(union, *, ends_on, status):
    fact_push(
        union=union,
        key="organization.term",
        value={"elected_on": "2020-01-01", "ends_on": str(ends_on), "status": status},
    )


def _accept(client_for, assessment):
    return client_for("federation_assessor").post(
        f"/api/v1/homes/assessments/{assessment.pk}/review/",
        {"items": full_scores(assessment, field="score"), "decision": "accept"},
        format="json",
    )


def test_the_committee_veto_fires_for_an_overdue_term(union_a, today):
    _term(union_a, ends_on=today - dt.timedelta(days=1), status="overdue")
    check = _check(union_a, "committee_term")
    assert check["status"] == "fail"
    assert check["value"] == str(today - dt.timedelta(days=1))


def test_the_committee_veto_passes_for_a_current_term(union_a, today):
    _term(union_a, ends_on=today + dt.timedelta(days=200), status="in_term")
    assert _check(union_a, "committee_term")["status"] == "pass"


def test_a_term_ending_today_still_passes(union_a, today):
    _term(union_a, ends_on=today, status="due_soon")
    assert _check(union_a, "committee_term")["status"] == "pass"


def test_a_union_that_recorded_no_term_has_no_record(union_a, today):
    fact_push(union=union_a, key="organization.term", value={"status": "none", "ends_on": None})
    assert _check(union_a, "committee_term")["status"] == "no_data"


def test_the_congress_veto_fires_with_no_congress_in_the_last_12_months(union_a):
    on = dt.date(2026, 11, 29)
    fact_push(union=union_a, key="congress.last_held_on", value="2025-11-28")
    check = _check(union_a, "workers_congress", on=on)
    assert check["status"] == "fail"
    assert "2025-11-28" in check["reason"]


def test_the_congress_veto_passes_with_a_congress_12_months_ago(union_a):
    fact_push(union=union_a, key="congress.last_held_on", value="2025-11-29")
    assert _check(union_a, "workers_congress", on=dt.date(2026, 11, 29))["status"] == "pass"


def test_the_congress_months_are_the_rule_tables(union_a):
    from federation.homes.models import HomeRule

    HomeRule.objects.create(effective_from=dt.date(2026, 1, 1), congress_months=6)
    fact_push(union=union_a, key="congress.last_held_on", value="2026-05-28")
    assert _check(union_a, "workers_congress", on=dt.date(2026, 11, 29))["status"] == "fail"
    fact_push(union=union_a, key="congress.last_held_on", value="2026-05-29")
    assert _check(union_a, "workers_congress", on=dt.date(2026, 11, 29))["status"] == "pass"


def test_a_congress_module_with_no_session_fails(union_a):
    fact_push(union=union_a, key="congress.last_held_on", value=None)
    assert _check(union_a, "workers_congress")["status"] == "fail"


@pytest.mark.parametrize("key", ["organization.term", "congress.last_held_on"])
def test_no_record_blocks_acceptance_with_the_reason_shown(
    client_for, assessment_a, union_a, fill_and_submit, key
):
    fill_and_submit(assessment_a, union_a)
    UnionFact.objects.filter(union=union_a, key=key).delete()
    r = _accept(client_for, assessment_a)
    assert r.status_code == 400
    assert list(r.json()) == ["decision"]
    assessment_a.refresh_from_db()
    assert (assessment_a.status, assessment_a.level) == (Status.SUBMITTED, None)
    shown = client_for("federation_assessor").get(f"/api/v1/homes/assessments/{assessment_a.pk}/")
    blocked = [v for v in shown.json()["vetoes"] if v["status"] != "pass"]
    assert len(blocked) == 1
    assert blocked[0]["status"] == "no_data"
    assert blocked[0]["reason"].startswith("无记录")


def test_clean_records_let_the_assessment_be_accepted(
    client_for, assessment_a, union_a, fill_and_submit
):
    fill_and_submit(assessment_a, union_a)
    r = _accept(client_for, assessment_a)
    assert r.status_code == 200
    assert r.json()["status"] == "accepted"


def test_a_union_that_never_declared_payroll_for_a_closed_period_fails_the_arrears_veto(union_a):
    on = dt.date(2026, 11, 29)
    Union.objects.filter(pk=union_a.pk).update(created_at=dt.datetime(2026, 8, 20, tzinfo=dt.UTC))
    union_a.refresh_from_db()
    check = _check(union_a, "dues_overdue", on=on)
    assert check["status"] == "fail"
    # August, September and October are due by the 15th of the next month; November is not yet
    assert check["value"] == "2026-08、2026-09、2026-10"


def test_a_period_whose_payment_date_has_not_passed_is_not_missing(union_a):
    Union.objects.filter(pk=union_a.pk).update(created_at=dt.datetime(2026, 10, 2, tzinfo=dt.UTC))
    union_a.refresh_from_db()
    assert _check(union_a, "dues_overdue", on=dt.date(2026, 11, 15))["status"] == "no_data"
    assert _check(union_a, "dues_overdue", on=dt.date(2026, 11, 16))["value"] == "2026-10"


def test_a_missing_declaration_blocks_acceptance(
    client_for, assessment_a, union_a, fill_and_submit, today
):
    from federation.dues.models import PayrollDeclaration

    fill_and_submit(assessment_a, union_a)
    PayrollDeclaration.objects.filter(union=union_a).delete()
    Union.objects.filter(pk=union_a.pk).update(
        created_at=dt.datetime.combine(today - dt.timedelta(days=120), dt.time(), tzinfo=dt.UTC)
    )
    r = _accept(client_for, assessment_a)
    assert r.status_code == 400
    assert "工资总额" in r.json()["decision"][0] or "payroll" in r.json()["decision"][0]
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.SUBMITTED


def test_members_over_all_employees_is_a_data_error_that_blocks(
    client_for, assessment_a, union_a, fill_and_submit
):
    fill_and_submit(assessment_a, union_a)
    UnionRollup.objects.filter(union=union_a).update(members_active=201)  # of 200 employees
    check = _check(union_a, "member_share")
    assert (check["status"], check["value"]) == ("error", "100.5%")
    r = _accept(client_for, assessment_a)
    assert r.status_code == 400
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.SUBMITTED


def test_the_member_share_uses_the_latest_declared_headcount(union_a, today):
    UnionRollup.objects.update_or_create(
        union=union_a, defaults={"members_active": 190}
    )  # 95% of the 200 registered
    fact_push(union=union_a, key="dues.headcount", value={"headcount": 250, "as_of": str(today)})
    check = _check(union_a, "member_share")
    assert (check["status"], check["value"]) == ("fail", "76.0%")


def test_records_clean_helper_passes_every_veto(union_a):
    records_clean(union_a)
    assert {v["key"]: v["status"] for v in vetoes_run(union=union_a)} == {
        "committee_term": "pass",
        "workers_congress": "pass",
        "dues_overdue": "pass",
        "member_share": "pass",
    }


def test_proposals_and_activities_come_from_the_facts(union_a, today):
    from federation.homes.checks import auto_checks_run

    year = str(today.year)
    fact_push(
        union=union_a,
        key="congress.proposals_by_year",
        value={year: {"received": 12, "accepted": 9, "answered": 9}},
    )
    fact_push(union=union_a, key="activities.held_by_year", value={year: 14})
    results = auto_checks_run(union=union_a, keys=["proposals_answered", "activities_held"])
    assert (results["proposals_answered"]["status"], results["proposals_answered"]["value"]) == (
        "pass",
        "9/9",
    )
    assert (results["activities_held"]["status"], results["activities_held"]["value"]) == (
        "pass",
        "14",
    )
    fact_push(union=union_a, key="activities.held_by_year", value={str(today.year - 1): 3})
    assert (
        auto_checks_run(union=union_a, keys=["activities_held"])["activities_held"]["status"]
        == "fail"
    )
