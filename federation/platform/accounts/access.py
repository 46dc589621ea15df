"""Who may call an API view, as data: the declaration the permission matrix tests
(tests/security/test_access_matrix.py) check every route of both hosts against.

A view declares its access with a class attribute ``api_access = Access(...)``, or it is
derived from its permission classes when they are the platform's own (``AllowAny``,
``IsAuthenticated``, ``roles(...)`` / ``federation_roles(...)`` / ``union_roles(...)``), so
routes added with those need no edit. A view with other permission classes and no
declaration is *undeclared*, and the matrix test names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rest_framework.permissions import AllowAny, IsAuthenticated

from federation.platform.accounts.permissions import _RolePermission
from federation.platform.accounts.roles import CHAIR, FED_ADMIN, UNION_ROLES

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Access:
    """``anonymous``: open to anyone. ``roles`` None: any logged-in user of the host;
    else the roles allowed (the host's top role always is); ``read_roles`` are allowed
    for safe methods too. ``side``: "federation" / "union" / None (either host)."""

    anonymous: bool = False
    roles: frozenset[str] | None = None
    read_roles: frozenset[str] = field(default_factory=frozenset)
    side: str | None = None

    def allows(self, *, held: set[str], side: str, method: str) -> bool:
        if self.anonymous:
            return True
        if self.side is not None and self.side != side:
            return False
        if self.roles is None:
            return True
        top = FED_ADMIN if side == "federation" else CHAIR
        wanted = set(self.roles)
        if method in SAFE_METHODS:
            wanted |= self.read_roles
        return top in held or bool(held & wanted)


# Views of other apps whose access cannot be derived, declared here (dotted path -> Access).
# (Their permission classes allow more than the role list they name: every logged-in user
# of the union may read the union's profile.)
REGISTRY: dict[str, Access] = {
    "workplaces.home.api.UnionProfileApi": Access(
        roles=frozenset({"organization", "vice_chair"}), read_roles=frozenset(UNION_ROLES)
    ),
}


def access_of(view_class: Any) -> Access | None:
    """The declared or derived access of a view class, or None when undeclared."""
    declared = getattr(view_class, "api_access", None)
    if isinstance(declared, Access):
        return declared
    dotted = f"{view_class.__module__}.{view_class.__qualname__}"
    if dotted in REGISTRY:
        return REGISTRY[dotted]
    classes = list(getattr(view_class, "permission_classes", None) or [])
    if not classes:
        return None
    if all(isinstance(c, type) and issubclass(c, AllowAny) for c in classes):
        return Access(anonymous=True)
    role_classes = [c for c in classes if isinstance(c, type) and issubclass(c, _RolePermission)]
    others = [
        c
        for c in classes
        if not (isinstance(c, type) and issubclass(c, (_RolePermission, IsAuthenticated)))
    ]
    if others or len(role_classes) > 1:
        return None
    if not role_classes:
        return Access()
    rc = role_classes[0]
    side = None if rc.federation is None else ("federation" if rc.federation else "union")
    return Access(roles=frozenset(rc.roles), read_roles=frozenset(rc.read_roles), side=side)
