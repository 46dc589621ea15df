"""Permissions, limits and helpers shared by the organization API doors."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import (
    FEDERATION_STAFF,
    GROUP_LEADER,
    ORGANIZATION,
    UNION_OFFICERS,
    VICE_CHAIR,
)

MANAGERS = (ORGANIZATION, VICE_CHAIR)
MANAGE = union_roles(*MANAGERS, read=(*UNION_OFFICERS, GROUP_LEADER))
FED_READ = federation_roles(read=FEDERATION_STAFF)
MAX_SEATS = 100


def validated(serializer_class: type[serializers.Serializer], data: Any) -> dict:
    s = serializer_class(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)
