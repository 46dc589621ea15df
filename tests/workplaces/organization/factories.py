"""Factories for the governance tests (organization and congress). Call them inside a
union's schema (``with in_union(union_a): ...``)."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from workplaces.members.models import Member, MemberStatus
from workplaces.organization.services import SeatInput

_seq = itertools.count(1)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"成员{n}")
    gender = "M"
    id_number = factory.Sequence(lambda n: f"G{n:017d}")
    birth_date = dt.date(1985, 1, 1)
    member_no = factory.Sequence(lambda n: f"GOV{n:08d}")
    joined_on = dt.date(2020, 1, 1)
    status = MemberStatus.ACTIVE


def members_bulk(n: int, *, women: int = 0) -> list[Member]:
    """``n`` active members (the first ``women`` of them women) in one statement."""
    rows = MemberFactory.build_batch(n)
    for row in rows[:women]:
        row.gender = "F"
    return Member.objects.bulk_create(rows)


def user_make(username: str, *roles: str):
    from federation.platform.accounts.services import user_create

    return user_create(
        username=username, password="Test-Pass-2026!", roles=list(roles), validate=False
    )


def committee(
    size: int, *, chair_user: int | None = None, vice_user: int | None = None
) -> list[SeatInput]:
    seats = [SeatInput(name="主席甲", position="chair", user=chair_user)]
    if size > 1:
        seats.append(SeatInput(name="副主席乙", position="vice_chair", user=vice_user))
    seats += [SeatInput(name=f"委员{i}", position="member") for i in range(len(seats), size)]
    return seats


def committee_json(size: int) -> list[dict]:
    return [{"name": s.name, "member": None, "position": s.position} for s in committee(size)]
