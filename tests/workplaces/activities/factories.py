"""Factories and builders of the union-life tests (activities, finance, assets, ledgers)."""

import datetime as dt
import itertools
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from workplaces.members.models import Member

_seq = itertools.count(1)


class MemberFactory(DjangoModelFactory):
    """A member row made directly (no federation index claim): for tests of other modules."""

    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"会员{n}")
    gender = "M"
    id_number = factory.LazyFunction(lambda: f"T{next(_seq):017d}")
    birth_date = dt.date(1990, 1, 1)
    member_no = factory.LazyFunction(lambda: f"LT{next(_seq):08d}")
    joined_on = dt.date(2020, 1, 1)
    monthly_wage = Decimal("5000.00")
    status = "active"


def union_user(username: str, *roles: str, member: Member | None = None):
    """A login of the current union's schema with the given roles (optionally a member's)."""
    from federation.platform.accounts.services import user_create

    user = user_create(
        username=username, password="Test-Pass-2026!", roles=list(roles), validate=False
    )
    if member is not None:
        member.user = user
        member.save(update_fields=["user"])
    return user
