"""The rule table page as the federation's staff read it: in Chinese, and each value
written the way the change form takes it back."""

import datetime as dt

import pytest
from django.test import Client

from federation.rules.registry import JSON, rule_declare
from federation.rules.services import rules_defaults_ensure
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_page():
    client = Client(HTTP_HOST="localhost")
    client.post("/accounts/login/", {"username": "federation_admin", "password": PASSWORD})
    return client


def test_the_rule_table_page_speaks_chinese(admin_page):
    html = admin_page.get("/rules/").content.decode()
    assert "<th>现行取值</th>" in html
    assert "Value in force" not in html
    assert "Change a rule from a date" not in html


def test_a_json_rule_is_shown_as_the_json_the_change_form_takes(admin_page):
    value = {"max": 5, "up_to": None, "single": True}
    rule_declare("test.page_bands", value, kind=JSON, label="bands", since=dt.date(2020, 1, 1))
    rules_defaults_ensure()
    html = admin_page.get("/rules/").content.decode()
    assert "{&quot;max&quot;: 5, &quot;up_to&quot;: null, &quot;single&quot;: true}" in html
    assert "&#x27;up_to&#x27;: None" not in html
