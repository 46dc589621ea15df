"""Users and roles, in whatever schema the connection is on."""

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federation.platform.accounts.roles import FED_ADMIN, FEDERATION_ROLES, UNION_ROLES
from tenants.context import on_federation_side

User = get_user_model()


def roles_ensure() -> list[Group]:
    """Create the groups of the side the connection is on (idempotent)."""
    names = FEDERATION_ROLES if on_federation_side() else UNION_ROLES
    return [Group.objects.get_or_create(name=name)[0] for name in names]


def user_create(
    *,
    username: str,
    password: str,
    roles: list[str] | tuple[str, ...] = (),
    email: str = "",
    first_name: str = "",
    is_staff: bool = False,
    validate: bool = True,
) -> Any:
    """Create a user of the current schema with the given roles (groups)."""
    allowed = FEDERATION_ROLES if on_federation_side() else UNION_ROLES
    unknown = [r for r in roles if r not in allowed]
    if unknown:
        raise ValidationError(
            {"roles": [_("Unknown role: %(roles)s") % {"roles": ", ".join(unknown)}]}
        )
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": [_("This field is required.")]})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": [_("A user with that username already exists.")]})
    user = User(username=username, email=email, first_name=first_name, is_staff=is_staff)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    if validate:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    with transaction.atomic():
        user.save()
        roles_ensure()
        if roles:
            user.groups.set(Group.objects.filter(name__in=roles))
        chair_fact_refresh()
    return user


CHAIR_FACT = "organization.chair_name"


def chair_fact_refresh() -> None:
    """Push the union's chair name (a union fact the federation's pages read) after a
    user's roles, name or state changed; nothing on the federation side or in a schema
    that is not a union's (the template)."""
    from tenants import facts
    from tenants.models import Union

    if on_federation_side() or CHAIR_FACT not in facts.keys_registered():
        return
    try:
        facts.facts_refresh(keys=[CHAIR_FACT])
    except Union.DoesNotExist:
        return


def federation_admin_ensure(*, username: str, password: str | None) -> tuple[object, str | None]:
    """Create or update the federation administrator.

    Returns (user, generated password or None). A password is generated only when none is
    given and the user does not exist yet, so it is printed once.
    """
    roles_ensure()
    user = User.objects.filter(username=username).first()
    generated = None
    if user is None:
        if not password:
            generated = password = secrets.token_urlsafe(15)
        user = user_create(
            username=username, password=password, roles=[FED_ADMIN], is_staff=True, validate=False
        )
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    elif password and not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user, generated


def user_roles(user: Any) -> set[str]:
    if not user or not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


# --- managing the users of one side (federation admin / union chair) -------------------

USER_FIELDS = ["username", "first_name", "email", "is_active"]


def _user_snapshot(user: Any) -> dict:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "email": user.email,
        "is_active": user.is_active,
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }


def user_register(
    *,
    actor: Any,
    username: str,
    password: str,
    roles: list[str],
    first_name: str = "",
    email: str = "",
) -> Any:
    """An officer (or federation staff) account created by the top role of its side."""
    from federation.platform.audit.models import AuditKind
    from federation.platform.audit.services import audit_record

    with transaction.atomic():
        user = user_create(
            username=username, password=password, roles=roles, first_name=first_name, email=email
        )
        audit_record(actor=actor, kind=AuditKind.USER_CREATED, obj=user, after=_user_snapshot(user))
    return user


def _tokens_revoke_for_change(*, user: Any, before: dict, after: dict, password: bool) -> None:
    """A password, role or status change ends every API token of the account."""
    from federation.platform.accounts.tokens import RevokeReason, tokens_revoke

    if password:
        tokens_revoke(user=user, reason=RevokeReason.PASSWORD)
    elif before["is_active"] and not after["is_active"]:
        tokens_revoke(user=user, reason=RevokeReason.DEACTIVATED)
    elif before["roles"] != after["roles"]:
        tokens_revoke(user=user, reason=RevokeReason.ROLES)


def user_change(
    *,
    actor: Any,
    user: Any,
    roles: list[str] | None = None,
    first_name: str | None = None,
    email: str | None = None,
    is_active: bool | None = None,
    password: str | None = None,
) -> Any:
    """Change an account's roles, name, address, password or whether it may log in.

    Nobody can lock themselves out: the acting user cannot deactivate itself or drop its own
    top role.
    """
    from federation.platform.accounts.roles import CHAIR, FED_ADMIN
    from federation.platform.audit.models import AuditKind
    from federation.platform.audit.services import audit_record

    allowed = FEDERATION_ROLES if on_federation_side() else UNION_ROLES
    top = FED_ADMIN if on_federation_side() else CHAIR
    errors: dict[str, list[str]] = {}
    if roles is not None:
        unknown = [r for r in roles if r not in allowed]
        if unknown:
            errors["roles"] = [_("Unknown role: %(roles)s") % {"roles": ", ".join(unknown)}]
        elif user.pk == actor.pk and top not in roles and top in user_roles(user):
            errors["roles"] = [_("You cannot remove your own administrator role.")]
    if is_active is False and user.pk == actor.pk:
        errors["is_active"] = [_("You cannot deactivate your own account.")]
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = _user_snapshot(user)
        if first_name is not None:
            user.first_name = first_name[:150]
        if email is not None:
            user.email = email
        if is_active is not None:
            user.is_active = is_active
        if password is not None:
            user.set_password(password)
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict) from None
        user.save()
        if roles is not None:
            roles_ensure()
            user.groups.set(Group.objects.filter(name__in=roles))
        _tokens_revoke_for_change(
            user=user, before=before, after=_user_snapshot(user), password=password is not None
        )
        chair_fact_refresh()
        audit_record(
            actor=actor,
            kind=AuditKind.USER_UPDATED,
            obj=user,
            before=before,
            after=_user_snapshot(user),
            note="password changed" if password is not None else "",
        )
    return user
