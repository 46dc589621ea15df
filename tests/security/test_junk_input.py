"""Finding 6 (the platform's part): junk bodies and NUL bytes are a 400, never a 500."""

import json

import pytest
from django.conf import settings
from django.test import Client

from federation.platform.accounts.parsers import NOT_AN_OBJECT, BoundedJSONParser
from tests.conftest import HostClient, _token_for
from tests.security.routes import HOSTS, WRITE_METHODS, api_routes, concrete

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


@pytest.mark.parametrize("body", ["[]", '[{"username": "a", "password": "b"}]', '"x"', "0", "null"])
def test_a_json_body_that_is_not_an_object_is_a_400(body):
    resp = _post_raw(HostClient("localhost"), "/api/v1/auth/token/", body)
    assert resp.status_code == 400
    assert resp.json() == {"detail": NOT_AN_OBJECT}


# the host's top role, so that every door reaches the code that reads its body
TOP = {"federation": ("federation_admin", False), "union": ("a_chair", True)}


def _write_doors(side: str) -> list[tuple[str, str]]:
    doors = [
        (method.upper(), concrete(route))
        for route, view in api_routes(side)
        for method in WRITE_METHODS
        if view is not None and hasattr(view, method)
    ]
    # logout ignores the body and ends the token the walk uses: last
    return sorted(doors, key=lambda door: "logout" in door[1])


@pytest.mark.parametrize("side", list(HOSTS))
def test_no_door_answers_a_non_object_json_body_with_a_500(side, union_a):
    username, in_union = TOP[side]
    client = HostClient(HOSTS[side][1])
    token = _token_for(username, union_a if in_union else None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    answers = {
        f"{method} {path}": client.generic(method, path, '[{"x": 1}]', "application/json")
        for method, path in _write_doors(side)
    }
    statuses = {door: resp.status_code for door, resp in answers.items()}
    assert 401 not in statuses.values()  # the walk reached every door as its top role
    assert not {door: status for door, status in statuses.items() if status >= 500}
    refused = [door for door, resp in answers.items() if resp.status_code == 400]
    assert all(answers[door].json() == {"detail": NOT_AN_OBJECT} for door in refused)


@pytest.mark.parametrize("side", list(HOSTS))
def test_every_door_that_reads_json_reads_it_through_the_bounded_parser(side):
    loose = sorted(
        f"/{route} -> {view.__module__}.{view.__qualname__}"
        for route, view in api_routes(side)
        if hasattr(view, "get_parsers")
        for parser in view().get_parsers()
        if "json" in parser.media_type and not isinstance(parser, BoundedJSONParser)
    )
    assert not loose


@pytest.mark.parametrize("side", list(HOSTS))
def test_no_api_list_answers_digits_int_refuses_with_a_500(side, union_a):
    """``str.isdigit()`` takes a superscript two, ``int()`` refuses it: a query parameter
    checked by the one and read by the other was a 500."""
    from tests.security.test_page_junk import DIGITS

    username, in_union = TOP[side]
    client = HostClient(HOSTS[side][1])
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {_token_for(username, union_a if in_union else None)}"
    )
    paths = sorted(
        {
            concrete(route)
            for route, view in api_routes(side)
            if view is not None and "<" not in route
        }
    )
    answers = {path: client.get(f"{path}?{DIGITS}").status_code for path in paths}
    assert len(answers) > 10
    assert not {code for code in answers.values() if code in (401, 403)}  # the lists were reached
    assert {path: code for path, code in answers.items() if code >= 500} == {}
