"""Helpers shared by the organization pages."""

from __future__ import annotations

from django.http import HttpRequest

from workplaces.organization.api import MANAGERS

SEAT_ROWS = 9


def names_of(text: str) -> list[str]:
    return [n.strip() for n in text.replace("，", ",").replace("\n", ",").split(",") if n.strip()]


def can_manage(request: HttpRequest) -> bool:
    from federation.platform.accounts.permissions import has_role

    return has_role(request.user, *MANAGERS)
