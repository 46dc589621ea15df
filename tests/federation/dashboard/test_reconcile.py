"""The roll-ups the dashboard reads equal a from-scratch recount after every kind of change,
and the nightly reconciliation corrects injected drift and reports it."""

import pytest
from django_tenants.utils import schema_context

from federation.dashboard.models import RollupDrift
from federation.dashboard.reconcile import ROLLUP_FIELDS, rollup_reconcile
from tenants.models import UnionRollup
from tests.workplaces.members.conftest import member_payload

pytestmark = pytest.mark.django_db


def _recount(union) -> dict:
    from workplaces.members.selectors import dues_monthly_total, member_counts

    with schema_context(union.schema_name):
        c = member_counts()
        total = dues_monthly_total()
    return {
        "members_active": c["active"],
        "members_women": c["women"],
        "members_migrant": c["migrant"],
        "members_retained": c["retained"],
        "member_dues_monthly": total,
    }


def _rollup(union) -> dict:
    row = UnionRollup.objects.filter(union=union).values(*ROLLUP_FIELDS).first()
    return row or {}


def _add(api, **kw):
    resp = api.post("/api/v1/members/", member_payload(**kw), format="json")
    assert resp.status_code == 201, resp.json()
    return resp.json()["id"]


def test_roll_up_equals_a_recount_after_adding_members(client_for, union_a):
    api = client_for("a_organization", union_a)
    _add(api, gender="F", employment="migrant", monthly_wage="5000.00")
    _add(api)
    assert _rollup(union_a) == _recount(union_a)
    assert _rollup(union_a)["members_women"] == 1


def test_roll_up_equals_a_recount_after_a_departure(client_for, union_a):
    api = client_for("a_organization", union_a)
    member = _add(api)
    _add(api, gender="F")
    resp = api.post(
        f"/api/v1/members/{member}/leave/",
        {"status": "retired", "reason": "退休", "on": "2026-10-31"},
        format="json",
    )
    assert resp.status_code == 200, resp.json()
    assert _rollup(union_a) == _recount(union_a)
    assert _rollup(union_a)["members_retained"] == 1


def test_roll_ups_of_both_unions_equal_recounts_after_a_transfer(client_for, union_a, union_b):
    a = client_for("a_organization", union_a)
    member = _add(a)
    resp = a.post(
        f"/api/v1/members/{member}/transfer/",
        {"to_union": "union-b", "reason": "调动"},
        format="json",
    )
    assert resp.status_code == 202, resp.json()
    b = client_for("b_organization", union_b)
    transfer = resp.json()["id"]
    assert b.post(f"/api/v1/transfers/{transfer}/accept/", {}, format="json").status_code == 200
    assert _rollup(union_a) == _recount(union_a)
    assert _rollup(union_b) == _recount(union_b)
    assert _rollup(union_b)["members_active"] == 1


def test_the_reconciliation_corrects_injected_drift_and_reports_it(client_for, union_a):
    api = client_for("a_organization", union_a)
    _add(api, gender="F")
    UnionRollup.objects.filter(union=union_a).update(members_active=99, members_women=0)
    drifts = rollup_reconcile(schema_name=union_a.schema_name)
    assert sorted((d.field, d.recorded, d.recounted) for d in drifts) == [
        ("members_active", "99", "1"),
        ("members_women", "0", "1"),
    ]
    assert _rollup(union_a) == _recount(union_a)
    assert RollupDrift.objects.filter(union=union_a).count() == 2


def test_no_drift_is_reported_when_the_roll_up_is_right(client_for, union_a):
    _add(client_for("a_organization", union_a))
    assert rollup_reconcile(schema_name=union_a.schema_name) == []
    assert not RollupDrift.objects.exists()
