"""Issue 11 for the union funds: each test failed before its fix."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from federation.dues import selectors, services, tasks
from federation.dues.models import DuesCredit, DuesNotice, PayrollDeclaration, Refund, Reminder
from federation.rules.models import RuleValue
from tenants import facts

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=8))
D = Decimal


def fed_client(username):
    client = Client(HTTP_HOST=settings.BASE_DOMAIN)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def union_client(username, union):
    client = Client(HTTP_HOST=f"{union.slug}.{settings.BASE_DOMAIN}")
    with schema_context(union.schema_name):
        client.force_login(get_user_model().objects.get(username=username))
    return client


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pay(notice, amount, ref):
    return services.payment_record(
        notice=notice, amount=D(amount), paid_on=dt.date(2026, 11, 4), reference=ref, actor="t"
    )


# item 1 (support): the declared headcount is a fact the membership share reads


def test_a_declaration_pushes_the_headcount_as_of_the_last_day_of_its_period(
    frozen, declare, union_a
):
    declare(union_a, period="2026-09", headcount=40)
    declare(union_a, period="2026-10", headcount=52)
    assert facts.fact_value(union=union_a, key="dues.headcount") == {
        "headcount": 52,
        "as_of": "2026-10-31",
    }


def test_a_correction_pushes_the_corrected_headcount(issued, union_a):
    decl = PayrollDeclaration.objects.get(pk=issued.declaration_id)
    services.declaration_correct(
        declaration=decl, payroll_total=D("100000.00"), headcount=61, actor="t"
    )
    assert facts.fact_value(union=union_a, key="dues.headcount")["headcount"] == 61


# item 2: a refund nets against what was already returned and passed up


def _refundable(union_a):
    services.policy_set(
        actor="t",
        rate=D("0.0200"),
        upper_share=D("0.4000"),
        due_day=15,
        grace_days=10,
        reminder_every_days=7,
        effective_from=dt.date(2026, 1, 1),
        small_micro_refund_years=[2026],
    )
    services.union_settings_set(union=union_a, actor="t", collection_mode="full", small_micro=True)


def test_a_refund_after_the_workplace_share_was_returned_pays_only_the_rest(issued, union_a):
    _refundable(union_a)
    _pay(issued, "2000.00", "B-1")
    services.remittance_record(
        period="2026-10",
        kind="workplace_return",
        union=union_a,
        amount=D("1200.00"),
        transferred_on=dt.date(2026, 11, 5),
        reference="RET-1",
        actor="t",
    )
    refund = services.refund_record(
        notice=issued, refunded_on=dt.date(2026, 11, 5), reference="RF-1", actor="t"
    )
    assert (refund.amount, refund.netted_returned, refund.netted_city) == (
        D("800.00"),
        D("1200.00"),
        D("0.00"),
    )
    calc = selectors.remittance_for_period(period="2026-10")
    # the union got 1200 back and 800 refunded: 2000, not 3200; no share goes negative
    assert (
        calc["received"],
        calc["workplace_return"],
        calc["federation_share"],
        calc["city_upward"],
        calc["rows"][0]["return_remaining"],
    ) == (D("1200.00"), D("1200.00"), D("0.00"), D("0.00"), D("0.00"))


def test_a_refund_after_the_city_share_was_passed_up_nets_that_too(issued, union_a):
    _refundable(union_a)
    _pay(issued, "2000.00", "B-1")
    for kind, amount, ref in (
        ("workplace_return", "1200.00", "R1"),
        ("city_upward", "400.00", "C1"),
    ):
        services.remittance_record(
            period="2026-10",
            kind=kind,
            union=union_a if kind == "workplace_return" else None,
            amount=D(amount),
            transferred_on=dt.date(2026, 11, 5),
            reference=ref,
            actor="t",
        )
    refund = services.refund_record(
        notice=issued, refunded_on=dt.date(2026, 11, 5), reference="RF-1", actor="t"
    )
    assert (refund.amount, refund.netted_city) == (D("400.00"), D("400.00"))
    calc = selectors.remittance_for_period(period="2026-10")
    assert (calc["federation_share"], calc["city_upward"], calc["city_remaining"]) == (
        D("0.00"),
        D("400.00"),
        D("0.00"),
    )


def test_a_refund_before_any_transfer_is_the_whole_payment(issued, union_a):
    _refundable(union_a)
    _pay(issued, "2000.00", "B-1")
    services.refund_record(
        notice=issued, refunded_on=dt.date(2026, 11, 5), reference="RF-1", actor="t"
    )
    assert Refund.objects.get().amount == D("2000.00")
    assert selectors.remittance_for_period(period="2026-10")["received"] == D("0.00")


# item 3: an overpayment after a downward correction is a credit for the next notice


def test_an_overpayment_after_a_downward_correction_becomes_a_credit(issued, union_a):
    _pay(issued, "2000.00", "B-1")
    decl = PayrollDeclaration.objects.get(pk=issued.declaration_id)
    services.declaration_correct(
        declaration=decl, payroll_total=D("90000.00"), headcount=50, actor="t"
    )
    issued.refresh_from_db()
    credit = DuesCredit.objects.get()
    assert (issued.amount_due, issued.amount_paid, issued.balance, issued.status) == (
        D("1800.00"),
        D("1800.00"),
        D("0.00"),
        "paid",
    )
    assert (credit.union_id, credit.amount, credit.applied_to_id) == (union_a.pk, D("200.00"), None)
    assert selectors.union_balance(union=union_a) == D("-200.00")


def test_the_credit_is_applied_to_the_next_notice(issued, frozen, declare, union_a):
    _pay(issued, "2000.00", "B-1")
    decl = PayrollDeclaration.objects.get(pk=issued.declaration_id)
    services.declaration_correct(
        declaration=decl, payroll_total=D("90000.00"), headcount=50, actor="t"
    )
    frozen.move_to(dt.datetime(2026, 12, 2, 9, tzinfo=TZ))
    declare(union_a, period="2026-11", payroll="50000.00")
    services.dues_cycle_run(period="2026-11")
    november = DuesNotice.objects.get(union=union_a, period="2026-11")
    assert (november.amount_due, november.amount_paid, november.balance) == (
        D("1000.00"),
        D("200.00"),
        D("800.00"),
    )
    assert DuesCredit.objects.get().applied_to_id == november.pk
    assert selectors.union_balance(union=union_a) == D("800.00")


def test_the_credit_shows_on_both_sides(issued, union_a):
    _pay(issued, "2000.00", "B-1")
    decl = PayrollDeclaration.objects.get(pk=issued.declaration_id)
    services.declaration_correct(
        declaration=decl, payroll_total=D("90000.00"), headcount=50, actor="t"
    )
    union_html = union_client("a_finance", union_a).get("/dues/").content.decode()
    connection.set_schema_to_public()
    fed_html = fed_client("federation_viewer").get("/dues/unions/union-a/").content.decode()
    for html in (union_html, fed_html):
        assert "多缴结转" in html
        assert "200.00" in html


# item 4: organizing targets are billed and reminded by the beat jobs


def test_the_beat_bills_and_reminds_organizing_targets(frozen):
    from tests.factories import credit_code

    target = services.target_create(
        name="某无工会企业", credit_code=credit_code(), contact_email="hr@x.example", actor="t"
    )
    services.declaration_submit(
        target=target, period="2026-10", payroll_total=D("50000.00"), headcount=10, actor="t"
    )
    assert tasks.targets_chase() == 0  # billed, not overdue yet
    notice = DuesNotice.objects.get(target=target)
    assert (notice.amount_due, notice.status) == (D("1000.00"), "issued")
    frozen.move_to(dt.datetime(2026, 11, 26, 9, tzinfo=TZ))
    services.notices_mark_overdue()
    assert tasks.targets_chase() == 1
    assert tasks.targets_chase() == 0  # never twice a day
    reminder = Reminder.objects.get(target=target)
    assert (reminder.outstanding, reminder.email) == (D("1000.00"), "hr@x.example")


# item 8: the statute articles, cited from one place


def test_notices_and_reminders_cite_articles_42_and_43(issued, frozen, union_a):
    from federation.dues import documents

    text = pdf_text(documents.notice_pdf(notice=issued))
    assert "第42条" in text
    assert "第43条" not in text
    assert "第44条" not in text
    frozen.move_to(dt.datetime(2026, 11, 26, 9, tzinfo=TZ))
    services.notices_mark_overdue()
    reminder = services.reminder_send(union=union_a)
    assert "第43条" in reminder.body
    assert "第44条" not in reminder.body
    arrears = pdf_text(documents.arrears_pdf(union=union_a))
    assert "第43条" in arrears
    assert "第44条" not in arrears


# items 13 and 14: the notice PDF names the rate right and says where to pay


def test_the_notice_pdf_prints_the_collecting_account_issuer_date_and_seal(issued):
    from federation.dues import documents, rule_table

    for key, value in (
        (rule_table.ACCOUNT_NAME, "某镇总工会"),
        (rule_table.ACCOUNT_BANK, "中国工商银行某支行"),
        (rule_table.ACCOUNT_NUMBER, "1202 0000 1234 5678"),
        (rule_table.ISSUER, "某镇总工会联合会"),
    ):
        RuleValue.objects.filter(key=key).update(value=value)
    text = pdf_text(documents.notice_pdf(notice=issued))
    for expected in ("某镇总工会", "中国工商银行某支行", "1202 0000 1234 5678", "某镇总工会联合会"):
        assert expected in text
    assert "2026-11-05" in text  # the date
    assert "盖章" in text
    assert "收缴率" not in text
    assert "计缴比例" in text


# item 18: the union sees the expected amount and date of the notice for what it declared


def test_the_union_page_shows_the_expected_amount_and_notice_date(frozen, declare, union_a):
    declare(union_a, period="2026-11", payroll="123456.78")
    html = union_client("a_finance", union_a).get("/dues/").content.decode()
    connection.set_schema_to_public()
    # 123,456.78 × 2% = 2,469.14; the notice comes after November ends, due 12-15
    assert "2,469.14" in html
    assert "2026-12-01" in html
    assert "2026-12-15" in html


# item 19: month pickers


@pytest.mark.parametrize("path", ["/dues/", "/dues/remittance/", "/dues/targets/"])
def test_federation_period_fields_are_month_pickers(issued, path):
    html = fed_client("federation_clerk").get(path).content.decode()
    assert 'type="month" name="period"' in html


def test_the_union_declaration_period_is_a_month_picker(frozen, union_a):
    html = union_client("a_finance", union_a).get("/dues/").content.decode()
    connection.set_schema_to_public()
    assert 'type="month" name="period" value="2026-10"' in html


# item 12 (dues pages): messages name the field in Chinese


def test_a_refused_payment_names_the_field_in_chinese(issued):
    response = fed_client("federation_clerk").post(
        f"/dues/notices/{issued.pk}/",
        {"action": "payment", "amount": "2500.00", "paid_on": "2026-11-04", "reference": "B-1"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<b>金额</b>" in html
    assert "amount:" not in html
    assert "<b>amount</b>" not in html
    assert "2,000.00" in html  # the balance, with thousands separators


def test_a_refused_declaration_names_the_period_in_chinese(frozen, union_a):
    response = union_client("a_finance", union_a).post(
        "/dues/", {"period": "2026-13", "payroll_total": "5000.00", "headcount": "3"}
    )
    connection.set_schema_to_public()
    html = response.content.decode()
    assert response.status_code == 400
    assert "<b>所属期</b>" in html
    assert "period:" not in html
    assert "<b>period</b>" not in html


def test_the_credit_is_in_the_history_of_both_notices_and_the_arrears_statement(
    issued, frozen, declare, union_a
):
    from federation.dues import documents

    _pay(issued, "2000.00", "B-1")
    decl = PayrollDeclaration.objects.get(pk=issued.declaration_id)
    services.declaration_correct(
        declaration=decl, payroll_total=D("90000.00"), headcount=50, actor="t"
    )
    assert [e["kind"] for e in selectors.notice_history(notice=issued)][-1] == "credit_out"
    frozen.move_to(dt.datetime(2026, 12, 2, 9, tzinfo=TZ))
    declare(union_a, period="2026-11", payroll="50000.00")
    services.dues_cycle_run(period="2026-11")
    november = DuesNotice.objects.get(union=union_a, period="2026-11")
    assert "credit_in" in [e["kind"] for e in selectors.notice_history(notice=november)]
    assert "credit_out" in [e["kind"] for e in selectors.notice_history(notice=issued)]
    text = pdf_text(documents.arrears_pdf(union=union_a))
    assert "多缴结转抵扣" in text
    html = fed_client("federation_viewer").get(f"/dues/notices/{november.pk}/").content.decode()
    assert "多缴结转抵扣" in html


def test_the_union_api_gives_the_expected_amount_and_dates_until_the_notice_exists(
    client_for, frozen, union_a
):
    api = client_for("a_finance", union_a)
    made = api.post(
        "/api/v1/dues/declarations/",
        {"period": "2026-11", "payroll_total": "123456.78", "headcount": 40},
        format="json",
    )
    assert made.status_code == 201
    assert made.json()["expected"] == {
        "amount": "2469.14",
        "notice_on": "2026-12-01",
        "due_date": "2026-12-15",
    }
