"""Permissions and helpers shared by the congress API doors."""

from __future__ import annotations

from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import FEDERATION_STAFF, UNION_OFFICERS, UNION_ROLES
from federation.platform.api import validated as validated
from workplaces.congress.services import MANAGERS as MANAGERS

MANAGE = union_roles(*MANAGERS, read=UNION_OFFICERS)
ANY_UNION_USER = union_roles(*UNION_ROLES)
PROPOSALS = union_roles(*MANAGERS, read=tuple(UNION_ROLES))
FED_READ = federation_roles(read=FEDERATION_STAFF)
