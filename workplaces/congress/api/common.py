"""Permissions and helpers shared by the congress API doors."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import (
    FEDERATION_STAFF,
    ORGANIZATION,
    UNION_OFFICERS,
    UNION_ROLES,
    VICE_CHAIR,
)

MANAGERS = (ORGANIZATION, VICE_CHAIR)
MANAGE = union_roles(*MANAGERS, read=UNION_OFFICERS)
ANY_UNION_USER = union_roles(*UNION_ROLES)
PROPOSALS = union_roles(*MANAGERS, read=tuple(UNION_ROLES))
FED_READ = federation_roles(read=FEDERATION_STAFF)


def validated(serializer_class: type[serializers.Serializer], data: Any) -> dict:
    s = serializer_class(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)
