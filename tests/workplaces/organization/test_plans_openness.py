"""Work plans (overdue items for the union home) and openness of affairs (staff-home evidence)."""

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

PLANS = "/api/v1/organization/plans/"
OPEN = "/api/v1/organization/openness/"


def test_plan_items_and_overdue(union_a_chair_api, union_a, in_union):
    from workplaces.organization.selectors import plan_items_overdue

    plan = union_a_chair_api.post(
        PLANS, {"year": 2026, "title": "2026年工会工作计划"}, format="json"
    )
    assert plan.status_code == 201
    pid = plan.data["id"]
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    item = union_a_chair_api.post(
        f"{PLANS}{pid}/items/",
        {"title": "召开职代会", "owner": "组织委员", "due_on": past},
        format="json",
    )
    assert item.status_code == 201
    with in_union(union_a):
        assert [i.title for i in plan_items_overdue()] == ["召开职代会"]
    r = union_a_chair_api.patch(
        f"/api/v1/organization/plan-items/{item.data['id']}/", {"progress": 100}, format="json"
    )
    assert (r.status_code, r.data["progress"]) == (200, 100)
    with in_union(union_a):
        assert list(plan_items_overdue()) == []
    r = union_a_chair_api.post(
        f"{PLANS}{pid}/summary/", {"summary": "全年完成各项任务。"}, format="json"
    )
    assert r.status_code == 200
    assert r.data["summary_on"] == timezone.localdate().isoformat()


def test_progress_above_100_is_400(union_a_chair_api):
    pid = union_a_chair_api.post(PLANS, {"year": 2026, "title": "计划"}, format="json").data["id"]
    iid = union_a_chair_api.post(
        f"{PLANS}{pid}/items/", {"title": "x", "due_on": "2026-12-01"}, format="json"
    ).data["id"]
    r = union_a_chair_api.patch(
        f"/api/v1/organization/plan-items/{iid}/", {"progress": 101}, format="json"
    )
    assert r.status_code == 400
    assert "progress" in r.data


def test_same_plan_twice_is_409(union_a_chair_api):
    assert (
        union_a_chair_api.post(PLANS, {"year": 2026, "title": "计划"}, format="json").status_code
        == 201
    )
    assert (
        union_a_chair_api.post(PLANS, {"year": 2026, "title": "计划"}, format="json").status_code
        == 409
    )


def test_another_unions_plan_is_404(union_a_chair_api, union_b_chair_api):
    pid = union_a_chair_api.post(PLANS, {"year": 2026, "title": "计划"}, format="json").data["id"]
    r = union_b_chair_api.post(
        f"{PLANS}{pid}/items/", {"title": "x", "due_on": "2026-12-01"}, format="json"
    )
    assert r.status_code == 404


def test_openness_item_and_its_evidence(
    union_a_chair_api, union_a, union_b, django_capture_on_commit_callbacks
):
    from federation.homes.checks import AUTO_CHECKS

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        r = union_a_chair_api.post(
            OPEN,
            {
                "title": "2026年业务招待费公开",
                "published_on": today.isoformat(),
                "channel": "board",
            },
            format="json",
        )
    assert r.status_code == 201
    check = AUTO_CHECKS["openness"].func
    assert check(union=union_a, on=today).status == "pass"
    assert check(union=union_b, on=today).status == "no_data"


def test_openness_bad_channel_is_400(union_a_chair_api):
    r = union_a_chair_api.post(
        OPEN, {"title": "x", "published_on": "2026-01-01", "channel": "tv"}, format="json"
    )
    assert r.status_code == 400
    assert "channel" in r.data
