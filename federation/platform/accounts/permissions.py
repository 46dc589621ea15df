"""Each API view declares the roles it needs: ``permission_classes = [roles(FED_DUES)]``.

The federation administrator (and a superuser) passes every check on the federation
host; a union's chair passes every check on its own union's host.
"""

from rest_framework.permissions import BasePermission

from federation.platform.accounts.roles import CHAIR, FED_ADMIN
from federation.platform.accounts.services import user_roles
from tenants.context import on_federation_side


def has_role(user, *names: str) -> bool:
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    held = user_roles(user)
    top = FED_ADMIN if on_federation_side() else CHAIR
    return top in held or bool(held.intersection(names))


class _RolePermission(BasePermission):
    roles: tuple[str, ...] = ()
    read_roles: tuple[str, ...] = ()
    federation: bool | None = None

    def has_permission(self, request, view) -> bool:
        if self.federation is not None and on_federation_side() != self.federation:
            return False
        if request.method in ("GET", "HEAD", "OPTIONS") and self.read_roles:
            return has_role(request.user, *self.read_roles, *self.roles)
        return has_role(request.user, *self.roles)


def roles(*names: str, read: tuple[str, ...] = (), federation: bool | None = None):
    """A permission class allowing the named roles (``read`` adds roles for safe methods)."""
    label = "_".join(names) or "top"
    return type(
        f"Roles_{label}",
        (_RolePermission,),
        {"roles": tuple(names), "read_roles": tuple(read), "federation": federation},
    )


def federation_roles(*names: str, read: tuple[str, ...] = ()):
    return roles(*names, read=read, federation=True)


def union_roles(*names: str, read: tuple[str, ...] = ()):
    return roles(*names, read=read, federation=False)
