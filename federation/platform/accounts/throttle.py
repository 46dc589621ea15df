"""Failed-login throttling: django-axes, one place for every way in.

The login page, ``/admin/login/`` and the token API all call ``authenticate_throttled``.
Failures are counted by django-axes (``AXES_*`` settings) in the schema of the host, so
per union, and per (username, client address): made-up names lock nobody, and a stranger's
failures never lock the account for its owner at another address. A lock is a cool-off
that doubles while the failures go on (``cool_off``), not a hard lock; the top role of a
host sees and lifts locks (``locks_list`` / ``lock_lift``, the API and the Django admin).

Counting is atomic: checking the lock, testing the password and recording the failure run
under one PostgreSQL advisory lock per (schema, username, address), so 40 parallel wrong
logins test at most ``LOGIN_FAILURE_LIMIT`` passwords.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _


@functools.cache
def _trusted_networks(
    spec: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer's, unless the peer is a configured proxy; then the
    right-most address of ``X-Forwarded-For`` that is not a configured proxy (what the
    proxy itself appended; anything left of it the client could have written)."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    if not _trusted(peer):
        return peer
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return peer
        if not _trusted(hop):
            return hop
    return hops[0] if hops else peer


def username_of(request: Any, credentials: dict | None = None) -> str:
    """The name failures are counted under: case and surrounding blanks do not make a new
    counter."""
    if credentials is not None:
        name = credentials.get("username")
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        name = data.get("username") if hasattr(data, "get") else None
    return str(name or "").strip().lower()[:150]


def cool_off(request: Any = None) -> timedelta:
    """``LOGIN_COOLOFF_SECONDS``, doubled for each further round of failures of the same
    (username, address) within a day, at most ``LOGIN_COOLOFF_MAX_SECONDS``."""
    level = getattr(request, "login_backoff_level", 0) if request is not None else 0
    seconds = settings.LOGIN_COOLOFF_SECONDS * (2 ** min(level, 16))
    return timedelta(seconds=min(seconds, settings.LOGIN_COOLOFF_MAX_SECONDS))


def _backoff_level(*, username: str, address: str) -> int:
    from axes.models import AccessFailureLog

    since = timezone.now() - timedelta(days=1)
    failures = AccessFailureLog.objects.filter(
        username=username, ip_address=address or None, attempt_time__gte=since
    ).count()
    return max(0, failures // max(settings.LOGIN_FAILURE_LIMIT, 1) - 1)


def _lock_id(*parts: str) -> int:
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def authenticate_throttled(request: HttpRequest, *, username: str, password: str):
    """Django's ``authenticate`` behind django-axes, one attempt at a time per (schema,
    username, address). ``request.axes_locked_out`` tells a refusal by the throttle from a
    wrong password."""
    name = username_of(request, {"username": username})
    address = client_address(request)
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT pg_advisory_xact_lock(%s)",
                [_lock_id("login", getattr(connection, "schema_name", ""), name, address)],
            )
        request.login_backoff_level = _backoff_level(username=name, address=address)  # type: ignore[attr-defined]
        # axes sets request.axes_locked_out when it refused, or when this failure locked
        return authenticate(request, username=username, password=password)


def lockout_message() -> str:
    return _("Too many failed logins. Try again later.")


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """What a locked-out login gets: 429, JSON on the API, the login page otherwise."""
    retry = str(int(cool_off(request).total_seconds()))
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": lockout_message(), "code": "throttled"}, status=429
        )
    elif original_response is not None:
        response = original_response
        response.status_code = 429
    else:
        response = HttpResponse(
            lockout_message(), status=429, content_type="text/plain; charset=utf-8"
        )
    response["Retry-After"] = retry
    return response
