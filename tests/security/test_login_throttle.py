"""Finding 1 and 2: every way in is throttled by one counter, atomically, per (username,
client address), with a cool-off, and an administrator sees and lifts locks."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.test import Client, override_settings

from tests.conftest import PASSWORD, HostClient

pytestmark = pytest.mark.django_db
LIMIT = settings.LOGIN_FAILURE_LIMIT


def _token(client, username, password, **extra):
    return client.post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json", **extra
    )


def test_admin_login_is_throttled_like_every_other_way_in():
    client = Client(HTTP_HOST="localhost")
    codes = [
        client.post(
            "/admin/login/", {"username": "federation_admin", "password": "wrong"}
        ).status_code
        for _ in range(LIMIT + 3)
    ]
    assert codes[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert codes[LIMIT - 1 :] == [429] * 4
    resp = client.post("/admin/login/", {"username": "federation_admin", "password": PASSWORD})
    assert resp.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_on_the_admin_login_count_for_the_token_api_too():
    client = Client(HTTP_HOST="localhost")
    for _ in range(LIMIT):
        client.post("/admin/login/", {"username": "federation_admin", "password": "wrong"})
    resp = _token(HostClient("localhost"), "federation_admin", PASSWORD)
    assert resp.status_code == 429
    assert resp.json()["code"] == "throttled"


def test_the_username_case_does_not_make_a_new_counter():
    client = HostClient("localhost")
    for name in [
        "Federation_Clerk",
        "FEDERATION_CLERK",
        "federation_clerk ",
        "federation_CLERK",
        "x",
    ]:
        _token(client, name if name != "x" else "federation_clerk", "wrong")
    assert _token(client, "federation_clerk", PASSWORD).status_code == 429


def test_made_up_names_lock_nobody_else():
    client = HostClient("localhost")
    for i in range(40):
        _token(client, f"nobody{i}", "wrong")
    assert _token(client, "federation_clerk", PASSWORD).status_code == 200


def test_a_locked_name_is_still_open_from_another_address():
    stranger = HostClient("localhost", REMOTE_ADDR="203.0.113.9")
    for _ in range(LIMIT):
        _token(stranger, "federation_admin", "wrong")
    assert _token(stranger, "federation_admin", PASSWORD).status_code == 429
    owner = HostClient("localhost", REMOTE_ADDR="198.51.100.7")
    assert _token(owner, "federation_admin", PASSWORD).status_code == 200


@override_settings(TRUSTED_PROXIES=["10.0.0.2"])
def test_behind_a_trusted_proxy_the_forwarded_client_is_counted():
    attacker = HostClient("localhost", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(LIMIT):
        _token(attacker, "federation_admin", "wrong")
    owner = HostClient("localhost", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _token(owner, "federation_admin", PASSWORD).status_code == 200


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored():
    from axes.models import AccessAttempt

    for i in range(LIMIT):
        spoofing = HostClient(
            "localhost", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}"
        )
        _token(spoofing, "federation_admin", "wrong")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]
    again = HostClient("localhost", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert _token(again, "federation_admin", PASSWORD).status_code == 429


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_client_cannot_choose_its_address_by_prepending_to_the_header():
    from django.test import RequestFactory

    from federation.platform.accounts.throttle import client_address

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9, 10.0.0.3"
    )
    assert client_address(request) == "203.0.113.9"


def test_the_cool_off_doubles_while_failures_go_on():
    from federation.platform.accounts.throttle import cool_off

    class R:
        login_backoff_level = 0

    base = timedelta(seconds=settings.LOGIN_COOLOFF_SECONDS)
    r = R()
    assert cool_off(r) == base
    r.login_backoff_level = 2
    assert cool_off(r) == base * 4
    r.login_backoff_level = 40
    assert cool_off(r) == timedelta(seconds=settings.LOGIN_COOLOFF_MAX_SECONDS)


def test_a_lock_ends_after_its_cool_off():
    import time_machine
    from django.utils import timezone

    client = HostClient("localhost")
    for _ in range(LIMIT):
        _token(client, "federation_clerk", "wrong")
    assert _token(client, "federation_clerk", PASSWORD).status_code == 429
    later = timezone.now() + timedelta(seconds=settings.LOGIN_COOLOFF_SECONDS * 2 + 5)
    with time_machine.travel(later):
        assert _token(client, "federation_clerk", PASSWORD).status_code == 200


def test_the_admin_sees_and_lifts_a_lock(federation_admin_api):
    client = HostClient("localhost", REMOTE_ADDR="203.0.113.9")
    for _ in range(LIMIT):
        _token(client, "federation_clerk", "wrong")
    locks = federation_admin_api.get("/api/v1/auth/locks/").json()
    assert locks["count"] == 1
    lock = locks["results"][0]
    assert (lock["username"], lock["ip_address"], lock["failures"], lock["locked"]) == (
        "federation_clerk",
        "203.0.113.9",
        LIMIT,
        True,
    )
    assert federation_admin_api.delete(f"/api/v1/auth/locks/{lock['id']}/").status_code == 204
    assert _token(client, "federation_clerk", PASSWORD).status_code == 200
    from federation.platform.audit.models import AuditEvent

    event = AuditEvent.objects.get(kind="accounts.lock_lifted")
    assert (event.actor_name, event.object_id, event.before, event.after) == (
        "federation_admin",
        str(lock["id"]),
        {"username": "federation_clerk", "ip_address": "203.0.113.9", "failures": LIMIT},
        None,
    )


def test_locks_are_the_top_roles_business(client_for):
    assert client_for("federation_clerk").get("/api/v1/auth/locks/").status_code == 403


def test_the_django_admin_lists_login_attempts():
    client = HostClient("localhost", REMOTE_ADDR="203.0.113.9")
    for _ in range(LIMIT):
        _token(client, "federation_clerk", "wrong")
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="federation_admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    browser = Client(HTTP_HOST="localhost")
    browser.force_login(admin)
    page = browser.get("/admin/axes/accessattempt/")
    assert page.status_code == 200
    assert "203.0.113.9" in page.content.decode()


def test_a_union_user_is_throttled_inside_its_own_union_only(union_a, union_b):
    a = HostClient("union-a.localhost")
    for _ in range(LIMIT):
        _token(a, "a_chair", "wrong")
    assert _token(a, "a_chair", PASSWORD).status_code == 429
    assert _token(HostClient("union-b.localhost"), "b_chair", PASSWORD).status_code == 200


def _in_own_connection(func):
    """Run ``func`` in a thread of its own: its own connection, committing for real."""
    from django.db import connection

    def target():
        try:
            func()
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()


def _forget_committed_failures(username: str) -> None:
    from axes.models import AccessAttempt, AccessFailureLog

    def forget():
        AccessAttempt.objects.filter(username=username).delete()
        AccessFailureLog.objects.filter(username=username).delete()

    _in_own_connection(forget)


def test_forty_parallel_wrong_logins_test_at_most_the_allowed_passwords():
    # the threads work on their own connections (committed data: the township of the
    # session); their failures are committed and forgotten afterwards
    username = "federation_viewer"
    tested = []
    real = ModelBackend.authenticate

    def counting(self, request, username=None, password=None, **kwargs):
        tested.append(password)
        return real(self, request, username=username, password=password, **kwargs)

    barrier = threading.Barrier(40)
    codes = []

    def attempt(i):
        from django.db import connection

        client = HostClient("localhost")
        barrier.wait()
        try:
            codes.append(_token(client, username, f"wrong-{i}").status_code)
        finally:
            connection.close()

    from unittest import mock

    try:
        with mock.patch.object(ModelBackend, "authenticate", counting):
            threads = [threading.Thread(target=attempt, args=(i,)) for i in range(40)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    finally:
        _forget_committed_failures(username)
    assert len(tested) == LIMIT
    assert sorted(codes) == [401] * (LIMIT - 1) + [429] * (40 - LIMIT + 1)
