import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from federation.dues import documents, selectors, services, statements
from federation.dues.models import DuesNotice, LineStatus, Payment

pytestmark = pytest.mark.django_db


def test_the_arrears_statement_is_a_pdf_listing_the_whole_debt(issued, frozen, union_a):
    import datetime as dt

    services.payment_record(
        notice=issued, amount="500.00", paid_on="2026-11-05", reference="B-1", actor="t"
    )
    frozen.move_to(dt.datetime(2026, 11, 26, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    services.notices_mark_overdue()
    services.reminder_send(union=union_a)
    record = selectors.arrears_record(union=union_a)
    assert record["outstanding"] == Decimal("1500.00")
    kinds = [
        e["kind"] for e in selectors.notice_history(notice=DuesNotice.objects.get(pk=issued.pk))
    ]
    assert kinds == ["notice", "payment", "reminder"]
    pdf = documents.arrears_pdf(union=union_a)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert union_a.name in text
    assert f"DN-{issued.pk}" in text
    assert "B-1" in text  # the payment's bank reference
    assert "1,500.00" in text  # the outstanding balance


def test_the_board_exports_as_xlsx(issued):
    data = documents.board_xlsx(period="2026-10", notices=selectors.notice_list(period="2026-10"))
    ws = load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 2
    assert (rows[1][1], rows[1][2], float(rows[1][6]), float(rows[1][8])) == (
        "union-a",
        "2026-10",
        2000.0,
        2000.0,
    )


def _csv(text: str, name="statement.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def test_a_statement_is_matched_by_notice_number_credit_code_and_name(issued, declare, union_b):
    declare(union_b, payroll="20000.00", headcount=5)
    services.dues_cycle_run(period="2026-10")
    b_notice = DuesNotice.objects.get(union=union_b)
    text = (
        "日期,金额,流水号,付款人,信用代码,摘要\n"
        f"2026-11-03,1000.00,ICBC-1,某公司,,工会经费 DN-{issued.pk}\n"
        f"2026-11-03,200.00,ICBC-2,,{union_b.credit_code},工会经费\n"
        f"2026-11-04,50.00,ICBC-3,{union_b.name},,\n"
        "2026-11-04,10.00,ICBC-4,不认识的公司,,\n"
        "2026-11-04,10.00,ICBC-4,重复,,\n"
        "2026-11-04,abc,ICBC-5,,,\n"
    )
    statement = statements.statement_import(upload=_csv(text), actor="t")
    lines = {ln.row: (ln.status, ln.notice_id) for ln in statement.lines.all()}
    assert lines == {
        2: (LineStatus.MATCHED, issued.pk),
        3: (LineStatus.MATCHED, b_notice.pk),
        4: (LineStatus.MATCHED, b_notice.pk),
        5: (LineStatus.UNMATCHED, None),
        6: (LineStatus.DUPLICATE, None),
        7: (LineStatus.INVALID, None),
    }
    assert Payment.objects.count() == 0
    statements.statement_apply(statement=statement, actor="t")
    assert sorted(Payment.objects.values_list("reference", "amount")) == [
        ("ICBC-1", Decimal("1000.00")),
        ("ICBC-2", Decimal("200.00")),
        ("ICBC-3", Decimal("50.00")),
    ]
    assert DuesNotice.objects.get(pk=b_notice.pk).amount_paid == Decimal("250.00")
    again = statements.statement_import(upload=_csv(text), actor="t")
    assert again.lines.filter(status=LineStatus.DUPLICATE).count() == 4


def test_an_xlsx_statement_is_read(issued):
    wb = Workbook()
    wb.active.append(["交易日期", "贷方金额", "交易流水号", "对方户名", "附言"])
    wb.active.append(["2026-11-03", 2000, "CCB-77", "x", f"DN-{issued.pk}"])
    buf = io.BytesIO()
    wb.save(buf)
    upload = SimpleUploadedFile("s.xlsx", buf.getvalue())
    statement = statements.statement_import(upload=upload, actor="t")
    line = statement.lines.get()
    assert (line.status, line.amount, line.notice_id) == (
        LineStatus.MATCHED,
        Decimal("2000.00"),
        issued.pk,
    )


@pytest.mark.parametrize(
    ("name", "body"), [("s.txt", b"x"), ("s.csv", "金额\n1\n".encode()), ("s.xlsx", b"nope")]
)
def test_unreadable_statements_are_refused_on_the_file_field(name, body):
    with pytest.raises(ValidationError) as exc:
        statements.statement_import(upload=SimpleUploadedFile(name, body), actor="t")
    assert "file" in exc.value.message_dict


def test_the_statement_api(client_for, issued):
    api = client_for("federation_clerk")
    text = f"日期,金额,流水号,摘要\n2026-11-03,2000.00,ICBC-9,DN-{issued.pk}\n"
    made = api.post("/api/v1/dues/statements/", {"file": _csv(text)}, format="multipart")
    assert made.status_code == 201
    assert made.json()["lines"][0]["status"] == "matched"
    applied = api.post(f"/api/v1/dues/statements/{made.json()['id']}/apply/")
    assert applied.json()["lines"][0]["status"] == "recorded"
    assert DuesNotice.objects.get(pk=issued.pk).status == "paid"
    assert (
        client_for("federation_clerk")
        .post("/api/v1/dues/statements/", {}, format="multipart")
        .status_code
        == 400
    )
