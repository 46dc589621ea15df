"""Importing member dues payments from a file: every row checked first (errors by row and
column), nothing written when a row fails unless the valid rows only are asked for, a
payment recorded once however often the file comes back, the income booked once per
date, the size bounded by the rule table, the import audited."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from federation.platform.audit.models import AuditEvent
from workplaces.finance.models import DuesCollection, DuesImportLine, Entry, MemberDues

pytestmark = pytest.mark.django_db

URL = "/api/v1/finance/member-dues/import/"
HEADER = ["会员编号", "姓名", "月份", "金额", "缴费日期"]


def xlsx(rows, header=HEADER) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "dues.xlsx"
    return out


def upload(api, rows, query="", header=HEADER):
    return api.post(URL + query, {"file": xlsx(rows, header)}, format="multipart")


@pytest.fixture
def finance(client_for, union_a):
    return client_for("a_finance", union_a)


@pytest.fixture
def two(union_a, member_in):
    return (
        member_in(union_a, name="张三", monthly_wage=Decimal("5009.99")),
        member_in(union_a, name="李四", monthly_wage=Decimal("3000.00")),
    )


def _state(union, in_union):
    with in_union(union):
        return (
            sorted((r.member_id, r.month, r.paid) for r in MemberDues.objects.all()),
            Entry.objects.count(),
            DuesImportLine.objects.count(),
            DuesCollection.objects.count(),
        )


def test_an_xlsx_file_records_each_payment_and_books_the_income_once_per_date(
    finance, two, union_a, in_union
):
    zhang, li = two
    response = upload(
        finance,
        [
            (zhang.member_no, "张三", "2026-05", "25.00", dt.datetime(2026, 6, 10)),
            (li.member_no, "", "2026-05", 15, "2026-06-10"),
            (zhang.member_no, "张三", "2026/6", "25", "2026-07-10"),
        ],
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["recorded"], body["already_recorded"], body["amount"]) == (
        3,
        3,
        0,
        "65.00",
    )
    assert body["errors"] == []
    with in_union(union_a):
        paid = {(r.member_id, r.month): (r.due, r.paid) for r in MemberDues.objects.all()}
        assert paid == {
            (zhang.pk, dt.date(2026, 5, 1)): (Decimal("25.00"), Decimal("25.00")),
            (li.pk, dt.date(2026, 5, 1)): (Decimal("15.00"), Decimal("15.00")),
            (zhang.pk, dt.date(2026, 6, 1)): (Decimal("25.00"), Decimal("25.00")),
        }
        income = sorted((e.on, e.amount, e.status) for e in Entry.objects.filter(category="dues"))
        assert income == [
            (dt.date(2026, 6, 10), Decimal("40.00"), "approved"),
            (dt.date(2026, 7, 10), Decimal("25.00"), "approved"),
        ]
        assert sorted(body["collections"]) == sorted(
            DuesCollection.objects.values_list("reference", flat=True)
        )


def test_importing_the_same_file_again_records_nothing_new(finance, two, union_a, in_union):
    zhang, li = two
    rows = [
        (zhang.member_no, "", "2026-05", "25.00", "2026-06-10"),
        (li.member_no, "", "2026-05", "15.00", "2026-06-10"),
    ]
    assert upload(finance, rows).status_code == 200
    before = _state(union_a, in_union)
    again = upload(finance, rows)
    assert again.status_code == 200
    assert (again.json()["recorded"], again.json()["already_recorded"]) == (0, 2)
    assert again.json()["errors"] == []
    assert _state(union_a, in_union) == before


def test_a_longer_file_records_only_its_new_payments(finance, two, union_a, in_union):
    zhang, li = two
    first = [(zhang.member_no, "", "2026-05", "25.00", "2026-06-10")]
    upload(finance, first)
    longer = upload(finance, [*first, (li.member_no, "", "2026-05", "15.00", "2026-06-10")])
    assert (longer.json()["recorded"], longer.json()["already_recorded"]) == (1, 1)
    with in_union(union_a):
        assert sorted(Entry.objects.values_list("amount", flat=True)) == [
            Decimal("15.00"),
            Decimal("25.00"),
        ]


def test_a_row_with_errors_writes_nothing_and_names_each_row_and_column(
    finance, two, union_a, in_union
):
    zhang, li = two
    before = _state(union_a, in_union)
    response = upload(
        finance,
        [
            (zhang.member_no, "张三", "2026-05", "25.00", "2026-06-10"),
            ("NO-SUCH", "", "2026-05", "25.00", "2026-06-10"),
            (li.member_no, "", "2026-13", "abc", "2026-06-10"),
        ],
    )
    assert response.status_code == 400
    errors = [(e["row"], e["column"], e["code"]) for e in response.json()["errors"]]
    assert errors == [(3, "会员编号", "unknown"), (4, "金额", "invalid"), (4, "月份", "invalid")]
    assert response.json()["recorded"] == 0
    assert _state(union_a, in_union) == before


def test_valid_only_records_the_valid_rows_and_lists_the_errors(finance, two, union_a, in_union):
    zhang, _li = two
    response = upload(
        finance,
        [
            (zhang.member_no, "", "2026-05", "25.00", "2026-06-10"),
            ("NO-SUCH", "", "2026-05", "25.00", "2026-06-10"),
        ],
        query="?valid_only=1",
    )
    assert response.status_code == 200
    assert response.json()["recorded"] == 1
    assert [e["row"] for e in response.json()["errors"]] == [3]
    with in_union(union_a):
        assert list(MemberDues.objects.values_list("member_id", "paid")) == [
            (zhang.pk, Decimal("25.00"))
        ]


def test_a_dry_run_checks_and_records_nothing(finance, two, union_a, in_union):
    zhang, _li = two
    before = _state(union_a, in_union)
    response = upload(
        finance, [(zhang.member_no, "", "2026-05", "25.00", "2026-06-10")], query="?dry_run=1"
    )
    assert response.status_code == 200
    assert (response.json()["recorded"], response.json()["written"]) == (1, False)
    assert _state(union_a, in_union) == before


def test_a_retained_member_owes_nothing_so_a_payment_is_refused(
    finance, union_a, member_in, in_union
):
    retired = member_in(union_a, status="retained", monthly_wage=Decimal("4000.00"))
    response = upload(finance, [(retired.member_no, "", "2026-05", "20.00", "2026-06-10")])
    assert response.status_code == 400
    assert [(e["column"], e["code"]) for e in response.json()["errors"]] == [("金额", "over_due")]
    assert response.json()["errors"][0]["message"] == "A retained member owes no dues."
    with in_union(union_a):
        assert MemberDues.objects.count() == 0


def test_payments_over_the_months_due_are_refused_across_rows(finance, two, union_a, in_union):
    zhang, _li = two  # 25.00 due a month
    response = upload(
        finance,
        [
            (zhang.member_no, "", "2026-05", "20.00", "2026-06-10"),
            (zhang.member_no, "", "2026-05", "10.00", "2026-06-11"),
        ],
    )
    assert response.status_code == 400
    assert [(e["row"], e["code"]) for e in response.json()["errors"]] == [(3, "over_due")]
    assert "(5.00)" in response.json()["errors"][0]["message"]


def test_the_same_payment_twice_in_a_file_is_an_error_of_the_later_row(finance, two):
    zhang, _li = two
    row = (zhang.member_no, "", "2026-05", "10.00", "2026-06-10")
    response = upload(finance, [row, row])
    assert response.status_code == 400
    assert [(e["row"], e["code"]) for e in response.json()["errors"]] == [(3, "duplicate")]


def test_members_are_found_by_id_number_and_a_wrong_name_is_an_error(
    finance, two, union_a, in_union
):
    zhang, li = two
    header = ["身份证号", "姓名", "所属月份", "缴费金额", "缴纳日期"]
    response = upload(
        finance,
        [
            (zhang.id_number.lower(), "张三", "202605", "25.00", "20260610"),
            (li.id_number, "王五", "2026年5月", "15.00", "2026年6月10日"),
        ],
        header=header,
        query="?valid_only=1",
    )
    assert response.status_code == 200
    assert [(e["row"], e["column"], e["code"]) for e in response.json()["errors"]] == [
        (3, "姓名", "mismatch")
    ]
    with in_union(union_a):
        assert list(MemberDues.objects.values_list("member_id", flat=True)) == [zhang.pk]


def test_another_unions_member_is_unknown_here(finance, union_b, member_in, union_a, in_union):
    stranger = member_in(union_b)
    response = upload(finance, [(stranger.member_no, "", "2026-05", "25.00", "2026-06-10")])
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "unknown"
    with in_union(union_b):
        assert MemberDues.objects.count() == 0


def test_a_future_date_and_a_month_before_joining_are_errors(finance, union_a, member_in):
    m = member_in(union_a, joined_on=dt.date(2026, 3, 15))
    response = upload(
        finance,
        [
            (m.member_no, "", "2026-02", "25.00", "2026-06-10"),
            (m.member_no, "", "2026-05", "25.00", "2099-01-01"),
        ],
    )
    assert [(e["row"], e["code"]) for e in response.json()["errors"]] == [
        (2, "before_joining"),
        (3, "future"),
    ]


def test_a_gb18030_csv_file_is_read(finance, two, union_a, in_union):
    zhang, _li = two
    text = "会员编号,月份,金额,缴费日期\r\n" + f"{zhang.member_no},2026-05,25.00,2026-06-10\r\n"
    file = io.BytesIO(text.encode("gb18030"))
    file.name = "dues.csv"
    response = finance.post(URL, {"file": file}, format="multipart")
    assert response.status_code == 200
    assert response.json()["recorded"] == 1


def test_missing_columns_are_a_400_on_file(finance, two, union_a, in_union):
    response = upload(finance, [("x", "2026-05")], header=["姓名", "月份"])
    assert response.status_code == 400
    assert response.json()["file"][0].startswith("Missing columns: 会员编号 / 身份证号")


def test_a_file_over_the_rule_tables_size_is_refused_before_reading(finance, union_a, in_union):
    from federation.rules.models import RuleValue

    RuleValue.objects.create(
        key="finance.dues_import_max_kb", value="1", effective_from=dt.date(2020, 1, 1)
    )
    file = io.BytesIO(b"a" * 2048)
    file.name = "big.csv"
    response = finance.post(URL, {"file": file}, format="multipart")
    assert response.status_code == 400
    assert response.json()["file"] == ["The file is larger than 1 KB."]


def test_a_payment_recorded_meanwhile_is_refused_by_the_constraint(
    finance, two, union_a, in_union, monkeypatch
):
    """Two imports racing past the check: the database's unique payment decides."""
    from workplaces.finance.dues_import import checks

    zhang, _li = two
    rows = [(zhang.member_no, "", "2026-05", "10.00", "2026-06-10")]
    upload(finance, rows)
    before = _state(union_a, in_union)
    monkeypatch.setattr(checks, "_recorded", lambda keys: set())
    response = upload(finance, rows)
    assert response.status_code == 409
    assert _state(union_a, in_union) == before


def test_the_import_and_each_ledger_change_are_audited(finance, two, union_a, in_union):
    zhang, li = two
    upload(
        finance,
        [
            (zhang.member_no, "", "2026-05", "25.00", "2026-06-10"),
            (li.member_no, "", "2026-05", "15.00", "2026-06-10"),
        ],
    )
    with in_union(union_a):
        imported = AuditEvent.objects.get(kind="finance.dues_imported")
        assert (imported.after["recorded"], imported.after["amount"]) == (2, "40.00")
        assert AuditEvent.objects.filter(kind="finance.dues_collected").count() == 2


@pytest.mark.parametrize("username", ["a_member", "a_organization"])
def test_only_the_finance_officer_imports(client_for, union_a, two, in_union, username):
    zhang, _li = two
    before = _state(union_a, in_union)
    response = upload(
        client_for(username, union_a), [(zhang.member_no, "", "2026-05", "25.00", "2026-06-10")]
    )
    assert response.status_code == 403
    assert _state(union_a, in_union) == before


def test_the_template_is_an_xlsx_with_the_columns(finance):
    response = finance.get(URL + "template/")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[1]] == ["会员编号", "身份证号", "姓名", "月份", "金额", "缴费日期"]


def test_the_page_imports_a_file_and_shows_the_errors_by_row(union_a, two, in_union):
    from django.test import Client

    from tests.conftest import PASSWORD, host_of

    zhang, _li = two
    browser = Client(HTTP_HOST=host_of(union_a))
    browser.post("/accounts/login/", {"username": "a_finance", "password": PASSWORD})
    file = xlsx(
        [
            (zhang.member_no, "", "2026-05", "25.00", "2026-06-10"),
            ("NO-SUCH", "", "2026-05", "25.00", "2026-06-10"),
        ]
    )
    page = browser.post("/finance/member-dues/import/", {"file": file, "valid_only": "on"})
    assert page.status_code == 200
    html = page.content.decode()
    assert '<span id="recorded">1</span>' in html
    assert '<td class="num">3</td><td>会员编号</td>' in html
    with in_union(union_a):
        assert DuesImportLine.objects.count() == 1
