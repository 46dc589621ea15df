import json

import pytest
from django_tenants.utils import schema_exists

from tenants.models import Union
from tests.factories import credit_code, union_payload

pytestmark = pytest.mark.django_db


def test_the_clerk_registers_a_union_and_gets_the_contract_fields(federation_admin_api):
    resp = federation_admin_api.post("/api/v1/unions/", union_payload("new-factory"), format="json")
    assert resp.status_code == 201, resp.json()
    body = resp.json()
    assert {
        k: body[k] for k in ("slug", "kind", "schema_name", "domain", "status", "member_count")
    } == {
        "slug": "new-factory",
        "kind": "enterprise",
        "schema_name": "u_new_factory",
        "domain": "new-factory.localhost",
        "status": "active",
        "member_count": 0,
    }
    assert schema_exists("u_new_factory")


def test_the_new_unions_chair_can_log_in_at_its_host(federation_admin_api, client_for):
    federation_admin_api.post("/api/v1/unions/", union_payload("new-school"), format="json")
    union = Union.objects.get(slug="new-school")
    resp = client_for(None, union).post(
        "/api/v1/auth/token/",
        {"username": "new_school_chair", "password": "Chair-Pass-2026"},
        format="json",
    )
    assert resp.status_code == 200
    assert len(resp.json()["token"]) == 40


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"slug": "www"}, "slug"),
        ({"slug": "admin"}, "slug"),
        ({"slug": "Bad_Slug"}, "slug"),
        ({"slug": "ab"}, "slug"),
        ({"slug": "-edge"}, "slug"),
        ({"slug": "x" * 41}, "slug"),
        ({"slug": "union-a"}, "slug"),
        ({"credit_code": "91330100MA0000001X"}, "credit_code"),
        ({"credit_code": "not-a-code"}, "credit_code"),
        ({"kind": "bank"}, "kind"),
        ({"employee_count": -3}, "employee_count"),
        ({"employee_count": "many"}, "employee_count"),
        ({"name": ""}, "name"),
        ({"admin": {"username": "x"}}, "admin"),
    ],
)
def test_bad_union_input_is_a_400_naming_the_field_and_creates_nothing(
    federation_admin_api, change, field
):
    before = set(Union.objects.values_list("slug", flat=True))
    payload = union_payload("bad-input-union")
    payload.update(change)
    resp = federation_admin_api.post("/api/v1/unions/", payload, format="json")
    assert resp.status_code == 400
    assert field in resp.json()
    assert set(Union.objects.values_list("slug", flat=True)) == before
    assert not schema_exists("u_bad_input_union")


def test_a_weak_chair_password_is_refused_on_the_admin_field(federation_admin_api):
    payload = union_payload("weak-pass", admin={"username": "weak", "password": "123456"})
    resp = federation_admin_api.post("/api/v1/unions/", payload, format="json")
    assert resp.status_code == 400
    assert "admin.password" in resp.json()
    assert not schema_exists("u_weak_pass")


def test_a_duplicate_credit_code_is_refused(federation_admin_api):
    code = credit_code()
    federation_admin_api.post(
        "/api/v1/unions/", union_payload("first-one", credit_code=code), format="json"
    )
    resp = federation_admin_api.post(
        "/api/v1/unions/", union_payload("second-one", credit_code=code), format="json"
    )
    assert resp.status_code == 400
    assert "credit_code" in resp.json()


@pytest.mark.parametrize("body", ["{not json", "[]", '"text"', "null"])
def test_junk_json_is_a_400_never_a_500(federation_admin_api, body):
    resp = federation_admin_api.generic(
        "POST", "/api/v1/unions/", body, content_type="application/json"
    )
    assert resp.status_code == 400


def test_the_union_list_filters_by_kind_and_search(federation_admin_api):
    federation_admin_api.post(
        "/api/v1/unions/",
        union_payload("village-school", kind="school", name="村小学工会"),
        format="json",
    )
    resp = federation_admin_api.get("/api/v1/unions/?kind=school")
    assert [u["slug"] for u in resp.json()["results"]] == ["village-school"]
    resp = federation_admin_api.get("/api/v1/unions/?search=村小学")
    assert resp.json()["count"] == 1


def test_an_unknown_filter_value_is_a_400(federation_admin_api):
    resp = federation_admin_api.get("/api/v1/unions/?kind=bank")
    assert resp.status_code == 400
    assert "kind" in resp.json()


def test_the_list_is_paginated_per_the_contract(federation_admin_api):
    resp = federation_admin_api.get("/api/v1/unions/?page_size=1")
    body = resp.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    assert len(body["results"]) == 1


def test_patch_changes_the_employee_count(federation_admin_api):
    resp = federation_admin_api.patch(
        "/api/v1/unions/union-a/", {"employee_count": 321}, format="json"
    )
    assert resp.status_code == 200
    assert Union.objects.get(slug="union-a").employee_count == 321


def test_deactivate_stops_serving_the_union_but_keeps_it(federation_admin_api, union_a_chair_api):
    resp = federation_admin_api.post("/api/v1/unions/union-a/deactivate/")
    assert resp.status_code == 200
    assert resp.json()["status"] == "inactive"
    assert union_a_chair_api.get("/api/v1/union/").status_code == 404
    assert Union.objects.filter(slug="union-a").exists()


def test_there_is_no_delete(federation_admin_api):
    resp = federation_admin_api.delete("/api/v1/unions/union-a/")
    assert resp.status_code == 405
    assert Union.objects.filter(slug="union-a").exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (None, 401),
        ("federation_viewer", 403),
        ("federation_clerk", 403),
        ("federation_admin", 201),
    ],
)
def test_only_the_federation_admin_registers_unions(client_for, persona, status):
    resp = client_for(persona).post("/api/v1/unions/", union_payload("perm-check"), format="json")
    assert resp.status_code == status
    assert Union.objects.filter(slug="perm-check").exists() is (status == 201)


@pytest.mark.parametrize(
    "persona", ["federation_viewer", "federation_clerk", "federation_assessor"]
)
def test_federation_staff_can_read_the_union_list(client_for, persona):
    assert client_for(persona).get("/api/v1/unions/").status_code == 200


def test_created_event_is_audited(federation_admin_api):
    from federation.platform.audit.models import AuditEvent

    federation_admin_api.post("/api/v1/unions/", union_payload("audited"), format="json")
    event = AuditEvent.objects.get(kind="union.created", union_slug="audited")
    assert event.actor_name == "federation_admin"
    assert event.after["status"] == "active"
    assert json.dumps(event.after)
