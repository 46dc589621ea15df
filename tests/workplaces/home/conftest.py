import pytest
from django.db import connection
from django.test import Client

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


@pytest.fixture
def page_for(db):
    """page_for("a_chair", union_a): a logged-in browser-like client of that host."""

    def make(username, union=None):
        client = Client(HTTP_HOST=f"{union.slug}.localhost" if union else "localhost")
        client.post("/accounts/login/", {"username": username, "password": PASSWORD})
        connection.set_schema_to_public()
        return client

    return make


def get(client, url, **kwargs):
    try:
        return client.get(url, **kwargs)
    finally:
        connection.set_schema_to_public()


def post(client, url, data, **kwargs):
    try:
        return client.post(url, data, **kwargs)
    finally:
        connection.set_schema_to_public()
