"""The committee term page: a seat's member record is picked by member number (the list it
replaced stopped at the first 500 members), and a refused form keeps what was typed."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD
from tests.workplaces.organization.factories import members_bulk
from workplaces.organization.models import Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair() -> Client:
    client = Client(HTTP_HOST="union-a.localhost")
    client.cookies["django_language"] = "en"
    assert (
        client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD}).status_code
        == 302
    )
    return client


def _post(seats: list[tuple[str, str, str]]) -> dict[str, str]:
    post = {"elected_on": "2024-05-01", "term_years": "5", "rows": str(len(seats))}
    for i, (name, position, number) in enumerate(seats):
        post.update({f"name_{i}": name, f"position_{i}": position, f"member_{i}": number})
    return post


SEATS = [("王主席", "chair", ""), ("李委员", "member", ""), ("赵委员", "member", "")]


def test_a_seat_links_a_member_past_the_first_500_by_number(chair, union_a, in_union):
    with in_union(union_a):
        last = sorted(members_bulk(600), key=lambda m: m.member_no)[-1]
    # 600 members: a committee of 7 to 15 (the rule's band)
    seats = [
        *SEATS[:2],
        *((f"委员{i}", "member", "") for i in range(4)),
        ("赵委员", "member", last.member_no),
    ]
    assert chair.post("/organization/terms/new/", _post(seats)).status_code == 302
    with in_union(union_a):
        seat = Term.objects.get().seats.get(name="赵委员")
        assert seat.member_id == last.pk


def test_an_unknown_number_is_refused_and_the_seats_stay_typed(chair, union_a, in_union):
    seats = [SEATS[0], SEATS[1], ("赵委员", "member", "NO-SUCH")]
    answer = chair.post("/organization/terms/new/", _post(seats))
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "No active member with number NO-SUCH in the register." in html
    assert 'value="王主席"' in html
    assert 'value="NO-SUCH"' in html
    with in_union(union_a):
        assert Term.objects.count() == 0
