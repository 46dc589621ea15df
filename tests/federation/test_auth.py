import pytest
from django.conf import settings

from tests.conftest import PASSWORD, HostClient

pytestmark = pytest.mark.django_db


def test_a_token_works_on_the_host_that_issued_it():
    client = HostClient("union-a.localhost")
    token = client.post(
        "/api/v1/auth/token/", {"username": "a_chair", "password": PASSWORD}, format="json"
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    resp = client.get("/api/v1/auth/me/")
    assert resp.json() == {"username": "a_chair", "roles": ["chair"], "side": "union"}


def test_the_same_username_at_another_union_is_another_person():
    # b_chair does not exist at union A
    resp = HostClient("union-a.localhost").post(
        "/api/v1/auth/token/", {"username": "b_chair", "password": PASSWORD}, format="json"
    )
    assert resp.status_code == 401


def test_repeated_failed_logins_are_throttled_with_429():
    # the failure that reaches the limit is answered 429 already (django-axes)
    client = HostClient("localhost")
    codes = [
        client.post(
            "/api/v1/auth/token/",
            {"username": "federation_clerk", "password": "wrong"},
            format="json",
        ).status_code
        for _ in range(settings.LOGIN_FAILURE_LIMIT)
    ]
    assert codes == [401] * (settings.LOGIN_FAILURE_LIMIT - 1) + [429]
    resp = client.post(
        "/api/v1/auth/token/", {"username": "federation_clerk", "password": PASSWORD}, format="json"
    )
    assert resp.status_code == 429


def test_failures_at_one_union_do_not_block_the_same_name_at_another():
    a = HostClient("union-a.localhost")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        a.post("/api/v1/auth/token/", {"username": "chair", "password": "wrong"}, format="json")
    resp = HostClient("union-b.localhost").post(
        "/api/v1/auth/token/", {"username": "b_chair", "password": PASSWORD}, format="json"
    )
    assert resp.status_code == 200


def test_the_login_page_is_throttled_too():
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "federation_admin", "password": "wrong"})
    resp = client.post("/accounts/login/", {"username": "federation_admin", "password": PASSWORD})
    assert resp.status_code == 429


@pytest.mark.parametrize(
    "body", [{}, {"username": "x"}, {"password": "x"}, {"username": "", "password": ""}]
)
def test_missing_credentials_are_a_400_naming_the_field(body):
    resp = HostClient("localhost").post("/api/v1/auth/token/", body, format="json")
    assert resp.status_code == 400


def test_the_schema_on_a_union_host_describes_the_union_api():
    resp = HostClient("union-a.localhost").get("/api/schema/?format=json")
    paths = resp.json()["paths"]
    assert "/api/v1/union/" in paths
    assert "/api/v1/unions/" not in paths


def test_the_schema_on_the_federation_host_describes_the_federation_api():
    paths = HostClient("localhost").get("/api/schema/?format=json").json()["paths"]
    assert "/api/v1/unions/" in paths


def test_swagger_ui_is_served_locally_without_a_cdn():
    html = HostClient("localhost").get("/api/docs/").content.decode()
    # (a random nonce in the page may contain the letters "cdn": look for addresses)
    assert "//cdn" not in html.lower()
    assert "cdn." not in html.lower()
    assert "/static/drf_spectacular_sidecar/" in html
