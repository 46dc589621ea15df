"""The pages a user meets when refused or lost are in the reader's language, inside the
site's frame (Django's bare English "403 Forbidden" / "Not Found" before)."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _union_client(username):
    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    return client


def test_a_page_the_account_may_not_open_says_so_in_chinese(union_a):
    response = _union_client("a_member").get("/members/import/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>无权访问</h1>" in html
    assert "Forbidden" not in html


def test_a_page_that_does_not_exist_says_so_in_chinese(union_a):
    response = _union_client("a_chair").get("/members/99999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>页面不存在</h1>" in html
    assert "Not Found" not in html


def test_an_api_miss_stays_json(union_a):
    response = Client(HTTP_HOST="union-a.localhost").get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_server_error_page_is_in_chinese(rf):
    from django.utils import translation

    from federation.config.handlers import server_error

    with translation.override("zh-hans"):
        response = server_error(rf.get("/members/"))
    assert response.status_code == 500
    assert "服务器出错" in response.content.decode()


def test_an_unknown_union_address_is_a_plain_404():
    response = Client(HTTP_HOST="no-such-union.localhost").get("/")
    assert response.status_code == 404
