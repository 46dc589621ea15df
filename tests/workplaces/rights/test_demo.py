"""The demo hooks: an expired contract, a mediation case past its deadline, hardship
files with aid; idempotent."""

import pytest

from tenants.facts import fact_value
from tests.workplaces.rights.factories import member_make
from workplaces.rights import demo as rights_demo
from workplaces.welfare import demo as welfare_demo

pytestmark = pytest.mark.django_db


def test_the_rights_demo_gives_an_expired_contract_and_an_overdue_case(
    monkeypatch, union_a, union_b
):
    monkeypatch.setattr(rights_demo, "EXPIRED", "union-a")
    monkeypatch.setattr(rights_demo, "OVERDUE_MEDIATION", "union-b")
    for _ in range(2):
        rights_demo.demo_rights_seed(union_a)
        rights_demo.demo_rights_seed(union_b)
    assert fact_value(union=union_a, key="rights.contract")["status"] == "expired"
    assert fact_value(union=union_b, key="rights.contract")["status"] == "effective"
    assert fact_value(union=union_b, key="rights.contracts_in_force") == 2
    assert fact_value(union=union_b, key="rights.mediation")["overdue"] == 1


def test_the_welfare_demo_opens_hardship_files_with_aid(monkeypatch, union_a, in_union):
    monkeypatch.setattr(welfare_demo, "HARDSHIP", ("union-a",))
    with in_union(union_a):
        for i in range(4):
            member_make(name="王芳", gender="F" if i % 2 else "M")
    welfare_demo.demo_welfare_seed(union_a)
    welfare_demo.demo_welfare_seed(union_a)
    hardship = fact_value(union=union_a, key="welfare.hardship")
    assert (hardship["deep"], hardship["relative"], hardship["accident"]) == (1, 1, 1)
    assert (
        sum(v["count"] for v in fact_value(union=union_a, key="welfare.visits_by_year").values())
        == 1
    )
