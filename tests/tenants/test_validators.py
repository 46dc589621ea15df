import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tenants.validators import parse_id_number, validate_credit_code
from tests.factories import credit_code, id_number


@pytest.mark.parametrize(
    "code",
    # the standard's own example, and codes printed on published business licences
    ["91350100M000100Y43", "91440300708461136T", "91330100716105852F", "9144030071526726XG"],
)
def test_published_credit_codes_are_valid(code):
    assert validate_credit_code(code) is None  # raises ValidationError when invalid


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "length"),
        ("9133010", "length"),
        ("91330100MA0000042I", "charset"),
        ("91330100MA000004zz", "charset"),
    ],
)
def test_malformed_credit_codes_are_refused(code, reason):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(code)
    assert exc.value.code == reason


def test_a_wrong_check_character_is_refused():
    good = credit_code(7)
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(wrong)
    assert exc.value.code == "checksum"


def test_the_published_example_id_number_parses():
    # GB 11643-1999's own worked example
    number, birth, gender = parse_id_number("11010519491231002X")
    assert (number, birth, gender) == ("11010519491231002X", dt.date(1949, 12, 31), "F")


def test_gender_is_read_from_the_seventeenth_digit():
    assert parse_id_number(id_number(gender="M"))[2] == "M"
    assert parse_id_number(id_number(gender="F"))[2] == "F"


@pytest.mark.parametrize(
    "value", ["", "123", "11010519491231002Y", "1101051949123100２X", "110105194913310025"]
)
def test_bad_id_numbers_are_refused(value):
    with pytest.raises(ValidationError):
        parse_id_number(value)


def test_the_id_check_character_needs_exactly_17_digits():
    from tenants.validators import id_number_check_char

    assert id_number_check_char("11010519491231002") == "X"
    with pytest.raises(ValueError, match="17 digits"):
        id_number_check_char("1101051949123100")
    with pytest.raises(ValueError, match="17 digits"):
        id_number_check_char("110105194912310021")
