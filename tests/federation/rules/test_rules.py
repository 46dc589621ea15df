import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from federation.platform.audit.models import AuditEvent
from federation.rules.models import RuleValue
from federation.rules.registry import DECIMAL, INT, JSON, rule_declare
from federation.rules.selectors import RuleMissingError, rule_value
from federation.rules.services import rule_change, rules_defaults_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def declared():
    rule_declare("test.limit", 5, kind=INT, label="limit", since=dt.date(2020, 1, 1))
    rule_declare("test.share", "0.60", kind=DECIMAL, label="share", since=dt.date(2020, 1, 1))
    rule_declare("test.bands", [[0, 3]], kind=JSON, label="bands", since=dt.date(2020, 1, 1))
    rules_defaults_ensure()


def test_the_default_becomes_the_first_dated_row(declared):
    row = RuleValue.objects.get(key="test.limit")
    assert (row.value, row.effective_from, row.effective_to) == (5, dt.date(2020, 1, 1), None)


def test_a_value_is_typed_by_its_kind(declared):
    assert rule_value("test.share", on=dt.date(2026, 1, 1)) == Decimal("0.60")
    assert rule_value("test.bands", on=dt.date(2026, 1, 1)) == [[0, 3]]


def test_a_change_applies_from_its_date_and_closes_the_row_before(declared):
    rule_change(key="test.limit", value="7", effective_from=dt.date(2026, 7, 1), actor=None)
    assert rule_value("test.limit", on=dt.date(2026, 6, 30)) == 5
    assert rule_value("test.limit", on=dt.date(2026, 7, 1)) == 7
    first = RuleValue.objects.get(key="test.limit", effective_from=dt.date(2020, 1, 1))
    assert first.effective_to == dt.date(2026, 6, 30)


def test_a_change_is_audited_with_before_and_after(declared):
    rule_change(key="test.limit", value=9, effective_from=dt.date(2026, 7, 1), actor=None)
    event = AuditEvent.objects.get(kind="rules.changed")
    assert event.before == {"key": "test.limit", "value": 5}
    assert event.after == {"key": "test.limit", "value": 9, "effective_from": "2026-07-01"}


def test_a_bad_value_is_refused_naming_the_value(declared):
    with pytest.raises(ValidationError) as exc:
        rule_change(key="test.limit", value="many", effective_from=dt.date(2026, 7, 1), actor=None)
    assert "value" in exc.value.message_dict
    assert RuleValue.objects.filter(key="test.limit").count() == 1


def test_a_date_before_every_row_has_no_value_and_says_so(declared):
    with pytest.raises(RuleMissingError):
        rule_value("test.limit", on=dt.date(2019, 12, 31))


def test_defaults_are_written_once(declared):
    assert rules_defaults_ensure() == 0


def test_the_api_lists_rules_for_staff_and_refuses_changes_by_a_clerk(
    declared, federation_clerk_api, federation_admin_api
):
    listed = federation_clerk_api.get("/api/v1/rules/?page_size=200")
    assert listed.status_code == 200
    assert any(r["key"] == "test.limit" for r in listed.json()["results"])
    body = {"key": "test.limit", "value": 8, "effective_from": "2026-08-01"}
    assert federation_clerk_api.post("/api/v1/rules/", body, format="json").status_code == 403
    assert RuleValue.objects.filter(key="test.limit").count() == 1
    assert federation_admin_api.post("/api/v1/rules/", body, format="json").status_code == 201
    assert rule_value("test.limit", on=dt.date(2026, 8, 1)) == 8


def test_a_date_before_every_row_is_a_refusal_that_names_the_rule_and_the_date(declared):
    from federation.platform.errors import DomainError

    with pytest.raises(DomainError) as exc:
        rule_value("test.limit", on=dt.date(2019, 12, 31))
    assert (exc.value.status, exc.value.code) == (400, "rule_missing")
    assert "test.limit" in exc.value.detail
    assert "2019-12-31" in exc.value.detail
