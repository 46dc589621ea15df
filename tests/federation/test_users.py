import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from federation.platform.audit.models import AuditEvent
from tests.conftest import PASSWORD, HostClient

pytestmark = pytest.mark.django_db

NEW = {
    "username": "zhang_san",
    "password": "Officer-Pass-2026",
    "first_name": "张三",
    "roles": ["organization"],
}


def test_the_chair_adds_an_organization_officer_who_can_log_in(
    union_a, union_a_chair_api, in_union
):
    resp = union_a_chair_api.post("/api/v1/users/", NEW, format="json")
    assert resp.status_code == 201, resp.json()
    assert resp.json()["roles"] == ["organization"]
    login = HostClient("union-a.localhost").post(
        "/api/v1/auth/token/",
        {"username": "zhang_san", "password": "Officer-Pass-2026"},
        format="json",
    )
    assert login.status_code == 200
    with in_union(union_a):
        event = AuditEvent.objects.get(kind="user.created", object_id=str(resp.json()["id"]))
        assert (event.actor_name, event.before, event.after) == (
            "a_chair",
            None,
            {
                "username": "zhang_san",
                "first_name": "张三",
                "email": "",
                "is_active": True,
                "roles": ["organization"],
            },
        )


def test_the_new_officer_exists_only_in_that_union(union_a_chair_api, union_b, in_union):
    union_a_chair_api.post("/api/v1/users/", NEW, format="json")
    with in_union(union_b):
        assert not get_user_model().objects.filter(username="zhang_san").exists()


@pytest.mark.parametrize("persona", ["a_organization", "a_finance", "a_member"])
def test_other_officers_cannot_manage_accounts(client_for, union_a, in_union, persona):
    resp = client_for(persona, union_a).post("/api/v1/users/", NEW, format="json")
    assert resp.status_code == 403
    with in_union(union_a):
        assert not get_user_model().objects.filter(username="zhang_san").exists()


def test_a_union_role_is_refused_at_the_federation(federation_admin_api):
    resp = federation_admin_api.post("/api/v1/users/", {**NEW, "roles": ["chair"]}, format="json")
    assert resp.status_code == 400
    assert "roles" in resp.json()


def test_a_weak_password_is_a_400_on_password(union_a_chair_api):
    resp = union_a_chair_api.post("/api/v1/users/", {**NEW, "password": "123"}, format="json")
    assert resp.status_code == 400
    assert "password" in resp.json()


def test_the_chair_cannot_deactivate_itself(union_a, union_a_chair_api, in_union):
    with in_union(union_a):
        me = get_user_model().objects.get(username="a_chair").pk
    resp = union_a_chair_api.patch(f"/api/v1/users/{me}/", {"is_active": False}, format="json")
    assert resp.status_code == 400
    assert "is_active" in resp.json()


def test_deactivating_an_officer_revokes_its_token(
    union_a, union_a_chair_api, client_for, in_union
):
    officer = client_for("a_finance", union_a)
    assert officer.get("/api/v1/auth/me/").status_code == 200
    with in_union(union_a):
        pk = get_user_model().objects.get(username="a_finance").pk
    assert (
        union_a_chair_api.patch(
            f"/api/v1/users/{pk}/", {"is_active": False}, format="json"
        ).status_code
        == 200
    )
    assert officer.get("/api/v1/auth/me/").status_code == 401


def test_an_account_of_union_b_is_a_404_at_union_a(union_b, union_a_chair_api, in_union):
    with in_union(union_b):
        pk = get_user_model().objects.get(username="b_member").pk
    with in_union(union_b):
        pass
    # ids are per schema; make sure the id is not also a user of A
    resp = union_a_chair_api.get(f"/api/v1/users/{pk + 10_000}/")
    assert resp.status_code == 404


def test_the_accounts_page_lets_the_chair_set_roles(union_a, in_union):
    from django.test import Client

    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    with in_union(union_a):
        pk = get_user_model().objects.get(username="a_member").pk
    resp = client.post(
        f"/accounts/users/{pk}/", {"action": "roles", "roles": ["member", "group_leader"]}
    )
    assert resp.status_code == 302
    with in_union(union_a):
        roles = set(get_user_model().objects.get(pk=pk).groups.values_list("name", flat=True))
    assert roles == {"member", "group_leader"}


def test_a_taken_username_is_refused_in_chinese_on_the_accounts_page(union_a, in_union):
    from django.test import Client

    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    body = {"username": "a_member", "password": "Officer-Pass-2026", "first_name": "重名"}
    resp = client.post("/accounts/users/", body)
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "already exists" not in html
    assert "已存在" in html
    with in_union(union_a):
        assert get_user_model().objects.filter(username="a_member").count() == 1


def test_the_chair_is_told_in_chinese_it_cannot_deactivate_itself(union_a, in_union):
    from django.utils import translation

    from federation.platform.accounts.services import user_change

    with in_union(union_a):
        me = get_user_model().objects.get(username="a_chair")
        with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
            user_change(actor=me, user=me, is_active=False)
        assert refused.value.message_dict == {"is_active": ["不能停用自己的账户。"]}
        assert get_user_model().objects.get(username="a_chair").is_active is True
