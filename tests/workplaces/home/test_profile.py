"""Item 1 of issue 11: the employee count is editable on both sides, with its history
(API.md "Union profile"), and every change is audited."""

import pytest
from django_tenants.utils import schema_context

from federation.platform.audit.models import AuditEvent
from tenants.models import EmployeeCountChange, Union

pytestmark = pytest.mark.django_db


def test_the_union_changes_its_employee_count_and_keeps_the_history(union_a_chair_api, union_a):
    before = union_a.employee_count
    r = union_a_chair_api.patch(
        "/api/v1/union/",
        {"employee_count": 90, "as_of": "2026-11-01", "note": "年中招工"},
        format="json",
    )
    assert r.status_code == 200
    assert r.json()["employee_count"] == 90
    assert Union.objects.get(pk=union_a.pk).employee_count == 90
    change = EmployeeCountChange.objects.get(union=union_a)
    assert (change.count, change.previous, str(change.as_of), change.side, change.changed_by) == (
        90,
        before,
        "2026-11-01",
        "union",
        "a_chair",
    )
    with schema_context(union_a.schema_name):
        event = AuditEvent.objects.get(object_type="tenants.employeecountchange")
    assert (event.before, event.after["employee_count"]) == ({"employee_count": before}, 90)


def test_the_history_is_listed(union_a_chair_api, union_a):
    union_a_chair_api.patch("/api/v1/union/", {"employee_count": 90}, format="json")
    union_a_chair_api.patch("/api/v1/union/", {"employee_count": 95}, format="json")
    r = union_a_chair_api.get("/api/v1/union/employee-counts/")
    assert r.status_code == 200
    assert [row["count"] for row in r.json()["results"]] == [95, 90]


def test_a_member_cannot_change_the_employee_count(client_for, union_a):
    before = union_a.employee_count
    r = client_for("a_member", union_a).patch(
        "/api/v1/union/", {"employee_count": 1}, format="json"
    )
    assert r.status_code == 403
    assert Union.objects.get(pk=union_a.pk).employee_count == before
    assert not EmployeeCountChange.objects.exists()


@pytest.mark.parametrize("bad", [-1, "many", 10_000_001, None])
def test_a_bad_count_is_400_on_the_field(union_a_chair_api, union_a, bad):
    r = union_a_chair_api.patch("/api/v1/union/", {"employee_count": bad}, format="json")
    assert r.status_code == 400
    assert list(r.json()) == ["employee_count"]
    assert not EmployeeCountChange.objects.exists()


def test_the_federation_changes_it_too_with_history(federation_admin_api, union_a):
    r = federation_admin_api.patch("/api/v1/unions/union-a/", {"employee_count": 72}, format="json")
    assert r.status_code == 200
    change = EmployeeCountChange.objects.get(union=union_a)
    assert (change.count, change.side, change.changed_by) == (72, "federation", "federation_admin")


def test_another_union_sees_only_its_own_history(union_a_chair_api, union_b_chair_api):
    union_a_chair_api.patch("/api/v1/union/", {"employee_count": 90}, format="json")
    assert union_b_chair_api.get("/api/v1/union/employee-counts/").json()["count"] == 0
