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


def test_a_clerk_releases_one_person_with_a_reason_and_it_is_audited(union_a, union_b):
    from django.core.exceptions import ValidationError

    from federation.platform.audit.models import AuditEvent
    from tenants.member_index import member_index_claim, member_index_release

    number = id_number(birth="19880808", seq=6)
    member_index_claim(union=union_a, hashes=[id_hash(number)])
    with pytest.raises(ValidationError):
        member_index_release(union=union_a, id_hash=id_hash(number), reason=" ", actor=None)
    assert MemberIndex.objects.get(id_hash=id_hash(number)).active is True

    class Person:
        id_number = number

    released = member_index_release(union=union_a, member=Person(), reason="单位注销", actor=None)
    assert released == 1
    assert MemberIndex.objects.get(id_hash=id_hash(number)).active is False
    event = AuditEvent.objects.get(kind="member_index.released")
    assert (event.union_slug, event.before, event.after) == (
        "union-a",
        {"active": True},
        {"active": False, "reason": "单位注销"},
    )
    member_index_claim(union=union_b, hashes=[id_hash(number)])  # admissible elsewhere now


def test_releasing_a_whole_union_frees_every_active_row(union_a):
    from tenants.member_index import member_index_claim, member_index_release

    hashes = [id_hash(id_number(birth="19880909", seq=n)) for n in range(3)]
    member_index_claim(union=union_a, hashes=hashes)
    assert member_index_release(union=union_a, reason="工会撤销", actor=None) == 3
    assert MemberIndex.objects.filter(union=union_a, active=True).count() == 0


def test_a_claim_of_someone_active_elsewhere_is_a_conflict_with_a_code(union_a, union_b):
    from federation.platform.errors import ConflictError
    from tenants.member_index import member_index_claim

    digest = id_hash(id_number(birth="19880808", seq=7))
    member_index_claim(union=union_a, hashes=[digest])
    with pytest.raises(ConflictError) as exc:
        member_index_claim(union=union_b, hashes=[digest])
    assert exc.value.code == "member_elsewhere"
    assert MemberIndex.objects.filter(id_hash=digest, union=union_b).count() == 0


def test_the_database_refusal_under_a_race_is_still_a_conflict(union_a, union_b, monkeypatch):
    """The check before the upsert can miss a concurrent claim; the partial unique index
    refuses it and the service turns that into ConflictError (never a bare IntegrityError)."""
    from federation.platform.errors import ConflictError
    from tenants import member_index

    digest = id_hash(id_number(birth="19880808", seq=8))
    member_index.member_index_claim(union=union_a, hashes=[digest])
    monkeypatch.setattr(member_index, "member_index_active_elsewhere", lambda **kw: set())
    with pytest.raises(ConflictError):
        member_index.member_index_claim(union=union_b, hashes=[digest])


def test_the_hash_is_keyed_by_the_secret_in_force():
    import hashlib
    import hmac

    number = id_number(birth="19880808", seq=9)
    first = id_hash(number)
    with override_settings(ID_HASH_SECRET="another secret"):
        other = id_hash(number)
        assert other == hmac.new(b"another secret", number.encode(), hashlib.sha256).hexdigest()
    assert other != first
    assert id_hash(" " + number.lower() + " ") == first
