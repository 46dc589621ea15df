from decimal import Decimal

import pytest

from federation.dues import services
from federation.dues.models import DuesNotice, DuesPolicy, Payment, PayrollDeclaration

pytestmark = pytest.mark.django_db


def test_the_cycle_endpoint_runs_the_service_and_is_idempotent(
    client_for, frozen, declare, union_a, union_b
):
    declare(union_a)
    api = client_for("federation_clerk")
    first = api.post("/api/v1/dues/cycles/", {"period": "2026-10"}, format="json")
    second = api.post("/api/v1/dues/cycles/", {"period": "2026-10"}, format="json")
    assert first.status_code == 200
    assert first.json() == {
        "period": "2026-10",
        "notices_created": 1,
        "notices_existing": 0,
        "missing_declarations": ["union-b"],
    }
    assert second.json()["notices_created"] == 0


@pytest.mark.parametrize("body", [{"period": "2026-13"}, {}, {"period": ["x"]}])
def test_the_cycle_endpoint_names_the_period_on_bad_input(client_for, frozen, body):
    response = client_for("federation_clerk").post("/api/v1/dues/cycles/", body, format="json")
    assert response.status_code == 400
    assert "period" in response.json()


def test_junk_json_is_a_400_not_a_500(client_for, frozen, issued):
    api = client_for("federation_clerk")
    response = api.post(
        f"/api/v1/dues/notices/{issued.pk}/payments/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    response = api.post(
        f"/api/v1/dues/notices/{issued.pk}/payments/", "[1, 2]", content_type="application/json"
    )
    assert response.status_code == 400
    assert Payment.objects.count() == 0


def test_the_notice_list_has_the_contract_fields(client_for, issued):
    response = client_for("federation_viewer").get(
        "/api/v1/dues/notices/?period=2026-10&status=issued&union=union-a"
    )
    assert response.status_code == 200
    item = response.json()["results"][0]
    assert {
        k: item[k]
        for k in (
            "id",
            "union",
            "period",
            "payroll_total",
            "rate",
            "amount_due",
            "amount_paid",
            "balance",
            "due_date",
            "status",
            "reminders_sent",
            "last_reminded_at",
        )
    } == {
        "id": issued.pk,
        "union": "union-a",
        "period": "2026-10",
        "payroll_total": "100000.00",
        "rate": "0.0200",
        "amount_due": "2000.00",
        "amount_paid": "0.00",
        "balance": "2000.00",
        "due_date": "2026-11-15",
        "status": "issued",
        "reminders_sent": 0,
        "last_reminded_at": None,
    }


def test_notice_filters_are_checked(client_for, issued):
    api = client_for("federation_viewer")
    assert api.get("/api/v1/dues/notices/?status=lost").status_code == 400
    response = api.get("/api/v1/dues/notices/?period=2026-13")
    assert response.status_code == 400
    assert list(response.json()) == ["period"]


def test_a_payment_is_201_then_409_for_the_same_reference(client_for, issued):
    api = client_for("federation_clerk")
    body = {"amount": "500.00", "paid_on": "2026-11-04", "reference": "ICBC-0001"}
    first = api.post(f"/api/v1/dues/notices/{issued.pk}/payments/", body, format="json")
    again = api.post(f"/api/v1/dues/notices/{issued.pk}/payments/", body, format="json")
    assert first.status_code == 201
    assert (first.json()["amount"], first.json()["notice_status"], first.json()["balance"]) == (
        "500.00",
        "partial",
        "1500.00",
    )
    assert again.status_code == 409
    assert again.json()["code"] == "reference_used"
    assert DuesNotice.objects.get(pk=issued.pk).amount_paid == Decimal("500.00")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"amount": "0.00"}, "amount"),
        ({"amount": "-1"}, "amount"),
        ({"amount": "lots"}, "amount"),
        ({"amount": "2000.01"}, "amount"),
        ({"amount": None}, "amount"),
        ({"paid_on": "yesterday"}, "paid_on"),
        ({"reference": ""}, "reference"),
    ],
)
def test_bad_payments_are_400_naming_the_field_and_write_nothing(client_for, issued, body, field):
    data = {"amount": "100.00", "paid_on": "2026-11-04", "reference": "ICBC-9"}
    data.update(body)
    response = client_for("federation_clerk").post(
        f"/api/v1/dues/notices/{issued.pk}/payments/", data, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert Payment.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "code"),
    [
        (None, 401),
        ("federation_viewer", 403),
        ("federation_assessor", 403),
        ("federation_clerk", 201),
        ("federation_admin", 201),
    ],
)
def test_who_may_record_a_payment(client_for, issued, who, code):
    body = {"amount": "1.00", "paid_on": "2026-11-04", "reference": f"R-{who}"}
    response = client_for(who).post(
        f"/api/v1/dues/notices/{issued.pk}/payments/", body, format="json"
    )
    assert response.status_code == code
    assert Payment.objects.count() == (1 if code == 201 else 0)


def test_a_union_token_cannot_reach_the_federation_dues_api(client_for, union_a, issued):
    response = client_for("a_chair", union_a).post(
        f"/api/v1/dues/notices/{issued.pk}/payments/",
        {"amount": "1.00", "paid_on": "2026-11-04", "reference": "X-1"},
        format="json",
    )
    assert response.status_code == 404  # the union host has no federation dues routes
    assert Payment.objects.count() == 0


def test_the_policy_is_read_by_staff_and_changed_by_the_admin_only(client_for, frozen):
    body = {
        "rate": "0.0200",
        "upward_share": "0.4000",
        "due_day": 15,
        "grace_days": 10,
        "reminder_every_days": 7,
    }
    assert client_for("federation_viewer").get("/api/v1/dues/policy/").json()["rate"] == "0.0200"
    assert (
        client_for("federation_clerk").put("/api/v1/dues/policy/", body, format="json").status_code
        == 403
    )
    response = client_for("federation_admin").put(
        "/api/v1/dues/policy/", {**body, "rate": "0.0180"}, format="json"
    )
    assert response.status_code == 200
    assert {
        k: response.json()[k]
        for k in ("rate", "upward_share", "due_day", "grace_days", "reminder_every_days")
    } == {
        "rate": "0.0180",
        "upward_share": "0.4000",
        "due_day": 15,
        "grace_days": 10,
        "reminder_every_days": 7,
    }
    assert DuesPolicy.objects.count() == 1


def test_a_bad_policy_is_400_naming_the_field(client_for):
    body = {
        "rate": "2%",
        "upward_share": "0.4000",
        "due_day": 40,
        "grace_days": 10,
        "reminder_every_days": 7,
    }
    response = client_for("federation_admin").put("/api/v1/dues/policy/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"rate", "due_day"}
    assert DuesPolicy.objects.count() == 0


def test_the_summary_endpoint(client_for, issued):
    services.payment_record(
        notice=issued, amount="1000.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    data = client_for("federation_reporter").get("/api/v1/dues/summary/?period=2026-10").json()
    assert data == {
        "period": "2026-10",
        "unions": 1,
        "amount_due": "2000.00",
        "amount_paid": "1000.00",
        "outstanding": "1000.00",
        "collection_rate": "0.5000",
        "upward_remittance": "200.00",
        "by_union": [
            {
                "union": "union-a",
                "amount_due": "2000.00",
                "amount_paid": "1000.00",
                "balance": "1000.00",
                "status": "partial",
                "reminders_sent": 0,
            }
        ],
    }


def test_declarations_are_listed_for_the_federation(client_for, issued):
    data = (
        client_for("federation_viewer")
        .get("/api/v1/dues/declarations/?period=2026-10&union=union-a")
        .json()
    )
    assert [
        (d["union"], d["payroll_total"], d["headcount"], d["notice"]) for d in data["results"]
    ] == [("union-a", "100000.00", 50, issued.pk)]


# --- union host ---------------------------------------------------------------------------


def test_a_union_declares_then_a_second_declaration_is_409(client_for, frozen, union_a):
    api = client_for("a_finance", union_a)
    body = {"period": "2026-10", "payroll_total": "88000.50", "headcount": 40}
    first = api.post("/api/v1/dues/declarations/", body, format="json")
    again = api.post("/api/v1/dues/declarations/", body, format="json")
    assert first.status_code == 201
    assert (first.json()["union"], first.json()["payroll_total"]) == ("union-a", "88000.50")
    assert again.status_code == 409
    assert PayrollDeclaration.objects.filter(union=union_a).count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"period": "2026-13"}, "period"),
        ({"payroll_total": "-5"}, "payroll_total"),
        ({"payroll_total": "1e20"}, "payroll_total"),
        ({"payroll_total": "abc"}, "payroll_total"),
        ({"headcount": "x"}, "headcount"),
        ({"period": None}, "period"),
    ],
)
def test_bad_declarations_are_400_naming_the_field(client_for, frozen, union_a, body, field):
    data = {"period": "2026-10", "payroll_total": "1000.00", "headcount": 3}
    data.update(body)
    response = client_for("a_finance", union_a).post(
        "/api/v1/dues/declarations/", data, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert PayrollDeclaration.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("a_member", 403),
        ("a_group_leader", 403),
        ("a_organization", 403),
        ("a_finance", 201),
        ("a_chair", 201),
    ],
)
def test_who_may_declare(client_for, frozen, union_a, who, code):
    body = {"period": "2026-10", "payroll_total": "1000.00", "headcount": 3}
    assert (
        client_for(who, union_a).post("/api/v1/dues/declarations/", body, format="json").status_code
        == code
    )


def test_a_union_corrects_with_patch_and_the_notice_follows(client_for, issued, union_a):
    api = client_for("a_finance", union_a)
    response = api.patch(
        f"/api/v1/dues/declarations/{issued.declaration_id}/",
        {"payroll_total": "50000.00"},
        format="json",
    )
    assert response.status_code == 200
    assert DuesNotice.objects.get(pk=issued.pk).amount_due == Decimal("1000.00")


def test_a_union_sees_only_its_own_notices(client_for, issued, frozen, declare, union_a, union_b):
    declare(union_b, payroll="5000.00", headcount=2)
    services.dues_cycle_run(period="2026-10")
    b_notice = DuesNotice.objects.get(union=union_b)
    b_api = client_for("b_chair", union_b)
    listed = b_api.get("/api/v1/dues/notices/").json()
    assert [n["id"] for n in listed["results"]] == [b_notice.pk]
    assert b_api.get(f"/api/v1/dues/notices/{issued.pk}/").status_code == 404
    assert b_api.get(f"/api/v1/dues/declarations/{issued.declaration_id}/").status_code == 404
    assert (
        b_api.patch(
            f"/api/v1/dues/declarations/{issued.declaration_id}/",
            {"payroll_total": "1.00"},
            format="json",
        ).status_code
        == 404
    )
    assert DuesNotice.objects.get(pk=issued.pk).amount_due == Decimal("2000.00")
    assert (
        client_for("a_organization", union_a).get(f"/api/v1/dues/notices/{issued.pk}/").status_code
        == 200
    )


def test_a_member_cannot_read_the_notices(client_for, issued, union_a):
    assert client_for("a_member", union_a).get("/api/v1/dues/notices/").status_code == 403


def test_remittance_endpoint_and_transfer(client_for, issued, union_a):
    services.payment_record(
        notice=issued, amount="2000.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    api = client_for("federation_clerk")
    data = api.get("/api/v1/dues/remittance/?period=2026-10").json()
    assert (data["workplace_return"], data["federation_share"], data["city_upward"]) == (
        "1200.00",
        "400.00",
        "400.00",
    )
    made = api.post(
        "/api/v1/dues/remittance/",
        {
            "period": "2026-10",
            "kind": "workplace_return",
            "union": "union-a",
            "amount": "1200.00",
            "transferred_on": "2026-11-05",
            "reference": "RET-1",
        },
        format="json",
    )
    assert made.status_code == 201
    too_much = api.post(
        "/api/v1/dues/remittance/",
        {
            "period": "2026-10",
            "kind": "city_upward",
            "amount": "400.01",
            "transferred_on": "2026-11-05",
            "reference": "UP-1",
        },
        format="json",
    )
    assert too_much.status_code == 400
    assert "amount" in too_much.json()


def test_union_settings_set_the_collection_mode(client_for, union_b):
    api = client_for("federation_admin")
    response = api.put(
        "/api/v1/dues/unions/union-b/settings/", {"collection_mode": "split"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["collection_mode"] == "split"
    bad = api.put(
        "/api/v1/dues/unions/union-b/settings/", {"collection_mode": "half"}, format="json"
    )
    assert bad.status_code == 400
    assert "collection_mode" in bad.json()


def test_organizing_targets_are_registered_and_declare_through_the_api(client_for, frozen):
    from tests.factories import credit_code

    api = client_for("federation_clerk")
    code = credit_code()
    made = api.post(
        "/api/v1/dues/targets/", {"name": "某无工会企业", "credit_code": code}, format="json"
    )
    assert made.status_code == 201
    assert (made.json()["credit_code"], made.json()["status"]) == (code, "active")
    assert made.json()["union"] is None  # no union founded yet: the schema says nullable
    bad = api.post("/api/v1/dues/targets/", {"name": "X", "credit_code": "123"}, format="json")
    assert bad.status_code == 400
    assert "credit_code" in bad.json()
    decl = api.post(
        f"/api/v1/dues/targets/{made.json()['id']}/declarations/",
        {"period": "2026-10", "payroll_total": "30000.00", "headcount": 6},
        format="json",
    )
    assert decl.status_code == 201
    assert (
        api.post("/api/v1/dues/cycles/", {"period": "2026-10"}, format="json").json()[
            "notices_created"
        ]
        == 1
    )
    notice = DuesNotice.objects.get(target__credit_code=code)
    assert (notice.amount_due, notice.collection_mode) == (Decimal("600.00"), "preparatory")


def test_reading_the_policy_writes_nothing(client_for):
    response = client_for("federation_viewer").get("/api/v1/dues/policy/")
    assert (response.status_code, response.json()["rate"]) == (200, "0.0200")
    assert DuesPolicy.objects.count() == 0


def test_a_second_declaration_is_a_409_from_the_service_with_a_code(client_for, frozen, union_a):
    api = client_for("a_finance", union_a)
    body = {"period": "2026-10", "payroll_total": "1000.00", "headcount": 2}
    api.post("/api/v1/dues/declarations/", body, format="json")
    again = api.post("/api/v1/dues/declarations/", body, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "declared")
