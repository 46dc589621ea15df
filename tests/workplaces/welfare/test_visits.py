"""五必访 visits against the yearly cap per member and reason."""

import pytest

from federation.platform.audit.models import AuditEvent
from workplaces.welfare.models import Visit

pytestmark = pytest.mark.django_db

URL = "/api/v1/welfare/visits/"


def _visit(member, **overrides):
    data = {
        "member": member.pk,
        "reason": "illness",
        "visited_on": "2026-04-01",
        "amount": "600.00",
    }
    data.update(overrides)
    return data


def test_a_visit_under_the_cap_is_recorded_and_audited(a_chair, member_in, union_a, in_union):
    m = member_in(union_a)
    res = a_chair.post(URL, _visit(m), format="json")
    assert res.status_code == 201
    assert res.json()["amount"] == "600.00"
    with in_union(union_a):
        event = AuditEvent.objects.get(kind="welfare.visit")
        assert (event.object_id, event.union_slug, event.before) == (
            str(res.json()["id"]),
            "union-a",
            None,
        )
        assert {k: event.after[k] for k in ("member_id", "reason", "visited_on", "amount")} == {
            "member_id": m.pk,
            "reason": "illness",
            "visited_on": "2026-04-01",
            "amount": "600.00",
        }


def test_a_visit_reaching_the_cap_exactly_is_recorded(a_chair, member_in, union_a):
    m = member_in(union_a)
    a_chair.post(URL, _visit(m), format="json")
    res = a_chair.post(URL, _visit(m, amount="400.00", visited_on="2026-09-01"), format="json")
    assert res.status_code == 201


def test_the_visit_that_would_pass_the_yearly_cap_is_refused_naming_the_cap_and_nothing_is_written(
    a_chair, member_in, union_a, in_union
):
    m = member_in(union_a)
    a_chair.post(URL, _visit(m), format="json")
    res = a_chair.post(URL, _visit(m, amount="400.01", visited_on="2026-09-01"), format="json")
    assert res.status_code == 400
    assert list(res.json()) == ["amount"]
    assert "1000.00" in res.json()["amount"][0]
    with in_union(union_a):
        assert Visit.objects.count() == 1
        assert AuditEvent.objects.filter(kind="welfare.visit").count() == 1


def test_the_same_visit_the_next_year_passes(a_chair, member_in, union_a):
    m = member_in(union_a)
    a_chair.post(URL, _visit(m), format="json")
    refused = a_chair.post(URL, _visit(m, visited_on="2026-12-31"), format="json")
    assert refused.status_code == 400
    res = a_chair.post(URL, _visit(m, visited_on="2027-01-01"), format="json")
    assert res.status_code == 201


def test_the_same_visit_sent_twice_is_a_409_and_recorded_once(
    a_chair, member_in, union_a, in_union
):
    m = member_in(union_a)
    assert a_chair.post(URL, _visit(m, amount="1000.00"), format="json").status_code == 201
    res = a_chair.post(URL, _visit(m, amount="1000.00"), format="json")
    assert res.status_code == 409
    assert res.json()["code"] == "duplicate"
    with in_union(union_a):
        assert Visit.objects.count() == 1
        assert AuditEvent.objects.filter(kind="welfare.visit").count() == 1


def test_the_cap_counts_per_reason(a_chair, member_in, union_a):
    m = member_in(union_a)
    a_chair.post(URL, _visit(m, amount="1000.00"), format="json")
    res = a_chair.post(URL, _visit(m, reason="bereavement", amount="1000.00"), format="json")
    assert res.status_code == 201


def test_an_unknown_reason_is_a_400_on_reason(a_chair, member_in, union_a):
    m = member_in(union_a)
    res = a_chair.post(URL, _visit(m, reason="birthday"), format="json")
    assert res.status_code == 400
    assert list(res.json()) == ["reason"]


def test_a_lower_cap_from_the_rule_table_applies_from_its_date(a_chair, member_in, union_a):
    import datetime as dt

    from federation.rules.services import rule_change
    from workplaces.welfare.rule_table import VISIT_REASONS_DEFAULT

    rows = [
        dict(r, yearly_cap="300.00") if r["code"] == "illness" else r for r in VISIT_REASONS_DEFAULT
    ]
    rule_change(
        key="welfare.visit_reasons", value=rows, effective_from=dt.date(2026, 7, 1), actor=None
    )
    m = member_in(union_a)
    assert a_chair.post(URL, _visit(m, visited_on="2026-06-30"), format="json").status_code == 201
    res = a_chair.post(URL, _visit(m, amount="1.00", visited_on="2026-07-01"), format="json")
    assert res.status_code == 400
    assert "300.00" in res.json()["amount"][0]


def test_another_unions_visits_are_not_listed(a_chair, b_chair, member_in, union_b):
    theirs = member_in(union_b)
    assert b_chair.post(URL, _visit(theirs), format="json").status_code == 201
    assert a_chair.get(URL).json()["count"] == 0
