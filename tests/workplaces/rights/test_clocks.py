"""The legal clocks at their boundaries (issue 13), from the rule table's defaults."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from workplaces.rights import clocks
from workplaces.rights.models import CollectiveContract
from workplaces.rights.selectors import contract_clocks, mediation_overdue
from workplaces.rights.services.contracts import _term_check

pytestmark = pytest.mark.django_db

D = dt.date


def test_signed_on_march_1st_is_due_for_filing_on_march_11th():
    c = CollectiveContract(
        kind="collective", signed_on=D(2026, 3, 1), starts_on=D(2026, 3, 1), ends_on=D(2029, 2, 28)
    )
    assert contract_clocks(c, today=D(2026, 3, 2)).filing_due == D(2026, 3, 11)


def test_filing_is_overdue_the_day_after_the_due_day_only():
    c = CollectiveContract(
        kind="collective", signed_on=D(2026, 3, 1), starts_on=D(2026, 3, 1), ends_on=D(2029, 2, 28)
    )
    assert contract_clocks(c, today=D(2026, 3, 11)).filing_overdue is False
    assert contract_clocks(c, today=D(2026, 3, 12)).filing_overdue is True


def test_filed_on_march_5th_takes_effect_on_march_20th():
    c = CollectiveContract(
        kind="collective",
        signed_on=D(2026, 3, 1),
        starts_on=D(2026, 3, 1),
        ends_on=D(2029, 2, 28),
        filed_on=D(2026, 3, 5),
    )
    assert contract_clocks(c, today=D(2026, 3, 19)).effective_on == D(2026, 3, 20)
    assert contract_clocks(c, today=D(2026, 3, 19)).status == "filed"
    assert contract_clocks(c, today=D(2026, 3, 20)).status == "effective"


def test_a_term_ending_2029_02_28_opens_renewal_talks_on_2028_11_28():
    c = CollectiveContract(
        kind="collective",
        signed_on=D(2026, 3, 1),
        starts_on=D(2026, 3, 1),
        ends_on=D(2029, 2, 28),
        filed_on=D(2026, 3, 5),
    )
    assert contract_clocks(c, today=D(2028, 11, 27)).renewal_from == D(2028, 11, 28)
    assert contract_clocks(c, today=D(2028, 11, 27)).status == "effective"
    assert contract_clocks(c, today=D(2028, 11, 28)).status == "expiring"
    assert contract_clocks(c, today=D(2029, 2, 28)).status == "expiring"
    assert contract_clocks(c, today=D(2029, 3, 1)).status == "expired"


def test_a_term_of_exactly_three_years_is_accepted():
    assert _term_check(starts_on=D(2026, 3, 1), ends_on=D(2029, 2, 28)) is None


def test_a_term_of_three_years_and_a_day_is_refused():
    with pytest.raises(ValidationError) as exc:
        _term_check(starts_on=D(2026, 3, 1), ends_on=D(2029, 3, 1))
    assert exc.value.error_dict["ends_on"][0].code == "term"


def test_a_term_of_exactly_one_year_is_accepted_and_a_day_less_refused():
    _term_check(starts_on=D(2026, 3, 1), ends_on=D(2027, 2, 28))
    with pytest.raises(ValidationError):
        _term_check(starts_on=D(2026, 3, 1), ends_on=D(2027, 2, 27))


def test_mediation_received_may_1st_has_its_deadline_on_may_16th():
    assert clocks.mediation_deadline(received_on=D(2026, 5, 1), mediation_days=15) == D(2026, 5, 16)


def test_an_open_case_is_flagged_on_may_17th_not_on_may_16th():
    from workplaces.rights.models import MediationCase

    case = MediationCase(received_on=D(2026, 5, 1), deadline=D(2026, 5, 16))
    assert mediation_overdue(case, today=D(2026, 5, 16)) is False
    assert mediation_overdue(case, today=D(2026, 5, 17)) is True


def test_a_closed_case_is_never_flagged():
    from workplaces.rights.models import MediationCase

    case = MediationCase(received_on=D(2026, 5, 1), deadline=D(2026, 5, 16), outcome="settled")
    assert mediation_overdue(case, today=D(2026, 6, 1)) is False


def test_month_moves_clamp_to_the_last_day_of_the_month():
    assert clocks.months_add(D(2026, 5, 31), -3) == D(2026, 2, 28)
    assert clocks.months_add(D(2024, 2, 29), 12) == D(2025, 2, 28)
