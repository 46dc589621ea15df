"""Finding 12 (a) and the standing isolation suite: a permission matrix generated from the
URL resolvers of both hosts, not written by hand.

Every API route × every method it serves × (anonymous, a credential of another schema,
each role of the host) is sent, and the answer is checked against the access the view
declares (``federation.platform.accounts.access``): refused callers get exactly 401 (no
valid credential on this host) or 403 (a role the view does not allow), allowed ones
neither and never a 5xx. A route whose access is not declared fails
``test_every_api_route_declares_its_access``, which names it.
"""

from __future__ import annotations

import pytest

from federation.platform.accounts.access import Access, access_of
from tests.conftest import HostClient, _token_for
from tests.security.routes import HOSTS, METHODS, api_routes, concrete

pytestmark = pytest.mark.django_db

# persona -> (username, schema it lives in: "federation" | "a" | "b", roles held)
FEDERATION_CALLERS = {
    "federation_admin": ("federation_admin", "federation", {"admin"}),
    "federation_clerk": ("federation_clerk", "federation", {"dues_officer"}),
    "federation_assessor": ("federation_assessor", "federation", {"assessor"}),
    "federation_reporter": ("federation_reporter", "federation", {"reporting_officer"}),
    "federation_viewer": ("federation_viewer", "federation", {"viewer"}),
    "union officer at the federation": ("a_chair", "a", None),
}
UNION_CALLERS = {
    "a_chair": ("a_chair", "a", {"chair"}),
    "a_organization": ("a_organization", "a", {"organization"}),
    "a_finance": ("a_finance", "a", {"finance"}),
    "a_group_leader": ("a_group_leader", "a", {"group_leader"}),
    "a_member": ("a_member", "a", {"member"}),
    "another union's officer": ("b_chair", "b", None),
    "federation staff at a union": ("federation_admin", "federation", None),
}


def _cases():
    for side in HOSTS:
        for route, view in api_routes(side):
            if view is None or access_of(view) is None:
                continue
            for method in METHODS:
                if hasattr(view, method):
                    yield pytest.param(
                        side, route, view, method, id=f"{side} {method.upper()} /{route}"
                    )


def test_every_api_route_declares_its_access():
    undeclared = sorted(
        f"{side}: /{route} -> {view.__module__}.{view.__qualname__ if view else '?'}"
        for side in HOSTS
        for route, view in api_routes(side)
        if view is None or access_of(view) is None
    )
    assert not undeclared, (
        "API routes without a declared access (set `api_access = Access(...)` on the view, "
        "or use the platform's permission classes, or add it to access.REGISTRY):\n"
        + "\n".join(undeclared)
    )


def _client(side: str, username: str | None, home: str | None, unions) -> HostClient:
    client = HostClient(HOSTS[side][1])
    if username:
        union = None if home == "federation" else unions[home]
        client.credentials(HTTP_AUTHORIZATION=f"Token {_token_for(username, union)}")
    return client


def _send(client: HostClient, method: str, path: str):
    if method in ("get", "delete"):
        return getattr(client, method)(path)
    return getattr(client, method)(path, {}, format="json")


@pytest.mark.parametrize(("side", "route", "view", "method"), list(_cases()))
def test_the_access_matrix(side, route, view, method, union_a, union_b):
    access: Access = access_of(view)
    unions = {"a": union_a, "b": union_b}
    path = concrete(route)
    callers = FEDERATION_CALLERS if side == "federation" else UNION_CALLERS
    authenticates = getattr(view, "authentication_classes", None) != []
    wrong: list[str] = []
    anon = _send(_client(side, None, None, unions), method, path).status_code
    if access.anonymous:
        if anon in (401, 403) or anon >= 500:
            wrong.append(f"anonymous: {anon}, expected open")
    elif anon != 401:
        wrong.append(f"anonymous: {anon}, expected 401")
    for persona, (username, home, held) in callers.items():
        status = _send(_client(side, username, home, unions), method, path).status_code
        if held is None:  # a credential of another schema means nothing here
            expected_refusal = 401 if authenticates else None
            if expected_refusal and status != expected_refusal:
                wrong.append(f"{persona}: {status}, expected 401")
            continue
        if access.allows(held=held, side=side, method=method.upper()):
            if status in (401, 403) or status >= 500:
                wrong.append(f"{persona}: {status}, expected allowed")
        elif status != 403:
            wrong.append(f"{persona}: {status}, expected 403")
    assert not wrong, f"{method.upper()} {path}: " + "; ".join(wrong)
