"""Builders for rights and welfare tests: members, officers, and API payloads."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from tests.factories import id_number

_days = itertools.count(1)


def unique_id(gender: str = "M") -> str:
    """A valid ID number never used before in this run (birth dates walk forward)."""
    birth = dt.date(1975, 1, 1) + dt.timedelta(days=next(_days))
    return id_number(birth=birth.strftime("%Y%m%d"), gender=gender, seq=3)


def member_make(*, name: str = "王芳", gender: str = "F", id_no: str | None = None) -> Any:
    """A member of the current union's schema, made through the members service."""
    from workplaces.members.services import member_create

    return member_create(
        actor="test",
        name=name,
        gender=gender,
        id_number=id_no or unique_id(gender),
        phone="13800001234",
        joined_on=dt.date(2020, 3, 1),
        employment="regular",
        monthly_wage="4500.00",
    )


def officer_ensure(username: str, role: str) -> None:
    """A union officer login in the current schema (the shared personas lack some roles)."""
    from django.contrib.auth import get_user_model

    from federation.platform.accounts.services import user_create

    if not get_user_model().objects.filter(username=username).exists():
        user_create(username=username, password="Test-Pass-2026!", roles=[role], validate=False)


def contract_payload(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "collective",
        "signed_on": "2026-03-01",
        "starts_on": "2026-03-01",
        "ends_on": "2029-02-28",
        "workers_covered": 180,
    }
    data.update(overrides)
    return data
