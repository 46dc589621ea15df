"""The Reports API of both hosts (../shared/API.md "Reports")."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from federation.reports import services
from federation.reports.models import Cycle, Submission
from tests.federation.reports.conftest import MANUAL

pytestmark = pytest.mark.django_db


def test_the_officer_opens_a_cycle_for_all_unions(fed, frozen, annual):
    r = fed.post(
        "/api/v1/reports/cycles/",
        {"form": annual.pk, "period": "2026", "due_date": "2026-12-15", "unions": "all"},
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["period"], body["due_date"], body["status"], body["expected"]) == (
        "2026",
        "2026-12-15",
        "open",
        2,
    )


def test_the_officer_opens_a_cycle_for_chosen_unions(fed, frozen, annual):
    r = fed.post(
        "/api/v1/reports/cycles/",
        {
            "form": "annual-basic",
            "period": "2026-H2",
            "due_date": "2026-12-15",
            "unions": ["union-b"],
        },
        format="json",
    )
    assert r.status_code == 201
    cycle = Cycle.objects.get(pk=r.json()["id"])
    assert list(cycle.submissions.values_list("union__slug", flat=True)) == ["union-b"]


@pytest.mark.parametrize(
    ("payload", "keys"),
    [
        (
            {
                "form": "annual-basic",
                "period": "2026-Q7",
                "due_date": "2026-12-15",
                "unions": "all",
            },
            {"period"},
        ),
        (
            {"form": "annual-basic", "period": "2026", "due_date": "15.12.2026", "unions": "all"},
            {"due_date"},
        ),
        (
            {"form": "annual-basic", "period": "2026", "due_date": "2026-12-15", "unions": "some"},
            {"unions"},
        ),
        (
            {
                "form": "annual-basic",
                "period": "2026",
                "due_date": "2026-12-15",
                "unions": ["nope"],
            },
            {"unions"},
        ),
        ({"form": "nope", "period": "2026", "due_date": "2026-12-15", "unions": "all"}, {"form"}),
        ({"period": "2026"}, {"form", "due_date", "unions"}),
    ],
)
def test_bad_cycle_input_is_400_and_nothing_is_created(fed, annual, payload, keys):
    r = fed.post("/api/v1/reports/cycles/", payload, format="json")
    assert r.status_code == 400
    assert set(r.json()) == keys
    assert Cycle.objects.count() == 0


def test_the_same_form_and_period_again_is_409(fed, cycle):
    r = fed.post(
        "/api/v1/reports/cycles/",
        {"form": "annual-basic", "period": "2026", "due_date": "2026-12-15", "unions": "all"},
        format="json",
    )
    assert r.status_code == 409
    assert Cycle.objects.count() == 1


def test_a_union_lists_its_reports_with_prefilled_values(a_chair, cycle):
    r = a_chair.get("/api/v1/reports/")
    assert r.status_code == 200
    (item,) = r.json()["results"]
    assert (item["period"], item["status"], item["union"]) == ("2026", "pending", "union-a")
    assert item["values"] == {"members": 120, "women": 50, "migrant": 30, "employees": 200}
    assert item["prefilled"] == item["values"]
    assert item["overrides"] == {}
    assert [f["key"] for f in item["fields"]][:4] == ["members", "women", "migrant", "employees"]


def test_patch_keeps_the_prefilled_value_beside_the_override(a_chair, sub_a):
    r = a_chair.patch(
        f"/api/v1/reports/{sub_a.pk}/",
        {"values": {"members": 119, "union_staff": 2}},
        format="json",
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["values"]["members"], body["prefilled"]["members"]) == (119, 120)
    assert body["overrides"] == {"members": 119}


def test_patch_with_wrong_types_rules_and_unknown_keys_is_400_with_the_keys(a_chair, sub_a):
    r = a_chair.patch(
        f"/api/v1/reports/{sub_a.pk}/",
        {"values": {"members": "x", "congress_held": "maybe", "bogus": 1, "union_staff": 2}},
        format="json",
    )
    assert r.status_code == 400
    assert set(r.json()) == {"members", "congress_held", "bogus"}
    r = a_chair.patch(f"/api/v1/reports/{sub_a.pk}/", {"values": {"migrant": 121}}, format="json")
    assert r.status_code == 400
    assert list(r.json()) == ["migrant"]
    assert Submission.objects.get(pk=sub_a.pk).values == {}


@pytest.mark.parametrize("body", [{"values": [1, 2]}, {"values": "x"}, {}, [1]])
def test_patch_with_a_malformed_body_is_400(a_chair, sub_a, body):
    r = a_chair.patch(f"/api/v1/reports/{sub_a.pk}/", body, format="json")
    assert r.status_code == 400


def test_submit_then_the_officer_sees_it_in_status_and_aggregate(a_chair, fed, sub_a, cycle):
    r = a_chair.post(f"/api/v1/reports/{sub_a.pk}/submit/", {"values": MANUAL}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "submitted"
    body = fed.get(f"/api/v1/reports/cycles/{cycle.pk}/status/").json()
    assert body["count"] == 2
    status = {row["union"]: row for row in body["results"]}
    assert (status["union-a"]["status"], status["union-a"]["late"]) == ("submitted", False)
    assert status["union-a"]["submitted_at"].startswith("2026-11-05")
    assert (status["union-b"]["status"], status["union-b"]["submitted_at"]) == ("pending", None)
    agg = fed.get(f"/api/v1/reports/cycles/{cycle.pk}/aggregate/").json()
    assert agg["submitted"] == 1
    assert agg["expected"] == 2
    assert agg["totals"]["members"] == 120
    assert agg["totals"]["union_staff"] == 1


def test_the_status_grid_filters_by_status_and_late(fed, cycle, sub_a, frozen):
    import datetime as dt

    services.submission_submit(submission=sub_a, values=MANUAL)
    url = f"/api/v1/reports/cycles/{cycle.pk}/status/"
    assert [r["union"] for r in fed.get(url + "?status=pending").json()["results"]] == ["union-b"]
    assert fed.get(url + "?status=late").json()["count"] == 0
    frozen.move_to(dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert [r["union"] for r in fed.get(url + "?status=late").json()["results"]] == ["union-b"]
    assert fed.get(url + "?status=lost").status_code == 400


def test_submit_with_missing_required_fields_is_400(a_chair, sub_a):
    r = a_chair.post(f"/api/v1/reports/{sub_a.pk}/submit/", {}, format="json")
    assert r.status_code == 400
    assert "congress_held" in r.json()
    assert Submission.objects.get(pk=sub_a.pk).status == "pending"


def test_accept_and_return_through_the_api(fed, a_chair, sub_a):
    services.submission_submit(submission=sub_a, values=MANUAL)
    r = fed.post(f"/api/v1/reports/submissions/{sub_a.pk}/return/", {"comment": ""}, format="json")
    assert r.status_code == 400
    r = fed.post(
        f"/api/v1/reports/submissions/{sub_a.pk}/return/",
        {"comment": "请核对会员数"},
        format="json",
    )
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["comment"]) == ("returned", "请核对会员数")
    assert a_chair.get(f"/api/v1/reports/{sub_a.pk}/").json()["comment"] == "请核对会员数"
    a_chair.post(f"/api/v1/reports/{sub_a.pk}/submit/", {"values": {"members": 119}}, format="json")
    r = fed.post(
        f"/api/v1/reports/submissions/{sub_a.pk}/accept/", {"comment": "好"}, format="json"
    )
    assert r.json()["status"] == "accepted"
    r = a_chair.patch(f"/api/v1/reports/{sub_a.pk}/", {"values": {"members": 100}}, format="json")
    assert r.status_code == 400
    assert list(r.json()) == ["status"]
    assert Submission.objects.get(pk=sub_a.pk).values["members"] == 119


def test_accepting_a_pending_report_is_400(fed, sub_a):
    r = fed.post(f"/api/v1/reports/submissions/{sub_a.pk}/accept/", {}, format="json")
    assert r.status_code == 400
    assert Submission.objects.get(pk=sub_a.pk).status == "pending"


def test_another_unions_report_is_404_and_untouched(b_chair, sub_a):
    assert b_chair.get(f"/api/v1/reports/{sub_a.pk}/").status_code == 404
    assert (
        b_chair.patch(
            f"/api/v1/reports/{sub_a.pk}/", {"values": {"union_staff": 9}}, format="json"
        ).status_code
        == 404
    )
    assert (
        b_chair.post(
            f"/api/v1/reports/{sub_a.pk}/submit/", {"values": MANUAL}, format="json"
        ).status_code
        == 404
    )
    sub_a.refresh_from_db()
    assert (sub_a.status, sub_a.values) == ("pending", {})


def test_a_union_lists_only_its_own_reports(b_chair, cycle, sub_b):
    ids = [i["id"] for i in b_chair.get("/api/v1/reports/").json()["results"]]
    assert ids == [sub_b.pk]


def test_unknown_ids_are_404(fed, a_chair, cycle):
    assert fed.get("/api/v1/reports/cycles/999999/status/").status_code == 404
    assert (
        fed.post("/api/v1/reports/submissions/999999/accept/", {}, format="json").status_code == 404
    )
    assert a_chair.get("/api/v1/reports/999999/").status_code == 404


def test_the_export_is_an_xlsx(fed, cycle, sub_a):
    services.submission_submit(submission=sub_a, values=MANUAL)
    r = fed.get(f"/api/v1/reports/cycles/{cycle.pk}/export/?format=xlsx")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[-1][1] == 120
    assert fed.get(f"/api/v1/reports/cycles/{cycle.pk}/export/?format=csv").status_code == 400


def test_the_officer_closes_a_cycle(fed, cycle):
    r = fed.post(f"/api/v1/reports/cycles/{cycle.pk}/close/")
    assert r.status_code == 200
    assert r.json()["status"] == "closed"


def test_a_cycle_can_be_sent_to_more_unions(fed, frozen, annual, union_b):
    cycle = services.cycle_open(
        form=annual, period="2026", due_date=dt.date(2026, 12, 1), unions=["union-a"]
    )
    r = fed.post(
        f"/api/v1/reports/cycles/{cycle.pk}/unions/", {"unions": ["union-b"]}, format="json"
    )
    assert r.status_code == 200
    assert r.json()["expected"] == 2
    again = fed.post(f"/api/v1/reports/cycles/{cycle.pk}/unions/", {"unions": "all"}, format="json")
    assert again.json()["expected"] == 2
    assert (
        fed.post(
            f"/api/v1/reports/cycles/{cycle.pk}/unions/", {"unions": ["x-y"]}, format="json"
        ).status_code
        == 400
    )


def test_every_version_of_a_form_is_listed_by_code(fed, cycle):
    services.form_save(
        code="annual-basic",
        title="新版",
        fields=[{"key": "members", "label": "会员", "type": "integer"}],
    )
    versions = [
        f["version"] for f in fed.get("/api/v1/reports/forms/?code=annual-basic").json()["results"]
    ]
    assert versions == [2, 1]


def test_forms_and_sources_are_listed(fed, annual):
    forms = fed.get("/api/v1/reports/forms/").json()["results"]
    assert "annual-basic" in [f["code"] for f in forms]
    names = [s["name"] for s in fed.get("/api/v1/reports/sources/").json()["results"]]
    assert {"members.active", "members.active.women", "members.active.migrant", "employees"} <= set(
        names
    )
