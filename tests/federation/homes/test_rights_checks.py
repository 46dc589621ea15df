"""The rights and welfare criteria (WQ01 collective contract, WQ02 mediation, GA01 visits
and hardship files) read the union's own records through the public facts; a missing
record is "no record", never a pass."""

import datetime as dt

import pytest

from federation.homes.checks import auto_checks_run
from tenants.facts import fact_push
from tenants.models import UnionFact

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 6, 1)


def _run(union, key):
    return auto_checks_run(union=union, keys=[key], on=ON)[key]


@pytest.fixture
def no_rights_facts(union_a):
    UnionFact.objects.filter(union=union_a, key__startswith="rights.").delete()
    UnionFact.objects.filter(union=union_a, key__startswith="welfare.").delete()


def _contract(union, status, ends_on="2028-02-28", in_force=1):
    fact_push(union=union, key="rights.contract", value={"status": status, "ends_on": ends_on})
    fact_push(union=union, key="rights.contracts_in_force", value=in_force)


def _mediation(union, *, employees=2, employer=2, overdue=0, received=None):
    fact_push(
        union=union,
        key="rights.mediation",
        value={
            "open": overdue,
            "overdue": overdue,
            "received_by_year": received if received is not None else {"2026": 3},
            "settled_by_year": {"2026": 2},
            "committee_employees": employees,
            "committee_employer": employer,
        },
    )


def test_without_rights_facts_both_checks_say_no_record(union_a, no_rights_facts):
    results = auto_checks_run(union=union_a, keys=["collective_contract", "mediation"], on=ON)
    assert {k: r["status"] for k, r in results.items()} == {
        "collective_contract": "no_data",
        "mediation": "no_data",
    }


def test_a_union_that_recorded_no_contract_has_no_record_not_a_pass(union_a, no_rights_facts):
    _contract(union_a, "none", ends_on=None, in_force=0)
    assert _run(union_a, "collective_contract")["status"] == "no_data"


def test_a_filed_contract_in_force_passes_with_its_end_date(union_a, no_rights_facts):
    _contract(union_a, "effective", in_force=3)
    result = _run(union_a, "collective_contract")
    assert (result["status"], result["value"]) == ("pass", "2028-02-28")
    assert "3" in result["reason"]


@pytest.mark.parametrize("status", ["negotiating", "signed", "filed", "expired"])
def test_a_contract_not_in_force_fails(union_a, no_rights_facts, status):
    _contract(union_a, status)
    assert _run(union_a, "collective_contract")["status"] == "fail"


def test_a_contract_that_ended_before_the_check_day_fails_though_the_fact_is_older(
    union_a, no_rights_facts
):
    _contract(union_a, "effective", ends_on="2026-05-31")
    result = _run(union_a, "collective_contract")
    assert result["status"] == "fail"
    assert "2026-05-31" in result["reason"]


def test_an_equal_committee_with_no_case_overdue_passes_mediation(union_a, no_rights_facts):
    _mediation(union_a)
    result = _run(union_a, "mediation")
    assert (result["status"], result["value"]) == ("pass", "3/0")


def test_a_case_open_past_its_deadline_fails_mediation(union_a, no_rights_facts):
    _mediation(union_a, overdue=1)
    assert _run(union_a, "mediation")["status"] == "fail"


def test_cases_without_a_committee_fail_mediation(union_a, no_rights_facts):
    _mediation(union_a, employees=0, employer=0)
    assert _run(union_a, "mediation")["status"] == "fail"


def test_no_committee_and_no_case_is_no_record(union_a, no_rights_facts):
    _mediation(union_a, employees=0, employer=0, received={})
    assert _run(union_a, "mediation")["status"] == "no_data"


def test_without_welfare_facts_the_care_check_says_no_record(union_a, no_rights_facts):
    assert _run(union_a, "welfare_care")["status"] == "no_data"


def test_empty_welfare_records_are_no_record(union_a, no_rights_facts):
    fact_push(union=union_a, key="welfare.visits_by_year", value={})
    fact_push(
        union=union_a,
        key="welfare.hardship",
        value={"deep": 0, "relative": 0, "accident": 0, "aid_by_year": {}},
    )
    assert _run(union_a, "welfare_care")["status"] == "no_data"


def test_visits_this_year_pass_the_care_check_with_the_hardship_numbers(union_a, no_rights_facts):
    fact_push(
        union=union_a,
        key="welfare.visits_by_year",
        value={"2026": {"count": 4, "amount": "1600.00"}},
    )
    fact_push(
        union=union_a,
        key="welfare.hardship",
        value={"deep": 1, "relative": 2, "accident": 0, "aid_by_year": {"2026": "3000.00"}},
    )
    result = _run(union_a, "welfare_care")
    assert (result["status"], result["value"]) == ("pass", "4")
    assert "3000.00" in result["reason"]
    assert "1600.00" in result["reason"]


def test_visits_only_in_an_earlier_year_fail_the_care_check(union_a, no_rights_facts):
    fact_push(
        union=union_a, key="welfare.visits_by_year", value={"2025": {"count": 2, "amount": "0"}}
    )
    assert _run(union_a, "welfare_care")["status"] == "fail"


def test_the_default_scheme_gives_the_rights_and_welfare_criteria_their_checks(scheme):
    codes = ["WQ01", "WQ02", "GA01"]
    keys = dict(scheme.criteria.filter(code__in=codes).values_list("code", "auto_check"))
    assert keys == {"WQ01": "collective_contract", "WQ02": "mediation", "GA01": "welfare_care"}


def test_the_self_assessment_shows_the_contract_evidence(
    assessment_a, union_a, client_for, no_rights_facts
):
    _contract(union_a, "expired", ends_on="2026-01-31")
    data = (
        client_for("a_chair", union_a).get(f"/api/v1/homes/assessments/{assessment_a.pk}/").json()
    )
    by_code = {i["code"]: i for i in data["items"]}
    assert by_code["WQ01"]["auto"]["status"] == "fail"
    assert by_code["WQ02"]["auto"]["status"] == "no_data"
