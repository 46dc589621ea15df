"""Factories and builders of the union-life tests (activities, finance, assets, ledgers)."""

import datetime as dt
import itertools
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from tests.factories import id_number
from workplaces.members.models import Member

_seq = itertools.count(1)


class MemberFactory(DjangoModelFactory):
    """A member row made directly (no federation index claim): for tests of other modules."""

    class Meta:
        model = Member

    # 零, not 〇 (U+3007, outside the CJK block a name is checked against): a member the
    # demo writes to again (a model worker's honour) is re-validated
    name = factory.Sequence(
        lambda n: "会员" + str(n).translate(str.maketrans("0123456789", "零一二三四五六七八九"))
    )
    gender = "M"
    # a valid GB 11643 number agreeing with birth date and gender (services re-validate
    # the record when another module writes to it)
    birth_date = factory.Sequence(lambda n: dt.date(1970, 1, 1) + dt.timedelta(days=n))
    id_number = factory.LazyAttribute(
        lambda m: id_number(birth=m.birth_date.strftime("%Y%m%d"), gender=m.gender, seq=7)
    )
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
