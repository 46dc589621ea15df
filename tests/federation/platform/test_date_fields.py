"""Typed dates are bounded to 1901-01-01 .. 2199-12-31 at both doors (API and pages)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from rest_framework.exceptions import ValidationError as DRFValidationError

from federation.platform import api_fields, form_fields


@pytest.mark.parametrize("text", ["1900-12-31", "2200-01-01", "9999-12-31", "0017-05-23"])
def test_a_page_date_outside_the_range_is_refused_with_its_code(text):
    with pytest.raises(ValidationError) as exc:
        form_fields.DateField().clean(text)
    assert exc.value.error_list[0].code == "date_range"


@pytest.mark.parametrize(
    ("text", "day"), [("1901-01-01", dt.date(1901, 1, 1)), ("2199-12-31", dt.date(2199, 12, 31))]
)
def test_a_page_date_on_either_end_of_the_range_is_taken(text, day):
    assert form_fields.DateField().clean(text) == day


def test_a_page_time_in_year_702_is_refused():
    with pytest.raises(ValidationError):
        form_fields.DateTimeField().clean("0702-04-30 19:35")


@pytest.mark.parametrize("text", ["1900-12-31", "2200-01-01"])
def test_an_api_date_outside_the_range_is_refused_with_its_code(text):
    with pytest.raises(DRFValidationError) as exc:
        api_fields.DateField().run_validation(text)
    assert exc.value.get_codes() == ["date_range"]
