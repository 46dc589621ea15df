import pytest

from tests.workplaces.rights.fixtures import (  # noqa: F401 - fixtures of these tests
    _english,
    a_chair,
    api,
    b_chair,
    member_in,
)


@pytest.fixture
def page_client(db):
    """``page_client("a_chair", union_a)``: a logged-in browser client on the union's host
    (the federation's host without a union)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from tests.conftest import PASSWORD

    def make(username, union=None):
        host = f"{union.slug}.{settings.BASE_DOMAIN}" if union else settings.BASE_DOMAIN
        client = Client(HTTP_HOST=host)
        res = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
        connection.set_schema_to_public()
        assert res.status_code == 302
        return client

    return make
