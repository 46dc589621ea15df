import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from federation.dues import selectors, services
from federation.dues.models import CollectionMode, DuesPolicy
from federation.dues.periods import period_parse


def test_amount_is_payroll_times_rate_rounded_half_up_to_the_cent():
    # 12.25 × 0.02 = 0.245: half-up gives 0.25 (banker's rounding would give 0.24)
    amount = services.notice_amount(
        payroll_total=Decimal("12.25"),
        rate=Decimal("0.0200"),
        mode=CollectionMode.FULL,
        upper_share=Decimal("0.4000"),
    )
    assert amount == Decimal("0.25")


def test_amount_of_a_large_payroll_is_exact():
    amount = services.notice_amount(
        payroll_total=Decimal("12345678.91"),
        rate=Decimal("0.0200"),
        mode=CollectionMode.FULL,
        upper_share=Decimal("0.4000"),
    )
    assert amount == Decimal("246913.58")


def test_split_collection_bills_only_the_upper_share_rounded_once():
    # 1000.05 × 0.02 × 0.4 = 8.0004 → 8.00
    amount = services.notice_amount(
        payroll_total=Decimal("1000.05"),
        rate=Decimal("0.0200"),
        mode=CollectionMode.SPLIT,
        upper_share=Decimal("0.4000"),
    )
    assert amount == Decimal("8.00")


def test_monthly_due_date_is_the_due_day_of_the_next_month():
    assert period_parse("2026-10").due_date(15) == dt.date(2026, 11, 15)
    assert period_parse("2026-12").due_date(15) == dt.date(2027, 1, 15)


def test_quarterly_due_date_is_in_the_month_after_the_quarter():
    assert period_parse("2026-Q4").due_date(15) == dt.date(2027, 1, 15)
    assert period_parse("2026-q1").code == "2026-Q1"


@pytest.mark.parametrize(
    "bad", ["2026-13", "2026-00", "26-10", "2026-Q5", "", "2026/10", "abcd-ef"]
)
def test_bad_periods_are_refused_on_the_period_field(bad):
    with pytest.raises(ValidationError) as exc:
        period_parse(bad)
    assert list(exc.value.message_dict) == ["period"]


@pytest.mark.django_db
def test_with_no_row_the_shipped_defaults_apply():
    policy = selectors.policy_in_force(on=dt.date(2026, 10, 1))
    assert (
        policy.rate,
        policy.period_kind,
        policy.due_day,
        policy.grace_days,
        policy.reminder_every_days,
    ) == (Decimal("0.0200"), "monthly", 15, 10, 7)
    assert (policy.workplace_share, policy.upper_share) == (Decimal("0.6000"), Decimal("0.4000"))


@pytest.mark.django_db
def test_a_period_uses_the_row_in_force_on_its_first_day():
    services.policy_set(
        actor="t",
        rate=Decimal("0.0200"),
        upper_share=Decimal("0.4000"),
        due_day=15,
        grace_days=10,
        reminder_every_days=7,
        effective_from=dt.date(2025, 1, 1),
    )
    services.policy_set(
        actor="t",
        rate=Decimal("0.0150"),
        upper_share=Decimal("0.5000"),
        due_day=20,
        grace_days=5,
        reminder_every_days=3,
        effective_from=dt.date(2026, 7, 1),
    )
    june = selectors.policy_for_period(period=period_parse("2026-06"))
    july = selectors.policy_for_period(period=period_parse("2026-07"))
    assert (june.rate, june.due_day) == (Decimal("0.0200"), 15)
    assert (july.rate, july.due_day, july.workplace_share) == (
        Decimal("0.0150"),
        20,
        Decimal("0.5000"),
    )
    first = DuesPolicy.objects.get(effective_from=dt.date(2025, 1, 1))
    assert first.effective_to == dt.date(2026, 6, 30)


@pytest.mark.django_db
def test_a_row_inserted_between_two_rows_ends_before_the_later_one():
    for start, rate in (
        ("2025-01-01", "0.0200"),
        ("2027-01-01", "0.0180"),
        ("2026-01-01", "0.0190"),
    ):
        services.policy_set(
            actor="t",
            rate=Decimal(rate),
            upper_share=Decimal("0.4000"),
            due_day=15,
            grace_days=10,
            reminder_every_days=7,
            effective_from=dt.date.fromisoformat(start),
        )
    rows = {
        str(r.effective_from): (str(r.effective_to), str(r.rate)) for r in DuesPolicy.objects.all()
    }
    assert rows == {
        "2025-01-01": ("2025-12-31", "0.0200"),
        "2026-01-01": ("2026-12-31", "0.0190"),
        "2027-01-01": ("None", "0.0180"),
    }


@pytest.mark.django_db
def test_policy_changes_are_audited():
    from federation.platform.audit.models import AuditEvent

    services.policy_set(
        actor="t",
        rate=Decimal("0.0200"),
        upper_share=Decimal("0.4000"),
        due_day=15,
        grace_days=10,
        reminder_every_days=7,
        effective_from=dt.date(2025, 1, 1),
    )
    event = AuditEvent.objects.get(kind="dues.policy.set")
    assert event.after["rate"] == "0.0200"
    assert event.before is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("rate", {"rate": "abc"}),
        ("rate", {"rate": "0.5"}),
        ("rate", {"rate": "1e30"}),
        ("rate", {"rate": "NaN"}),
        ("upward_share", {"upward_share": "1.5"}),
        ("due_day", {"due_day": 31}),
        ("grace_days", {"grace_days": -1}),
        ("reminder_every_days", {"reminder_every_days": 0}),
    ],
)
def test_bad_rule_rows_are_refused_and_nothing_written(client_for, field, body):
    data = {
        "rate": "0.0200",
        "upward_share": "0.4000",
        "due_day": 15,
        "grace_days": 10,
        "reminder_every_days": 7,
        **body,
    }
    response = client_for("federation_admin").put("/api/v1/dues/policy/", data, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert DuesPolicy.objects.count() == 0
