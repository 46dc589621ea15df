"""Report prefill sources and staff-home evidence read the facts; no fact is no data."""

import pytest

from federation.homes.checks import AUTO_CHECKS
from federation.reports.sources import source_value
from tenants.facts import facts_refresh
from tests.workplaces.rights.factories import contract_payload

pytestmark = pytest.mark.django_db

# only this module's facts: other tests may leave a test fact registered
MY_FACTS = [
    "rights.contract",
    "rights.contracts_in_force",
    "rights.workers_covered",
    "rights.mediation",
    "welfare.hardship",
    "welfare.visits_by_year",
    "welfare.festival_by_year",
]


def test_without_a_fact_the_contract_check_has_no_data_and_the_source_is_none(union_b):
    import datetime as dt

    result = AUTO_CHECKS["collective_contract"].func(union=union_b, on=dt.date.today())
    assert result.status == "no_data"
    assert source_value("rights.contracts_in_force", union_b) is None


def test_a_contract_in_force_passes_the_check_and_fills_the_sources(a_chair, in_union, union_a):
    import datetime as dt

    start = dt.date.today() - dt.timedelta(days=30)
    end = start.replace(year=start.year + 2)
    a_chair.post(
        "/api/v1/rights/contracts/",
        contract_payload(
            signed_on=start.isoformat(),
            starts_on=start.isoformat(),
            ends_on=end.isoformat(),
            filed_on=start.isoformat(),
            workers_covered=150,
        ),
        format="json",
    )
    with in_union(union_a):
        facts_refresh(keys=MY_FACTS)
    result = AUTO_CHECKS["collective_contract"].func(union=union_a, on=dt.date.today())
    assert result.status == "pass"
    assert source_value("rights.contracts_in_force", union_a) == 1
    assert source_value("rights.workers_covered", union_a) == 150


def test_the_mediation_check_fails_with_a_case_past_its_deadline(a_chair, in_union, union_a):
    import datetime as dt

    a_chair.put(
        "/api/v1/rights/mediation-committee/",
        {
            "since": "2026-01-01",
            "members": [{"name": "甲", "side": "employees"}, {"name": "乙", "side": "employer"}],
        },
        format="json",
    )
    old = dt.date.today() - dt.timedelta(days=20)
    a_chair.post(
        "/api/v1/rights/mediations/",
        {"received_on": old.isoformat(), "applicant": "丙", "respondent": "公司", "matter": "m"},
        format="json",
    )
    with in_union(union_a):
        facts_refresh(keys=MY_FACTS)
    assert AUTO_CHECKS["mediation"].func(union=union_a, on=dt.date.today()).status == "fail"
    assert source_value("rights.mediation.received", union_a) == (
        1 if old.year == dt.date.today().year else 0
    )


@pytest.mark.parametrize(
    ("status", "answer"),
    [("effective", "是"), ("expiring", "是"), ("expired", "否"), ("none", "否")],
)
def test_the_annual_reports_contract_question_is_answered_from_the_contract_fact(
    union_b, status, answer
):
    from tenants.facts import fact_push

    fact_push(union=union_b, key="rights.contract", value={"status": status, "ends_on": None})
    assert source_value("rights.contract_in_force", union_b) == answer


def test_without_a_contract_fact_the_annual_reports_question_is_left_to_the_union(union_b):
    from tenants.models import UnionFact

    UnionFact.objects.filter(union=union_b, key="rights.contract").delete()
    assert source_value("rights.contract_in_force", union_b) is None


def test_the_mediation_committee_question_is_yes_once_its_seats_are_recorded(
    a_chair, in_union, union_a
):
    from tenants.models import UnionFact

    UnionFact.objects.filter(union=union_a, key="rights.mediation").delete()
    assert source_value("rights.mediation_committee", union_a) is None
    a_chair.put(
        "/api/v1/rights/mediation-committee/",
        {
            "since": "2026-01-01",
            "members": [{"name": "甲", "side": "employees"}, {"name": "乙", "side": "employer"}],
        },
        format="json",
    )
    with in_union(union_a):
        facts_refresh(keys=["rights.mediation"])
    assert source_value("rights.mediation_committee", union_a) == "是"
