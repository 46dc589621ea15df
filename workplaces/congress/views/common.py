"""Helpers shared by the congress pages."""

from __future__ import annotations

from django.http import HttpRequest

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import UNION_ROLES
from workplaces.congress.api import MANAGERS

ALL = tuple(UNION_ROLES)


def can_manage(request: HttpRequest) -> bool:
    return has_role(request.user, *MANAGERS)


def names_of(text: str) -> list[str]:
    return [
        n.strip()
        for n in text.replace("，", ",").replace("、", ",").replace("\n", ",").split(",")
        if n.strip()
    ]
