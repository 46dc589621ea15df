"""Fixtures of the union apps whose tests assert English messages (activities, assets,
finance, ledgers): each of their conftests imports them, so they are written once here."""

import pytest

from federation.platform.accounts.tokens import token_issue
from tests.conftest import HostClient, host_of


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def login_api(in_union):
    """``login_api(union, "name", "member", member=m)``: a new user of that union with the
    roles, and an API client with its token."""
    from django.db import connection

    from tests.workplaces.activities.factories import union_user

    def make(union, username, *roles, member=None):
        with in_union(union):
            user = union_user(username, *roles, member=member)
            key = token_issue(user=user, label="test")[1]
        connection.set_schema_to_public()
        client = HostClient(host_of(union))
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return make


@pytest.fixture
def member_in(in_union):
    from tests.workplaces.activities.factories import MemberFactory

    def make(union, **kw):
        with in_union(union):
            return MemberFactory(**kw)

    return make


@pytest.fixture
def client_for(client_for):
    """The shared fixture, asking for English answers (messages are asserted in English)."""

    def make(username=None, union=None):
        client = client_for(username, union)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return make


@pytest.fixture
def union_a_chair_api(client_for, union_a):
    return client_for("a_chair", union_a)


@pytest.fixture
def union_b_chair_api(client_for, union_b):
    return client_for("b_chair", union_b)
