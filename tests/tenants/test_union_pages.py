"""Issue 11 item 16 and item 12 on the federation's union pages: reloading after a failed
registration is no blank 405; the registration data is editable with its history; the
password-policy messages are in Chinese."""

import pytest
from django.db import connection
from django.test import Client

from federation.platform.audit.models import AuditEvent
from tenants.models import EmployeeCountChange, Union
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


@pytest.fixture
def admin_page(db):
    client = Client(HTTP_HOST="localhost")
    assert client.login(username="federation_admin", password=PASSWORD)
    yield client
    connection.set_schema_to_public()


def test_reloading_the_registration_page_after_an_error_is_no_405(admin_page):
    r = admin_page.post("/unions/new/", {"name": "", "slug": "x"})
    assert r.status_code == 400
    again = admin_page.get("/unions/new/")
    assert again.status_code == 302
    assert again["Location"] == "/unions/#create-union"


def test_password_policy_messages_are_in_chinese(admin_page):
    r = admin_page.post(
        "/unions/new/",
        {
            "name": "新工会",
            "slug": "xin-gonghui",
            "kind": "enterprise",
            "employee_count": "10",
            "admin_username": "xin",
            "admin_password": "abc",
        },
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "密码长度太短" in page
    assert "too short" not in page
    assert not Union.objects.filter(slug="xin-gonghui").exists()


def test_the_registration_data_is_edited_with_history(admin_page, union_a):
    old_name = union_a.name
    data = {
        "name": "甲工会（更名）",
        "kind": union_a.kind,
        "credit_code": union_a.credit_code,
        "employee_count": "72",
    }
    r = admin_page.post(f"/unions/{union_a.slug}/", data)
    assert r.status_code == 302
    union_a.refresh_from_db()
    assert (union_a.name, union_a.employee_count) == ("甲工会（更名）", 72)
    assert EmployeeCountChange.objects.get(union=union_a).side == "federation"
    event = AuditEvent.objects.get(object_type="tenants.union", kind="union.updated")
    assert (event.before["name"], event.after["name"]) == (old_name, "甲工会（更名）")
    page = admin_page.get(f"/unions/{union_a.slug}/").content.decode()
    assert "federation_admin" in page


def test_a_viewer_cannot_edit_the_registration_data(union_a):
    client = Client(HTTP_HOST="localhost")
    assert client.login(username="federation_viewer", password=PASSWORD)
    name = union_a.name
    r = client.post(
        f"/unions/{union_a.slug}/", {"name": "x", "kind": "other", "employee_count": "1"}
    )
    assert r.status_code == 403
    union_a.refresh_from_db()
    assert union_a.name == name


@pytest.mark.parametrize("url", ["/api/v1/unions/?search=a%00b", "/api/v1/unions/?kind=%00"])
def test_a_nul_byte_in_the_union_filters_is_400(federation_admin_api, url):
    r = federation_admin_api.get(url)
    assert r.status_code == 400
