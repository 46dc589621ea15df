from decimal import Decimal

import pytest

from federation.homes.models import Status, Title
from federation.homes.scoring import level_for, to_points

pytestmark = pytest.mark.django_db


def _levels(scheme):
    return list(scheme.levels.all())


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("59.99", None),
        ("60", "合格"),
        ("79.9", "合格"),
        ("80", "先进"),
        ("89.99", "先进"),
        ("90", "模范"),
        ("100", "模范"),
    ],
)
def test_the_level_is_the_highest_whose_minimum_score_is_reached(scheme, total, expected):
    level = level_for(
        levels=_levels(scheme),
        total=Decimal(total),
        approval_rate=Decimal("90"),
        mandatory_failed=False,
    )
    assert (level.name if level else None) == expected


@pytest.mark.parametrize(
    ("approval", "expected"),
    [
        ("85", "模范"),
        ("84.99", "先进"),
        ("80", "先进"),
        ("79.99", "合格"),
        ("70", "合格"),
        ("69.99", None),
        (None, None),
    ],
)
def test_the_approval_rate_must_reach_the_level_minimum_too(scheme, approval, expected):
    rate = Decimal(approval) if approval is not None else None
    level = level_for(
        levels=_levels(scheme), total=Decimal("95"), approval_rate=rate, mandatory_failed=False
    )
    assert (level.name if level else None) == expected


def test_a_mandatory_criterion_at_zero_gives_no_level_whatever_the_total(scheme):
    assert (
        level_for(
            levels=_levels(scheme),
            total=Decimal("94"),
            approval_rate=Decimal("99"),
            mandatory_failed=True,
        )
        is None
    )


def test_the_default_scheme_totals_100_points_with_mandatory_criteria(scheme):
    criteria = list(scheme.criteria.all())
    assert len(criteria) == 21
    assert sum(c.max_points for c in criteria) == Decimal("100.00")
    assert sorted(c.code for c in criteria if c.mandatory) == ["MZ01", "WQ01", "ZD01", "ZZ01"]
    assert {c.category for c in criteria} == {
        "组织建设",
        "民主管理",
        "维权服务",
        "关爱职工",
        "文体活动",
        "阵地建设",
        "经费与档案",
    }
    assert [
        (lv.name, lv.min_score, lv.min_approval_rate) for lv in scheme.levels.order_by("order")
    ] == [
        ("合格", Decimal("60.00"), Decimal("70.00")),
        ("先进", Decimal("80.00"), Decimal("80.00")),
        ("模范", Decimal("90.00"), Decimal("85.00")),
    ]


def test_the_default_scheme_is_ensured_once(scheme):
    from federation.homes.models import Scheme
    from federation.homes.services import scheme_default_ensure

    assert scheme_default_ensure().pk == scheme.pk
    assert Scheme.objects.filter(is_default=True).count() == 1


@pytest.mark.parametrize(
    ("raw", "expected"), [("79.9", "79.90"), (80, "80.00"), (89.99, "89.99"), ("0", "0.00")]
)
def test_points_are_decimals_with_two_places(raw, expected):
    assert str(to_points(raw)) == expected


@pytest.mark.parametrize("raw", ["1.234", "abc", "", None, True, "NaN", "Infinity"])
def test_points_refuse_what_is_not_a_two_place_number(raw):
    with pytest.raises(ValueError, match="not a number|two decimal"):
        to_points(raw)


@pytest.mark.parametrize(
    ("total", "status", "level"),
    [
        ("79.9", Status.ACCEPTED, "合格"),
        ("80", Status.ACCEPTED, "先进"),
        ("89.99", Status.ACCEPTED, "先进"),
        ("90", Status.ACCEPTED, "模范"),
        ("59.99", Status.FAILED, None),
    ],
)
def test_accepting_at_the_thresholds_gives_the_level_and_a_title(
    assessment_a, union_a, fill_and_submit, review, total, status, level
):
    fill_and_submit(assessment_a, union_a, approval="90")
    a = review(assessment_a, total=total)
    assert a.score == Decimal(total).quantize(Decimal("0.01"))
    assert a.status == status
    assert (a.level.name if a.level else None) == level
    title = Title.objects.filter(assessment=a).first()
    assert (title.level.name if title else None) == level


def test_accepting_with_a_mandatory_criterion_at_zero_fails_it(
    assessment_a, union_a, fill_and_submit, review
):
    fill_and_submit(assessment_a, union_a)
    a = review(assessment_a, zero=("ZD01",))
    assert a.score == Decimal("94.00")
    assert a.status == Status.FAILED
    assert a.level is None
    assert not Title.objects.filter(union=union_a).exists()
