"""The workplace share returned by the federation (回拨) arrives as income exactly once
per payment, whatever number of times the sync runs; only this union's payments."""

import datetime as dt
from decimal import Decimal

import pytest

from federation.dues.models import DuesNotice, Payment
from workplaces.finance.models import Entry
from workplaces.finance.returns import funds_return_sync

pytestmark = pytest.mark.django_db


def _notice(union, *, amount="2000.00", mode="full", period="2026-09"):
    return DuesNotice.objects.create(
        union=union,
        period=period,
        period_start=dt.date(2026, 9, 1),
        collection_mode=mode,
        payroll_total=Decimal(amount) * 50,
        rate=Decimal("0.0200"),
        workplace_share=Decimal("0.6000"),
        upper_share=Decimal("0.4000"),
        city_share=Decimal("0.5000"),
        amount_issued=Decimal(amount),
        amount_due=Decimal(amount),
        due_date=dt.date(2026, 10, 15),
        grace_until=dt.date(2026, 10, 25),
    )


def _pay(notice, amount, ref, on=dt.date(2026, 10, 10)):
    return Payment.objects.create(notice=notice, amount=Decimal(amount), paid_on=on, reference=ref)


def test_sixty_percent_of_each_payment_arrives_once_per_payment(
    union_a, union_b, in_union, client_for
):
    notice = _notice(union_a)
    _pay(notice, "1500.00", "BANK-1")
    _pay(notice, "500.01", "BANK-2")
    _pay(_notice(union_b), "2000.00", "BANK-B")
    with in_union(union_a):
        assert funds_return_sync(actor=None) == 2
        assert funds_return_sync(actor=None) == 0
        rows = sorted(Entry.objects.filter(source="funds_return").values_list("amount", flat=True))
    assert rows == [Decimal("300.01"), Decimal("900.00")]
    report = client_for("a_finance", union_a).get("/api/v1/finance/report/?year=2026").json()
    assert report["income"]["funds_return"] == "1200.01"


def test_a_payment_recorded_later_is_added_by_the_next_run(union_a, in_union):
    notice = _notice(union_a)
    _pay(notice, "1000.00", "BANK-1")
    with in_union(union_a):
        funds_return_sync(actor=None)
    _pay(notice, "1000.00", "BANK-2")
    with in_union(union_a):
        assert funds_return_sync(actor=None) == 1
        assert Entry.objects.filter(source="funds_return").count() == 2


def test_the_same_payment_cannot_be_booked_twice_by_constraint(union_a, in_union):
    from django.db import IntegrityError, transaction

    payment = _pay(_notice(union_a), "1000.00", "BANK-1")
    with in_union(union_a):
        funds_return_sync(actor=None)
        with pytest.raises(IntegrityError), transaction.atomic():
            Entry.objects.create(
                kind="income",
                category="funds_return",
                amount=1,
                on=dt.date(2026, 10, 1),
                summary="dup",
                status="approved",
                dues_payment_id=payment.pk,
            )


def test_split_collection_returns_nothing_through_the_federation(union_a, in_union):
    _pay(_notice(union_a, mode="split"), "800.00", "BANK-S")
    with in_union(union_a):
        assert funds_return_sync(actor=None) == 0


def test_the_button_and_the_task_run_the_same_sync(client_for, union_a, in_union):
    from workplaces.finance.tasks import returns_union

    notice = _notice(union_a)
    _pay(notice, "1000.00", "BANK-1")
    response = client_for("a_finance", union_a).post("/api/v1/finance/returns/sync/")
    assert response.json() == {"created": 1}
    _pay(notice, "1000.00", "BANK-2")
    assert returns_union(union_a.schema_name) == 1
    with in_union(union_a):
        assert Entry.objects.filter(source="funds_return").count() == 2


def test_a_plain_member_cannot_run_the_sync(client_for, union_a):
    assert client_for("a_member", union_a).post("/api/v1/finance/returns/sync/").status_code == 403
