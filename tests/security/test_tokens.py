"""Finding 8: tokens expire, die with the credentials they were issued against, and their
owner lists and revokes them."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.conftest import PASSWORD, HostClient

pytestmark = pytest.mark.django_db


def _login(host="localhost", username="federation_clerk"):
    client = HostClient(host)
    resp = client.post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json"
    )
    assert resp.status_code == 200, resp.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {resp.json()['token']}")
    return client, resp.json()


def test_a_token_expires_after_the_configured_hours():
    client, body = _login()
    assert client.get("/api/v1/auth/me/").status_code == 200
    later = timezone.now() + timedelta(hours=settings.API_TOKEN_TTL_HOURS, minutes=1)
    with time_machine.travel(later):
        assert client.get("/api/v1/auth/me/").status_code == 401


def test_the_token_answer_says_when_it_expires():
    _client, body = _login()
    assert set(body) == {"token", "expires_at"}


def test_only_a_digest_of_the_key_is_stored():
    from federation.platform.accounts.models import ApiToken

    _client, body = _login()
    assert not ApiToken.objects.filter(digest=body["token"]).exists()
    assert ApiToken.objects.filter(prefix=body["token"][:8]).count() == 1


def test_a_password_change_ends_the_tokens(federation_admin_api):
    client, _ = _login()
    user = get_user_model().objects.get(username="federation_clerk")
    resp = federation_admin_api.patch(
        f"/api/v1/users/{user.pk}/", {"password": "An0ther-Pass-2026!"}, format="json"
    )
    assert resp.status_code == 200
    assert client.get("/api/v1/auth/me/").status_code == 401


def test_a_password_set_outside_the_services_ends_the_tokens_too():
    client, _ = _login()
    user = get_user_model().objects.get(username="federation_clerk")
    user.set_password("An0ther-Pass-2026!")
    user.save()
    assert client.get("/api/v1/auth/me/").status_code == 401


def test_a_role_change_ends_the_tokens(federation_admin_api):
    client, _ = _login()
    user = get_user_model().objects.get(username="federation_clerk")
    resp = federation_admin_api.patch(
        f"/api/v1/users/{user.pk}/", {"roles": ["viewer"]}, format="json"
    )
    assert resp.status_code == 200
    assert client.get("/api/v1/auth/me/").status_code == 401


def test_deactivation_ends_the_tokens(federation_admin_api):
    from federation.platform.accounts.models import ApiToken

    client, _ = _login()
    user = get_user_model().objects.get(username="federation_clerk")
    federation_admin_api.patch(f"/api/v1/users/{user.pk}/", {"is_active": False}, format="json")
    assert client.get("/api/v1/auth/me/").status_code == 401
    assert set(ApiToken.objects.filter(user=user).values_list("revoked_reason", flat=True)) == {
        "deactivated"
    }


def test_api_logout_ends_the_token_used():
    client, _ = _login()
    other, _ = _login()
    assert client.post("/api/v1/auth/logout/").status_code == 204
    assert client.get("/api/v1/auth/me/").status_code == 401
    assert other.get("/api/v1/auth/me/").status_code == 200


def test_logging_out_of_the_pages_ends_the_tokens():
    from django.test import Client

    client, _ = _login()
    browser = Client(HTTP_HOST="localhost")
    assert (
        browser.post(
            "/accounts/login/", {"username": "federation_clerk", "password": PASSWORD}
        ).status_code
        == 302
    )
    browser.post("/accounts/logout/")
    assert client.get("/api/v1/auth/me/").status_code == 401


def test_a_user_lists_their_own_tokens_only():
    client, _ = _login()
    _login()
    _login(username="federation_viewer")
    listing = client.get("/api/v1/auth/tokens/").json()
    assert listing["count"] == 2
    assert sorted(t["current"] for t in listing["results"]) == [False, True]
    assert "digest" not in listing["results"][0]


def test_a_user_revokes_one_of_their_tokens():
    client, _ = _login()
    other, _ = _login()
    current = [t for t in client.get("/api/v1/auth/tokens/").json()["results"] if not t["current"]][
        0
    ]
    assert client.delete(f"/api/v1/auth/tokens/{current['id']}/").status_code == 204
    assert other.get("/api/v1/auth/me/").status_code == 401
    assert client.get("/api/v1/auth/me/").status_code == 200


def test_another_users_token_is_a_404_and_stays_alive():
    from federation.platform.accounts.models import ApiToken

    client, _ = _login()
    viewer, _ = _login(username="federation_viewer")
    theirs = ApiToken.objects.get(user__username="federation_viewer")
    assert client.delete(f"/api/v1/auth/tokens/{theirs.pk}/").status_code == 404
    assert viewer.get("/api/v1/auth/me/").status_code == 200


def test_a_token_works_only_on_the_host_that_issued_it(union_a, union_b):
    client, body = _login("union-a.localhost", "a_chair")
    for host in ("union-b.localhost", "localhost"):
        elsewhere = HostClient(host)
        elsewhere.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
        assert elsewhere.get("/api/v1/auth/me/").status_code == 401
