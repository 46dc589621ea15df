import pytest

from tenants.validators import id_number_check_char
from tests.factories import MemberFactory, UnionGroupFactory

pytestmark = pytest.mark.django_db


def test_member_factory_makes_distinct_valid_id_numbers(union_a, in_union):
    with in_union(union_a):
        members = MemberFactory.create_batch(60, group=UnionGroupFactory())
    numbers = [m.id_number for m in members]
    assert len(set(numbers)) == 60
    assert all(n[17] == id_number_check_char(n[:17]) for n in numbers)
