import datetime as dt

import pytest

from tenants import facts
from tenants.models import EmployeeCountChange
from tenants.selectors import employees_effective

pytestmark = pytest.mark.django_db


def test_the_registered_count_applies_without_a_declaration(union_a):
    found = employees_effective(union_a)
    assert (found.count, found.source) == (union_a.employee_count, "registered")


def test_a_later_declared_headcount_wins_over_the_registered_count(union_a):
    EmployeeCountChange.objects.create(union=union_a, count=200, as_of=dt.date(2026, 1, 5))
    facts.fact_push(
        union=union_a, key="dues.headcount", value={"headcount": 260, "as_of": "2026-10-31"}
    )
    found = employees_effective(union_a)
    assert (found.count, found.source, found.as_of) == (260, "declared", dt.date(2026, 10, 31))


def test_a_later_registered_change_wins_over_an_older_declaration(union_a):
    facts.fact_push(
        union=union_a, key="dues.headcount", value={"headcount": 260, "as_of": "2026-03-31"}
    )
    EmployeeCountChange.objects.create(union=union_a, count=200, as_of=dt.date(2026, 11, 1))
    found = employees_effective(union_a)
    assert (found.count, found.source) == (union_a.employee_count, "registered")
