"""Field values and cross-field rules (pure functions)."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from federation.reports import rules as R


def field(kind, choices=()):
    return SimpleNamespace(type=kind, choices=list(choices))


@pytest.mark.parametrize(
    ("kind", "raw", "stored"),
    [
        ("integer", 12, 12),
        ("integer", "12", 12),
        ("integer", " 0 ", 0),
        ("decimal", "12.5", "12.50"),
        ("decimal", 3, "3.00"),
        ("decimal", "-1.25", "-1.25"),
        ("text", " 说明 ", "说明"),
        ("date", "2026-11-05", "2026-11-05"),
        ("choice", "是", "是"),
        ("integer", None, None),
        ("integer", "", None),
    ],
)
def test_values_are_stored_in_their_type(kind, raw, stored):
    assert R.value_clean(field(kind, ["是", "否"]), raw) == stored


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("integer", "12.5"),
        ("integer", -1),
        ("integer", True),
        ("integer", 1.0),
        ("integer", "abc"),
        ("decimal", "1.234"),
        ("decimal", "NaN"),
        ("decimal", "x"),
        ("decimal", False),
        ("date", "2026-13-01"),
        ("date", "05/11/2026"),
        ("choice", "maybe"),
        ("text", ["a"]),
    ],
)
def test_values_of_the_wrong_type_are_refused(kind, raw):
    with pytest.raises(ValidationError):
        R.value_clean(field(kind, ["是", "否"]), raw)


LABELS = {"women": "女会员", "members": "会员", "a": "A", "b": "B", "total": "合计"}


def test_lte_holds_when_left_is_not_greater():
    assert (
        R.rules_check(
            [{"kind": "lte", "left": "women", "right": "members"}],
            {"women": 50, "members": 50},
            LABELS,
        )
        == {}
    )


def test_lte_broken_is_reported_on_the_left_field():
    errors = R.rules_check(
        [{"kind": "lte", "left": "women", "right": "members"}], {"women": 51, "members": 50}, LABELS
    )
    assert errors == {"women": ["女会员应≤会员。"]}


def test_a_rule_with_a_missing_value_is_not_checked():
    assert (
        R.rules_check([{"kind": "lte", "left": "women", "right": "members"}], {"women": 5}, LABELS)
        == {}
    )


def test_sum_rule_compares_parts_with_total_exactly():
    rule = [{"kind": "sum", "parts": ["a", "b"], "total": "total"}]
    assert R.rules_check(rule, {"a": "1.10", "b": "2.20", "total": "3.30"}, LABELS) == {}
    assert R.rules_check(rule, {"a": 1, "b": 2, "total": 4}, LABELS) == {
        "total": ["合计应等于A + B。"]
    }


def test_a_comparison_with_a_constant():
    assert R.rules_check(
        [{"kind": "gte", "left": "members", "right": 10}], {"members": 9}, LABELS
    ) == {"members": ["会员应≥10。"]}


def test_rules_naming_unknown_or_text_fields_are_refused():
    with pytest.raises(ValidationError) as exc:
        R.rules_validate(
            [
                {"kind": "lte", "left": "women", "right": "note"},
                {"kind": "sum", "parts": ["a"], "total": "zzz"},
                {"kind": "between"},
            ],
            {"women", "a"},
        )
    assert len(exc.value.message_dict["rules"]) == 3


def test_the_builder_notation_is_parsed():
    assert R.rules_parse_text("women <= members\n\na + b = total\nmembers >= 3") == [
        {"kind": "lte", "left": "women", "right": "members"},
        {"kind": "sum", "parts": ["a", "b"], "total": "total"},
        {"kind": "gte", "left": "members", "right": 3},
    ]
    assert R.rule_text({"kind": "sum", "parts": ["a", "b"], "total": "t"}) == "a + b = t"


def test_a_line_that_is_not_a_rule_is_reported():
    with pytest.raises(ValidationError) as exc:
        R.rules_parse_text("women is less than members")
    assert exc.value.message_dict["rules"] == ["第 1 行不是有效规则：women is less than members"]


@pytest.mark.parametrize("period", ["2026", "2026-Q4", "2026-H2", "2026-11", "2026-q1"])
def test_periods_accepted(period):
    assert R.period_validate(period) == period.upper()


@pytest.mark.parametrize(
    "period", ["26", "2026-Q5", "2026-H3", "2026-13", "2026-00", "1999", "2026/11", ""]
)
def test_periods_refused(period):
    with pytest.raises(ValidationError):
        R.period_validate(period)
