"""Finding 6 (the platform's part): junk bodies and NUL bytes are a 400, never a 500."""

import json

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import HostClient

pytestmark = pytest.mark.django_db


def _post_raw(client, path, body: str):
    return client.post(path, data=body, content_type="application/json")


def test_json_nested_a_thousand_deep_is_a_400_on_the_anonymous_token_endpoint():
    body = "[" * 1000 + "]" * 1000
    resp = _post_raw(HostClient("localhost"), "/api/v1/auth/token/", body)
    assert resp.status_code == 400
    assert "nested" in resp.json()["detail"]


def test_json_nested_deep_inside_a_string_is_not_depth():
    body = json.dumps({"username": "[" * 100, "password": "{" * 200})
    resp = _post_raw(HostClient("localhost"), "/api/v1/auth/token/", body)
    assert resp.status_code == 401


def test_a_json_body_over_the_size_bound_is_a_400():
    body = json.dumps({"username": "x", "password": "y" * (settings.API_JSON_MAX_BYTES + 10)})
    resp = _post_raw(HostClient("localhost"), "/api/v1/auth/token/", body)
    assert resp.status_code == 400


def test_nan_is_not_json():
    resp = _post_raw(
        HostClient("localhost"), "/api/v1/auth/token/", '{"username": NaN, "password": "x"}'
    )
    assert resp.status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/unions/?search=a%00b", "/api/v1/users/?search=%00"])
def test_a_nul_byte_in_a_query_string_is_a_400_naming_the_parameter(federation_admin_api, path):
    resp = federation_admin_api.get(path)
    assert resp.status_code == 400
    assert resp.json() == {"search": ["NUL characters are not allowed in a request."]}


def test_a_nul_byte_in_a_page_query_is_a_400():
    assert Client(HTTP_HOST="localhost").get("/accounts/login/?next=%00").status_code == 400


def test_a_nul_byte_in_a_form_value_is_a_400():
    resp = Client(HTTP_HOST="localhost").post(
        "/accounts/login/", {"username": "a\x00b", "password": "x"}
    )
    assert resp.status_code == 400
