import datetime as dt
import itertools

import pytest

from tests.factories import id_number

_days = itertools.count(1)


def unique_id(gender: str = "M") -> str:
    """A valid ID number never used before in this run (birth dates walk forward)."""
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=next(_days))
    return id_number(birth=birth.strftime("%Y%m%d"), gender=gender, seq=7)


def member_payload(**overrides) -> dict:
    gender = overrides.pop("gender", "M")
    data = {
        "name": "张伟",
        "gender": gender,
        "id_number": unique_id(gender),
        "phone": "13800001234",
        "joined_on": "2020-03-01",
        "employment": "regular",
        "monthly_wage": "4500.00",
    }
    data.update(overrides)
    return data


@pytest.fixture
def a_org(client_for, union_a):
    return client_for("a_organization", union_a)


@pytest.fixture
def b_org(client_for, union_b):
    return client_for("b_organization", union_b)


@pytest.fixture
def make_member(in_union):
    """Create a member directly through the service in a union's schema."""

    def make(union, **overrides):
        from workplaces.members.services import member_create

        data = member_payload(**overrides)
        with in_union(union):
            return member_create(actor="test", **data)

    return make


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the msgids); pages default to Chinese."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client_for(client_for):
    """The shared fixture, asking for English answers."""

    def make(username=None, union=None):
        client = client_for(username, union)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return make
