"""The recognition pages pick members by their number, not from a list of every member:
one input whatever the register's size; an unknown number is refused on its field."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD, host_of
from workplaces.activities.models import Honour, TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(union_a) -> Client:
    client = Client(HTTP_HOST=host_of(union_a))
    client.cookies["django_language"] = "en"
    assert (
        client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD}).status_code
        == 302
    )
    return client


def _honour(number: str) -> dict[str, str]:
    return {"kind": "model_worker", "level": "county", "member": number, "year": "2026"}


def test_a_nomination_names_its_member_by_number(chair, member_in, union_a, in_union):
    m = member_in(union_a, name="张劳模")
    assert chair.post("/activities/honours/", _honour(m.member_no)).status_code == 302
    with in_union(union_a):
        assert list(Honour.objects.values_list("member_id", flat=True)) == [m.pk]


def test_an_unknown_member_number_is_refused_on_its_field(chair, member_in, union_a, in_union):
    member_in(union_a)
    answer = chair.post("/activities/honours/", _honour("NO-SUCH"))
    assert answer.status_code == 200
    assert "No member with number NO-SUCH in the register." in answer.content.decode()
    with in_union(union_a):
        assert Honour.objects.count() == 0


def test_the_pages_list_no_members_to_choose_from(chair, member_in, union_a):
    member_in(union_a, name="张列表")
    for url in ("/activities/honours/", "/activities/training/"):
        assert "张列表" not in chair.get(url).content.decode(), url


def test_training_attendees_are_typed_as_numbers_one_a_line(chair, member_in, union_a, in_union):
    a, b = member_in(union_a), member_in(union_a)
    post = {
        "title": "安全培训",
        "audience": "member",
        "held_on": "2026-03-01",
        "hours": "2",
        "members": f"{a.member_no}\n{b.member_no}\n",
    }
    assert chair.post("/activities/training/", post).status_code == 302
    with in_union(union_a):
        session = TrainingSession.objects.get()
        assert sorted(session.attendances.values_list("member_id", flat=True)) == sorted(
            [a.pk, b.pk]
        )
