"""Factories and small builders shared by the tests."""

import datetime as _dt
import itertools
import random
from decimal import Decimal

import factory

from tenants.validators import credit_code_check_char, id_number_check_char

_seq = itertools.count(1)


def credit_code(n: int | None = None) -> str:
    n = next(_seq) if n is None else n
    first17 = f"91330100MA{n:07d}"[:17]
    return first17 + credit_code_check_char(first17)


def id_number(
    *, birth: str = "19900101", gender: str = "M", region: str = "330102", seq: int | None = None
) -> str:
    """A valid GB 11643 number; the 17th digit is odd for men, even for women."""
    seq = random.randint(0, 49) if seq is None else seq
    digit = (2 * (seq % 5) + (1 if gender == "M" else 0)) % 10
    first17 = f"{region}{birth}{seq // 5 % 10}{seq % 10}{digit}"
    return first17 + id_number_check_char(first17)


def union_payload(slug: str, **overrides) -> dict:
    data = {
        "slug": slug,
        "name": f"{slug} 工会",
        "kind": "enterprise",
        "credit_code": credit_code(),
        "employee_count": 120,
        "admin": {"username": f"{slug.replace('-', '_')}_chair", "password": "Chair-Pass-2026"},
    }
    data.update(overrides)
    return data


# --- factory-boy factories (create inside a union's schema: ``with in_union(union):``) ---


class UnionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.UnionGroup"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"第{n}小组")


class MemberFactory(factory.django.DjangoModelFactory):
    """A member row as the roll would hold it (for tests of modules that read members;
    admission rules are tested through ``member_create``)."""

    class Meta:
        model = "members.Member"

    name = factory.Sequence(lambda n: f"会员{n}")
    gender = "M"
    id_number = factory.LazyAttributeSequence(
        lambda o, n: id_number(
            birth="19900101", gender=o.gender, seq=n % 50, region=f"{330100 + n // 50:06d}"
        )
    )
    birth_date = _dt.date(1990, 1, 1)
    employment = "regular"
    monthly_wage = Decimal("5000.00")
    joined_on = _dt.date(2020, 1, 1)
    member_no = factory.Sequence(lambda n: f"T{n:08d}")
    status = "active"
