"""The pure calculators of the union funds (``federation.dues.rules``): no database."""

import datetime as dt
from decimal import Decimal

import pytest

from federation.dues import rules

D = Decimal
GRACE = dt.date(2026, 11, 25)


def test_an_amount_is_rounded_half_up_to_the_cent():
    assert rules.notice_amount(
        payroll_total=D("12.25"), rate=D("0.0200"), mode=rules.FULL, upper_share=D("0.4000")
    ) == D("0.25")


def test_split_collection_bills_the_upper_share_rounded_once():
    assert rules.notice_amount(
        payroll_total=D("1000.05"), rate=D("0.0200"), mode=rules.SPLIT, upper_share=D("0.4000")
    ) == D("8.00")


def test_the_preparatory_fund_is_billed_in_full():
    assert rules.notice_amount(
        payroll_total=D("50000.00"),
        rate=D("0.0200"),
        mode=rules.PREPARATORY,
        upper_share=D("0.4000"),
    ) == D("1000.00")


@pytest.mark.parametrize(
    ("status", "paid", "today", "expected"),
    [
        ("issued", "0.00", GRACE, "issued"),  # the last grace day: not yet overdue
        ("issued", "0.00", GRACE + dt.timedelta(days=1), "overdue"),
        ("issued", "10.00", GRACE, "partial"),
        ("overdue", "10.00", GRACE + dt.timedelta(days=1), "overdue"),
        ("overdue", "100.00", GRACE + dt.timedelta(days=9), "paid"),
        ("waived", "0.00", GRACE + dt.timedelta(days=9), "waived"),
    ],
)
def test_the_status_follows_money_and_clock(status, paid, today, expected):
    assert (
        rules.notice_status_for(
            status=status,
            amount_due=D("100.00"),
            amount_paid=D(paid),
            grace_until=GRACE,
            today=today,
        )
        == expected
    )


def test_a_notice_issued_after_its_grace_days_is_overdue_at_once_and_nothing_due_is_paid():
    assert rules.initial_status(amount=D("1.00"), grace_until=GRACE, today=GRACE) == "issued"
    late = GRACE + dt.timedelta(days=1)
    assert rules.initial_status(amount=D("1.00"), grace_until=GRACE, today=late) == "overdue"
    assert rules.initial_status(amount=D("0.00"), grace_until=GRACE, today=late) == "paid"


def test_full_collection_returns_60_percent_and_the_city_takes_half_of_the_rest():
    shares = rules.share_split(
        mode=rules.FULL, received=D("2000.00"), workplace_share=D("0.6"), city_share=D("0.5")
    )
    assert (shares.workplace, shares.federation, shares.city) == (
        D("1200.00"),
        D("400.00"),
        D("400.00"),
    )


def test_the_three_shares_always_add_up_to_what_was_received():
    received = D("1000.01")
    shares = rules.share_split(
        mode=rules.FULL, received=received, workplace_share=D("0.6"), city_share=D("0.5")
    )
    assert shares.workplace + shares.federation + shares.city == received
    assert shares.workplace == D("600.01")


def test_split_collection_returns_nothing():
    shares = rules.share_split(
        mode=rules.SPLIT, received=D("800.00"), workplace_share=D("0.6"), city_share=D("0.5")
    )
    assert (shares.workplace, shares.federation, shares.city) == (
        D("0.00"),
        D("400.00"),
        D("400.00"),
    )


@pytest.mark.parametrize(
    ("reference", "ok"),
    [("ICBC-0001", True), ("a" * 64, True), ("a" * 65, False), ("", False), ("-x", False)],
)
def test_bank_references(reference, ok):
    assert rules.reference_ok(reference) is ok
