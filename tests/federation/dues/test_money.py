import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from federation.dues import selectors, services
from federation.dues.models import Adjustment, DuesNotice, Payment, PayrollDeclaration, Refund
from federation.platform.audit.models import AuditEvent
from federation.platform.errors import ConflictError


@pytest.mark.django_db
def test_payments_move_the_notice_from_issued_to_partial_to_paid(issued):
    services.payment_record(
        notice=issued, amount="500.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    issued.refresh_from_db()
    assert (issued.amount_paid, issued.status) == (Decimal("500.00"), "partial")
    services.payment_record(
        notice=issued, amount="1500.00", paid_on="2026-11-05", reference="B-2", actor="t"
    )
    issued.refresh_from_db()
    assert (issued.amount_paid, issued.balance, issued.status) == (
        Decimal("2000.00"),
        Decimal("0.00"),
        "paid",
    )
    events = AuditEvent.objects.filter(kind="dues.payment.recorded").order_by("pk")
    assert [
        (e.before["amount_paid"], e.after["amount_paid"], e.after["status"], e.after["payment"])
        for e in events
    ] == [
        (
            "0.00",
            "500.00",
            "partial",
            {"amount": "500.00", "paid_on": "2026-11-04", "reference": "B-1"},
        ),
        (
            "500.00",
            "2000.00",
            "paid",
            {"amount": "1500.00", "paid_on": "2026-11-05", "reference": "B-2"},
        ),
    ]


@pytest.mark.django_db
def test_the_same_bank_reference_twice_is_a_conflict_and_writes_nothing(issued):
    services.payment_record(
        notice=issued, amount="100.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    with pytest.raises(ConflictError):
        services.payment_record(
            notice=issued, amount="100.00", paid_on="2026-11-04", reference="B-1", actor="t"
        )
    issued.refresh_from_db()
    assert issued.amount_paid == Decimal("100.00")
    assert Payment.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("amount", {"amount": "0"}),
        ("amount", {"amount": "-5.00"}),
        ("amount", {"amount": "abc"}),
        ("amount", {"amount": "2000.01"}),
        ("amount", {"amount": "1.001"}),
        ("amount", {"amount": "NaN"}),
        ("paid_on", {"paid_on": "2026-13-01"}),
        ("paid_on", {"paid_on": "2026-12-01"}),
        ("reference", {"reference": ""}),
        ("reference", {"reference": "x" * 65}),
    ],
)
def test_bad_payments_are_refused_on_the_field_and_nothing_is_written(issued, field, kwargs):
    args = {"amount": "100.00", "paid_on": "2026-11-04", "reference": "B-9"}
    args.update(kwargs)
    with pytest.raises(ValidationError) as exc:
        services.payment_record(notice=issued, actor="t", **args)
    assert field in exc.value.message_dict
    issued.refresh_from_db()
    assert issued.amount_paid == Decimal("0.00")
    assert Payment.objects.count() == 0


@pytest.mark.django_db
def test_a_correction_before_payment_recomputes_the_notice(issued):
    decl = PayrollDeclaration.objects.get(pk=issued.declaration_id)
    services.declaration_correct(
        declaration=decl, payroll_total="90000.00", headcount=45, actor="t"
    )
    issued.refresh_from_db()
    assert (issued.payroll_total, issued.amount_due, issued.amount_issued) == (
        Decimal("90000.00"),
        Decimal("1800.00"),
        Decimal("1800.00"),
    )
    assert Adjustment.objects.count() == 0
    event = AuditEvent.objects.get(kind="dues.notice.recomputed")
    assert (
        event.before["payroll_total"],
        event.before["amount_due"],
        event.after["payroll_total"],
        event.after["amount_due"],
    ) == ("100000.00", "2000.00", "90000.00", "1800.00")


@pytest.mark.django_db
def test_a_correction_after_payment_is_an_adjustment_never_a_silent_change(issued):
    services.payment_record(
        notice=issued, amount="2000.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    decl = PayrollDeclaration.objects.get(pk=issued.declaration_id)
    services.declaration_correct(
        declaration=decl, payroll_total="110000.00", headcount=50, reason="missed bonus", actor="t"
    )
    issued.refresh_from_db()
    adj = Adjustment.objects.get(notice=issued)
    assert (adj.old_amount, adj.new_amount, adj.delta, adj.reason) == (
        Decimal("2000.00"),
        Decimal("2200.00"),
        Decimal("200.00"),
        "missed bonus",
    )
    assert (issued.amount_issued, issued.amount_due, issued.balance, issued.status) == (
        Decimal("2000.00"),
        Decimal("2200.00"),
        Decimal("200.00"),
        "partial",
    )
    event = AuditEvent.objects.get(kind="dues.notice.adjusted")
    assert (event.before["amount_due"], event.after["amount_due"], event.after["delta"]) == (
        "2000.00",
        "2200.00",
        "200.00",
    )


@pytest.mark.django_db
def test_a_correction_with_absurd_payroll_is_refused_and_nothing_changes(issued):
    decl = PayrollDeclaration.objects.get(pk=issued.declaration_id)
    with pytest.raises(ValidationError) as exc:
        services.declaration_correct(
            declaration=decl, payroll_total="999999999999.00", headcount=50, actor="t"
        )
    assert "payroll_total" in exc.value.message_dict
    issued.refresh_from_db()
    assert issued.amount_due == Decimal("2000.00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("period", {"period": "2026-13"}),
        ("period", {"period": "2027-01"}),
        ("payroll_total", {"payroll": "-1.00"}),
        ("payroll_total", {"payroll": "ten thousand"}),
        ("payroll_total", {"payroll": "100000000000.01"}),
        ("payroll_total", {"payroll": "90000000.00", "headcount": 1}),
        ("headcount", {"headcount": -3}),
        ("headcount", {"headcount": "many"}),
    ],
)
def test_bad_declarations_are_refused_on_the_field(frozen, declare, union_a, field, kwargs):
    with pytest.raises(ValidationError) as exc:
        declare(union_a, **kwargs)
    assert field in exc.value.message_dict
    assert PayrollDeclaration.objects.count() == 0


@pytest.mark.django_db
def test_a_second_declaration_for_the_period_is_a_conflict(frozen, declare, union_a):
    declare(union_a)
    with pytest.raises(ConflictError):
        declare(union_a, payroll="1.00")
    assert PayrollDeclaration.objects.get(union=union_a).payroll_total == Decimal("100000.00")


@pytest.mark.django_db
def test_a_small_micro_enterprise_is_refunded_by_a_record_and_the_notice_stays(issued, union_a):
    services.policy_set(
        actor="t",
        rate=Decimal("0.0200"),
        upper_share=Decimal("0.4000"),
        due_day=15,
        grace_days=10,
        reminder_every_days=7,
        effective_from=dt.date(2026, 1, 1),
        small_micro_refund_years=[2026],
    )
    services.union_settings_set(union=union_a, actor="t", collection_mode="full", small_micro=True)
    services.payment_record(
        notice=issued, amount="2000.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    refund = services.refund_record(
        notice=issued, refunded_on="2026-11-05", reference="R-1", actor="t"
    )
    assert refund.amount == Decimal("2000.00")
    assert DuesNotice.objects.filter(pk=issued.pk, status="paid").exists()
    assert selectors.remittance_for_period(period="2026-10")["received"] == Decimal("0.00")
    with pytest.raises(ConflictError):
        services.refund_record(notice=issued, refunded_on="2026-11-05", reference="R-2", actor="t")


@pytest.mark.django_db
def test_a_refund_outside_the_configured_years_is_refused(issued, union_a):
    services.union_settings_set(union=union_a, actor="t", collection_mode="full", small_micro=True)
    services.payment_record(
        notice=issued, amount="2000.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    with pytest.raises(ValidationError) as exc:
        services.refund_record(notice=issued, refunded_on="2026-11-05", reference="R-1", actor="t")
    assert "notice" in exc.value.message_dict
    assert Refund.objects.count() == 0


@pytest.mark.django_db
def test_full_collection_returns_the_workplace_share_and_passes_the_city_part_up(issued):
    services.payment_record(
        notice=issued, amount="2000.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    calc = selectors.remittance_for_period(period="2026-10")
    assert (
        calc["received"],
        calc["workplace_return"],
        calc["federation_share"],
        calc["city_upward"],
    ) == (Decimal("2000.00"), Decimal("1200.00"), Decimal("400.00"), Decimal("400.00"))


@pytest.mark.django_db
def test_split_collection_bills_the_upper_share_and_returns_nothing(frozen, declare, union_b):
    services.union_settings_set(union=union_b, actor="t", collection_mode="split")
    declare(union_b, payroll="100000.00")
    services.dues_cycle_run(period="2026-10")
    notice = DuesNotice.objects.get(union=union_b)
    assert (notice.amount_due, notice.collection_mode) == (Decimal("800.00"), "split")
    services.payment_record(
        notice=notice, amount="800.00", paid_on="2026-11-04", reference="B-7", actor="t"
    )
    calc = selectors.remittance_for_period(period="2026-10")
    assert (calc["workplace_return"], calc["federation_share"], calc["city_upward"]) == (
        Decimal("0.00"),
        Decimal("400.00"),
        Decimal("400.00"),
    )


@pytest.mark.django_db
def test_shares_come_from_payments_not_from_what_was_due(issued):
    services.payment_record(
        notice=issued, amount="1000.01", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    calc = selectors.remittance_for_period(period="2026-10")
    # 1000.01 × 0.6 = 600.006 → 600.01 back; upper 400.00; city half 200.00
    assert (calc["workplace_return"], calc["federation_share"], calc["city_upward"]) == (
        Decimal("600.01"),
        Decimal("200.00"),
        Decimal("200.00"),
    )


@pytest.mark.django_db
def test_transfers_are_recorded_up_to_what_is_left_and_once_per_reference(issued, union_a):
    services.payment_record(
        notice=issued, amount="2000.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    services.remittance_record(
        period="2026-10",
        kind="workplace_return",
        union=union_a,
        amount="1200.00",
        transferred_on="2026-11-05",
        reference="T-1",
        actor="t",
    )
    with pytest.raises(ValidationError) as exc:
        services.remittance_record(
            period="2026-10",
            kind="workplace_return",
            union=union_a,
            amount="0.01",
            transferred_on="2026-11-05",
            reference="T-2",
            actor="t",
        )
    assert "amount" in exc.value.message_dict
    services.remittance_record(
        period="2026-10",
        kind="city_upward",
        amount="400.00",
        transferred_on="2026-11-05",
        reference="T-3",
        actor="t",
    )
    with pytest.raises(ConflictError):
        services.remittance_record(
            period="2026-10",
            kind="city_upward",
            amount="1.00",
            transferred_on="2026-11-05",
            reference="T-1",
            actor="t",
        )
    calc = selectors.remittance_for_period(period="2026-10")
    assert (calc["returned_total"], calc["city_sent"], calc["city_remaining"]) == (
        Decimal("1200.00"),
        Decimal("400.00"),
        Decimal("0.00"),
    )
    events = AuditEvent.objects.filter(kind="dues.remittance.recorded").order_by("pk")
    assert [(e.after["kind"], e.after["amount"], e.after["reference"]) for e in events] == [
        ("workplace_return", "1200.00", "T-1"),
        ("city_upward", "400.00", "T-3"),
    ]


@pytest.mark.django_db
def test_the_period_summary_totals_the_unions(issued, declare, union_b):
    declare(union_b, payroll="50000.00")
    services.dues_cycle_run(period="2026-10")
    services.payment_record(
        notice=issued, amount="2000.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    s = selectors.dues_period_summary(period="2026-10")
    assert (
        s["unions"],
        s["amount_due"],
        s["amount_paid"],
        s["outstanding"],
        s["collection_rate"],
    ) == (2, Decimal("3000.00"), Decimal("2000.00"), Decimal("1000.00"), Decimal("0.6667"))
    assert s["upward_remittance"] == Decimal("400.00")
    assert dt.date(2026, 11, 5)  # clock frozen by the issued fixture


@pytest.mark.django_db
def test_a_payment_is_audited_with_its_kind_and_the_notice_before_and_after(issued):
    from federation.platform.audit.models import audit_kind_label

    services.payment_record(
        notice=issued,
        amount=Decimal("500.00"),
        paid_on=dt.date(2026, 11, 4),
        reference="B-1",
        actor="t",
    )
    event = AuditEvent.objects.get(kind="dues.payment.recorded")
    assert (event.before["amount_paid"], event.before["status"]) == ("0.00", "issued")
    assert (event.after["amount_paid"], event.after["status"]) == ("500.00", "partial")
    assert event.after["payment"] == {
        "amount": "500.00",
        "paid_on": "2026-11-04",
        "reference": "B-1",
    }
    assert audit_kind_label("dues.payment.recorded") != "dues.payment.recorded"


@pytest.mark.django_db
def test_the_cycle_and_overdue_marking_write_one_audit_event_per_notice(issued, frozen):
    frozen.move_to(dt.datetime(2026, 11, 26, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    services.notices_mark_overdue()
    issued_event = AuditEvent.objects.get(kind="dues.notice.issued")
    overdue_event = AuditEvent.objects.get(kind="dues.notice.overdue")
    assert issued_event.after["amount_due"] == "2000.00"
    assert (overdue_event.object_id, overdue_event.before, overdue_event.after) == (
        str(issued.pk),
        {"status": "issued"},
        {"status": "overdue", "overdue_since": "2026-11-26"},
    )
