"""Issuing, checking and revoking API tokens (``ApiToken``)."""

from __future__ import annotations

import functools
import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
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


@functools.cache
def _token_lookup_sql() -> tuple[str, list[str], list[str]]:
    """The live token of a digest with its user and the user's role names, in one
    statement. Written once per process from the models' metadata: compiling the same ORM
    query (select_related, an array subquery) on every API request was ~1 ms of its CPU
    (issue 16, load test). Tables are unqualified: the search_path picks the host's schema,
    as for the ORM."""
    user_model = get_user_model()
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name

    def qn(name: str | None) -> str:
        return quote(str(name))

    token_fields = ApiToken._meta.concrete_fields
    user_fields = user_model._meta.concrete_fields
    through = user_model.groups.through._meta
    member_col = through.get_field("user").column
    group_col = through.get_field("group").column
    user_fk = ApiToken._meta.get_field("user").column
    # every name below comes from the models' metadata, quoted; the digest is the parameter
    group, link = qn(Group._meta.db_table), qn(through.db_table)
    roles = (
        f"ARRAY(SELECT g.{qn(Group._meta.get_field('name').column)} FROM {group} g "  # noqa: S608
        f"JOIN {link} ug ON ug.{qn(group_col)} = g.{qn(Group._meta.pk.column)} "
        f"WHERE ug.{qn(member_col)} = t.{qn(user_fk)})"
    )
    columns = ", ".join(
        [f"t.{qn(f.column)}" for f in token_fields]
        + [f"u.{qn(f.column)}" for f in user_fields]
        + [roles]
    )
    digest = qn(ApiToken._meta.get_field("digest").column)
    revoked = qn(ApiToken._meta.get_field("revoked_at").column)
    sql = (
        f"SELECT {columns} FROM {qn(ApiToken._meta.db_table)} t "  # noqa: S608
        f"JOIN {qn(user_model._meta.db_table)} u "
        f"ON u.{qn(user_model._meta.pk.column)} = t.{qn(user_fk)} "
        f"WHERE t.{digest} = %s AND t.{revoked} IS NULL"
    )
    return sql, [f.attname for f in token_fields], [f.attname for f in user_fields]


def token_lookup(key: str) -> tuple[ApiToken, list[str]] | None:
    """The unrevoked token of ``key`` (expired or not) with its ``user`` loaded, and the
    user's role names; None when there is none."""
    sql, token_names, user_names = _token_lookup_sql()
    db = router.db_for_read(ApiToken) or DEFAULT_DB_ALIAS
    with connections[db].cursor() as cur:
        cur.execute(sql, [key_digest(key)])
        row = cur.fetchone()
    if row is None:
        return None
    n = len(token_names)
    token = ApiToken.from_db(db, token_names, row[:n])
    token.user = get_user_model().from_db(db, user_names, row[n : n + len(user_names)])
    return token, list(row[-1])


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` against ``ApiToken``: live, unexpired, and issued
    against the user's current password and roles."""

    model = ApiToken

    def authenticate_credentials(self, key: str):
        # the token, its user and the user's roles in one statement (token_lookup)
        found = token_lookup(key)
        if found is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        token, role_names = found
        now = timezone.now()
        user = token.user
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed("Token expired.")
        if not user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        if token.stamp != credential_stamp(user, role_names=role_names):
            with transaction.atomic():
                ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
                    revoked_at=now, revoked_reason="credentials"
                )
            raise exceptions.AuthenticationFailed("Token revoked.")
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return (user, token)
