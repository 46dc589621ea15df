"""One union's credentials and ids mean nothing at another union or at the federation."""

import pytest
from django.conf import settings

from federation.platform.outbox.services import message_enqueue
from tests.conftest import PASSWORD, HostClient

pytestmark = pytest.mark.django_db


def test_a_token_of_union_a_is_refused_at_union_b(client_for, union_a, union_b):
    from tests.conftest import _token_for

    client = HostClient(f"union-b.{settings.BASE_DOMAIN}")
    client.credentials(HTTP_AUTHORIZATION=f"Token {_token_for('a_chair', union_a)}")
    assert client.get("/api/v1/union/").status_code == 401


def test_a_union_token_is_refused_at_the_federation_host(union_a):
    from tests.conftest import _token_for

    client = HostClient(settings.BASE_DOMAIN)
    client.credentials(HTTP_AUTHORIZATION=f"Token {_token_for('a_chair', union_a)}")
    assert client.get("/api/v1/unions/").status_code == 401


def test_a_federation_token_is_refused_at_a_union_host(union_a):
    from tests.conftest import _token_for

    client = HostClient(f"union-a.{settings.BASE_DOMAIN}")
    client.credentials(HTTP_AUTHORIZATION=f"Token {_token_for('federation_admin')}")
    assert client.get("/api/v1/union/").status_code == 401


def test_a_session_cookie_of_union_a_means_nothing_at_union_b(union_a, union_b):
    from django.test import Client

    a = Client(HTTP_HOST="union-a.localhost")
    resp = a.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    assert resp.status_code == 302
    cookie = a.cookies[settings.SESSION_COOKIE_NAME].value
    assert a.get("/").status_code == 200
    b = Client(HTTP_HOST="union-b.localhost")
    b.cookies[settings.SESSION_COOKIE_NAME] = cookie
    resp = b.get("/")
    assert resp.status_code == 302
    assert "/accounts/login/" in resp["Location"]
    # the first authenticator is the token one, so an unknown session is "not logged in"
    assert b.get("/api/v1/union/").status_code == 401


def test_the_session_cookie_is_host_only(union_a):
    from django.test import Client

    a = Client(HTTP_HOST="union-a.localhost")
    a.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    assert a.cookies[settings.SESSION_COOKIE_NAME]["domain"] == ""


def test_a_notice_of_union_a_is_a_404_at_union_b(client_for, union_a, union_b):
    msg = message_enqueue(
        union=union_a, kind="test", subject="A only", body="x", dedupe_key="iso-1"
    )[0]
    assert client_for("a_chair", union_a).get(f"/api/v1/notices/{msg.pk}/").status_code == 200
    assert client_for("b_chair", union_b).get(f"/api/v1/notices/{msg.pk}/").status_code == 404


def test_union_b_does_not_list_union_as_notices(client_for, union_a, union_b):
    message_enqueue(union=union_a, kind="test", subject="A only", body="x", dedupe_key="iso-2")
    assert client_for("b_chair", union_b).get("/api/v1/notices/").json()["count"] == 0


@pytest.mark.parametrize(
    ("host", "path"),
    [
        ("localhost", "/api/v1/unions/"),
        ("localhost", "/api/v1/auth/me/"),
        ("union-a.localhost", "/api/v1/union/"),
        ("union-a.localhost", "/api/v1/notices/"),
        ("union-a.localhost", "/api/v1/auth/me/"),
    ],
)
def test_anonymous_is_refused_on_the_api(host, path):
    assert HostClient(host).get(path).status_code == 401


@pytest.mark.parametrize("host", ["localhost", "union-a.localhost"])
@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/", "/accounts/login/"])
def test_anonymous_may_read_the_docs_and_the_login_page(host, path):
    assert HostClient(host).get(path).status_code == 200


@pytest.mark.parametrize("host", ["localhost", "union-a.localhost"])
def test_anonymous_pages_redirect_to_login(host):
    from django.test import Client

    resp = Client(HTTP_HOST=host).get("/", follow=True)
    assert resp.redirect_chain[-1][0].startswith("/accounts/login/")


def test_an_unknown_host_is_a_404():
    assert HostClient("nobody.localhost").get("/api/v1/union/").status_code == 404
