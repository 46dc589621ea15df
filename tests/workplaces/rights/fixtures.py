"""Fixtures the rights and welfare tests share (their conftests import them): English
answers, token clients with officers created on first use, members."""

import pytest

from tests.workplaces.rights.factories import member_make, officer_ensure


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the msgids); pages default to Chinese."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def api(client_for):
    """``api("a_chair", union_a)``: a token client asking for English answers; officers
    missing from the shared personas are created on first use."""
    roles = {"women_workers": "women_workers", "vice_chair": "vice_chair", "audit": "audit"}

    def make(username=None, union=None):
        if username and union is not None:
            role = roles.get(username.split("_", 1)[1])
            if role:
                from django_tenants.utils import schema_context

                with schema_context(union.schema_name):
                    officer_ensure(username, role)
        client = client_for(username, union)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return make


@pytest.fixture
def a_chair(api, union_a):
    return api("a_chair", union_a)


@pytest.fixture
def b_chair(api, union_b):
    return api("b_chair", union_b)


@pytest.fixture
def member_in(in_union):
    def make(union, **kwargs):
        with in_union(union):
            return member_make(**kwargs)

    return make
