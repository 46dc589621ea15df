"""Issuing, checking and revoking API tokens (``ApiToken``)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db import transaction
from django.db.models import OuterRef
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from federation.platform.accounts.models import ApiToken


class RevokeReason:
    LOGOUT = "logout"
    PASSWORD = "password"
    ROLES = "roles"
    DEACTIVATED = "deactivated"
    OWNER = "owner"


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def credential_stamp(user: Any, *, role_names: list[str] | None = None) -> str:
    """What a token was issued against: the password hash, the roles and the active flag.
    A change by any path (service, admin, shell) makes the stamp differ. ``role_names``
    are the user's roles when the caller read them already (in the token's query)."""
    names = user.groups.values_list("name", flat=True) if role_names is None else role_names
    roles = sorted(names)
    user._role_names = set(roles)  # what accounts.services.user_roles would query again
    raw = "\x1f".join([user.password or "", ",".join(roles), str(bool(user.is_active))])
    return hashlib.sha256(raw.encode()).hexdigest()


def token_issue(*, user: Any, label: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``; returns (token, key). The key is not kept."""
    key = secrets.token_hex(20)
    token = ApiToken.objects.create(
        user=user,
        digest=key_digest(key),
        prefix=key[:8],
        label=label[:100],
        stamp=credential_stamp(user),
        expires_at=timezone.now() + timedelta(hours=settings.API_TOKEN_TTL_HOURS),
    )
    return token, key


def tokens_revoke(*, user: Any, reason: str, token_id: int | None = None) -> int:
    """Revoke the user's live tokens (or one of them); returns how many."""
    qs = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if token_id is not None:
        qs = qs.filter(pk=token_id)
    return qs.update(revoked_at=timezone.now(), revoked_reason=reason)


def tokens_live(*, user: Any):
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at", "-id")


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` against ``ApiToken``: live, unexpired, and issued
    against the user's current password and roles."""

    model = ApiToken

    def authenticate_credentials(self, key: str):
        # the user's roles come in the token's query (one query, not two, per request)
        roles = ArraySubquery(Group.objects.filter(user=OuterRef("user_id")).values("name"))
        token = (
            ApiToken.objects.select_related("user")
            .annotate(role_names=roles)
            .filter(digest=key_digest(key), revoked_at__isnull=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        now = timezone.now()
        user = token.user
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed("Token expired.")
        if not user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        if token.stamp != credential_stamp(user, role_names=token.role_names):
            with transaction.atomic():
                ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
                    revoked_at=now, revoked_reason="credentials"
                )
            raise exceptions.AuthenticationFailed("Token revoked.")
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return (user, token)
