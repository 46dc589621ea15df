"""Permissions, limits and helpers shared by the organization API doors."""

from __future__ import annotations

from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import (
    FEDERATION_STAFF,
    GROUP_LEADER,
    ORGANIZATION,
    UNION_OFFICERS,
    VICE_CHAIR,
)
from federation.platform.api import validated as validated

MANAGERS = (ORGANIZATION, VICE_CHAIR)
MANAGE = union_roles(*MANAGERS, read=(*UNION_OFFICERS, GROUP_LEADER))
FED_READ = federation_roles(read=FEDERATION_STAFF)
MAX_SEATS = 100
