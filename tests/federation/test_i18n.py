import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_pages_are_chinese_by_default():
    html = Client(HTTP_HOST="localhost").get("/accounts/login/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "登录" in html


def test_the_language_switch_gives_english():
    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Notices from the federation" in html


def test_a_service_error_message_is_translated():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from tenants.validators import validate_credit_code

    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as exc:
            validate_credit_code("123")
        assert exc.value.messages == ["统一社会信用代码应为18位。"]


def test_the_union_home_shows_its_member_count(union_a):
    from tenants.models import UnionRollup

    UnionRollup.objects.create(union=union_a, members_active=180, members_women=70)
    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": "a_member", "password": PASSWORD})
    html = client.get("/").content.decode()
    assert '<b id="stat-members">180</b>' in html


def test_an_english_browser_still_gets_chinese_pages_until_it_switches():
    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="zh-hans">' in client.get("/accounts/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert '<html lang="en">' in client.get("/accounts/login/").content.decode()


def test_the_api_follows_accept_language():
    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="zh-hans")
    resp = client.post("/api/v1/auth/token/", {}, content_type="application/json")
    assert resp.json()["username"] == ["此项为必填项。"]
    english = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en")
    resp = english.post("/api/v1/auth/token/", {}, content_type="application/json")
    assert resp.json()["username"] == ["This field is required."]
