"""The federation-wide member index: one active membership, enforced by the database."""

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from tenants.models import MemberIndex, MemberTransfer
from tests.factories import id_number
from workplaces.members.crypto import id_hash, name_mask, payload_decrypt, payload_encrypt

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_active_row_for_one_person(union_a, union_b):
    digest = id_hash(id_number(birth="19880808", seq=1))
    MemberIndex.objects.create(id_hash=digest, union=union_a, active=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberIndex.objects.create(id_hash=digest, union=union_b, active=True)


def test_inactive_rows_elsewhere_are_allowed(union_a, union_b):
    digest = id_hash(id_number(birth="19880808", seq=2))
    MemberIndex.objects.create(id_hash=digest, union=union_a, active=False)
    MemberIndex.objects.create(id_hash=digest, union=union_b, active=True)
    assert MemberIndex.objects.filter(id_hash=digest).count() == 2


def test_one_row_per_person_and_union(union_a):
    digest = id_hash(id_number(birth="19880808", seq=3))
    MemberIndex.objects.create(id_hash=digest, union=union_a, active=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberIndex.objects.create(id_hash=digest, union=union_a, active=True)


def test_only_one_pending_transfer_per_person(union_a, union_b):
    digest = id_hash(id_number(birth="19880808", seq=4))
    fields = {
        "from_union": union_a,
        "to_union": union_b,
        "id_hash": digest,
        "source_member_id": 1,
        "payload": "x",
    }
    MemberTransfer.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberTransfer.objects.create(**fields)


def test_the_hash_is_keyed_and_normalised():
    number = id_number(birth="19880808", seq=5)
    assert id_hash(number) == id_hash(f" {number.lower()} ")
    assert len(id_hash(number)) == 64
    with override_settings(ID_HASH_SECRET="another-secret"):
        other = id_hash(number)
    assert other != id_hash(number)


def test_transfer_payloads_round_trip_and_are_unreadable_with_another_key():
    token = payload_encrypt({"id_number": "330102198808080011", "name": "张伟"})
    assert "330102198808080011" not in token
    assert payload_decrypt(token) == {"id_number": "330102198808080011", "name": "张伟"}
    with override_settings(ID_HASH_SECRET="another-secret"):
        assert payload_decrypt(token) == {}


def test_names_are_masked_for_the_federation():
    assert name_mask("张三丰") == "张**"
    assert name_mask("李") == "李*"
    assert name_mask("") == ""
