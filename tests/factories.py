"""Factories and small builders shared by the tests."""

import itertools
import random

from tenants.validators import credit_code_check_char, id_number_check_char

_seq = itertools.count(1)


def credit_code(n: int | None = None) -> str:
    n = next(_seq) if n is None else n
    first17 = f"91330100MA{n:07d}"[:17]
    return first17 + credit_code_check_char(first17)


def id_number(*, birth: str = "19900101", gender: str = "M", region: str = "330102", seq: int | None = None) -> str:
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
