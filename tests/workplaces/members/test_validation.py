import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import id_number
from workplaces.members.models import Member, MemberDuesRule
from workplaces.members.selectors import dues_for_wage, member_dues
from workplaces.members.validation import member_clean

TODAY = dt.date(2026, 11, 24)


def clean(**data):
    base = {
        "name": "李娜",
        "id_number": id_number(birth="19900315", gender="F", seq=3),
        "joined_on": "2021-05-01",
    }
    base.update(data)
    return member_clean(base, groups={}, today=TODAY)


def errors_of(**data) -> dict:
    with pytest.raises(ValidationError) as exc:
        clean(**data)
    return exc.value.message_dict


def test_birth_date_and_gender_are_read_from_the_id_number():
    out = clean()
    assert out["birth_date"] == dt.date(1990, 3, 15)
    assert out["gender"] == "F"


def test_a_lowercase_x_check_digit_is_normalised():
    number = next(
        id_number(birth="19850101", gender="M", seq=s)
        for s in range(50)
        if id_number(birth="19850101", gender="M", seq=s).endswith("X")
    )
    assert clean(id_number=number.lower(), gender="M")["id_number"] == number


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("33010219900315002", "A resident ID number has 17 digits followed by a digit or X."),
        ("3301021990031500AB", "A resident ID number has 17 digits followed by a digit or X."),
    ],
)
def test_malformed_id_numbers_are_refused(value, message):
    assert errors_of(id_number=value)["id_number"] == [message]


def test_a_wrong_check_digit_is_refused():
    good = id_number(birth="19900315", gender="F", seq=3)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    assert errors_of(id_number=bad)["id_number"] == ["The check digit of the ID number is wrong."]


def test_an_impossible_birth_date_is_refused():
    from tenants.validators import id_number_check_char

    first17 = "33010219900230002"
    assert errors_of(id_number=first17 + id_number_check_char(first17))["id_number"] == [
        "The ID number holds no valid birth date."
    ]


def test_a_gender_that_disagrees_with_the_id_number_is_refused():
    assert errors_of(gender="M")["gender"] == ["The gender does not agree with the ID number."]


def test_chinese_gender_words_are_accepted():
    assert clean(gender="女")["gender"] == "F"


def test_a_birth_date_that_disagrees_with_the_id_number_is_refused():
    assert errors_of(birth_date="1990-03-16")["birth_date"] == [
        "The birth date does not agree with the ID number."
    ]


def test_joining_before_birth_is_refused():
    assert errors_of(joined_on="1989-01-01")["joined_on"] == ["The date is before the birth date."]


def test_joining_in_the_future_is_refused():
    assert errors_of(joined_on="2026-11-25")["joined_on"] == ["The date cannot be in the future."]


def test_chinese_employment_labels_map_to_codes():
    assert clean(employment="农民工")["employment"] == "migrant"


# --- member dues (会费) -------------------------------------------------------------
RULE = MemberDuesRule.default()


@pytest.mark.parametrize(
    ("wage", "dues"),
    [
        ("4009.99", "20.00"),
        ("4010.00", "20.05"),
        ("0.00", "0.00"),
        ("9.99", "0.00"),
        ("10.00", "0.05"),
        ("3090.00", "15.45"),
        ("99999.99", "499.95"),
    ],
)
def test_member_dues_count_the_wage_in_whole_tens_at_half_a_percent(wage, dues):
    assert dues_for_wage(wage=Decimal(wage), rule=RULE) == Decimal(dues)


def test_half_a_cent_rounds_up():
    rule = MemberDuesRule(
        effective_from=dt.date(2026, 1, 1), rate=Decimal("0.0050"), floor_unit=Decimal("1.00")
    )
    assert dues_for_wage(wage=Decimal("4001.00"), rule=rule) == Decimal("20.01")  # 20.005 -> 20.01


def test_retained_members_pay_no_dues():
    member = Member(status="retained", monthly_wage=Decimal("5000.00"))
    assert member_dues(member=member, rule=RULE) == Decimal("0.00")


@pytest.mark.django_db
def test_the_rule_in_force_is_used_and_the_default_applies_without_rows(union_a, in_union):
    from workplaces.members.selectors import dues_rule_in_force
    from workplaces.members.services import dues_rule_set

    with in_union(union_a):
        assert dues_rule_in_force(on=dt.date(2026, 1, 1)).rate == Decimal("0.0050")
        dues_rule_set(
            effective_from=dt.date(2026, 7, 1),
            rate=Decimal("0.01"),
            floor_unit=Decimal("10"),
            actor=None,
        )
        assert dues_rule_in_force(on=dt.date(2026, 6, 30)).rate == Decimal("0.0050")
        assert dues_rule_in_force(on=dt.date(2026, 7, 1)).rate == Decimal("0.0100")


@pytest.mark.parametrize(
    "name",
    [
        "王𠇔",  # extension B: a rare character some names need (生僻字)
        "𫖯昊",  # extension C
        "李〇",  # 〇 (U+3007)
        "阿卜杜·热合曼",
        "Anna Smith-Lee",
    ],
)
def test_names_with_rare_characters_and_transcribed_names_are_accepted(name):
    assert clean(name=name)["name"] == name


@pytest.mark.parametrize("name", ["张3", "<b>王</b>", "王\u200b五", "李娜!"])
def test_names_with_digits_markup_or_invisible_characters_are_refused(name):
    assert errors_of(name=name) == {"name": ["Use Chinese characters or letters only."]}
