"""Printed books: each holds the period's records and no other union's; a union with no
records prints an empty, labelled book; PDF and xlsx; only officers print."""

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from workplaces.activities.services import activity_create, attendance_record, signup_create

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=8))


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def xlsx_rows(content: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(content)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.fixture
def activities_in(in_union):
    def make(union, *titles_and_days):
        with in_union(union):
            for title, day in titles_and_days:
                activity_create(
                    actor=None,
                    title=title,
                    kind="sports",
                    capacity=5,
                    starts_at=dt.datetime.combine(day, dt.time(14), tzinfo=TZ),
                )

    return make


def test_the_activity_log_holds_the_periods_records_and_no_other_unions(
    union_a_chair_api, union_a, union_b, activities_in
):
    activities_in(union_a, ("A篮球赛", dt.date(2026, 3, 1)), ("A去年活动", dt.date(2025, 12, 31)))
    activities_in(union_b, ("B乒乓赛", dt.date(2026, 3, 2)))
    response = union_a_chair_api.get(
        "/api/v1/ledgers/activities/?format=xlsx&from=2026-01-01&to=2026-12-31"
    )
    assert response.status_code == 200
    rows = xlsx_rows(response.content)
    flat = " ".join(str(c) for row in rows for c in row if c is not None)
    assert "A篮球赛" in flat
    assert "A去年活动" not in flat
    assert "B乒乓赛" not in flat
    assert rows[1][0] == f"Union: {union_a.name}"
    assert "2026-01-01 to 2026-12-31" in rows[2][0]
    assert "Records: 1" in rows[2][0]


def test_the_pdf_book_is_labelled_with_union_period_and_pages(
    union_a_chair_api, union_a, activities_in
):
    activities_in(union_a, ("A篮球赛", dt.date(2026, 3, 1)))
    response = union_a_chair_api.get(
        "/api/v1/ledgers/activities/?format=pdf&from=2026-01-01&to=2026-12-31"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert union_a.name in text
    assert "A篮球赛" in text
    assert "2026-01-01" in text
    assert "Page 1 of 1" in text


def test_a_union_with_no_records_prints_an_empty_labelled_book(union_b_chair_api, union_b):
    for code in (
        "activities",
        "training",
        "finance",
        "minutes",
        "members",
        "groups",
        "rationalisation",
    ):
        pdf = union_b_chair_api.get(
            f"/api/v1/ledgers/{code}/?format=pdf&from=2026-01-01&to=2026-12-31"
        )
        assert pdf.status_code == 200, code
        text = pdf_text(pdf.content)
        assert union_b.name in text
        assert "No records in this period" in text
        rows = xlsx_rows(union_b_chair_api.get(f"/api/v1/ledgers/{code}/?format=xlsx").content)
        assert rows[1][0] == f"Union: {union_b.name}"
        assert "Records: 0" in rows[2][0]


def test_the_finance_ledger_runs_a_balance_of_approved_entries(
    client_for, union_a, union_a_chair_api
):
    finance = client_for("a_finance", union_a)
    finance.post(
        "/api/v1/finance/entries/",
        {
            "kind": "income",
            "category": "dues",
            "amount": "100.00",
            "on": "2026-02-01",
            "summary": "会费",
        },
        format="json",
    )
    spent = finance.post(
        "/api/v1/finance/entries/",
        {
            "kind": "expense",
            "category": "activities",
            "amount": "30.00",
            "on": "2026-02-02",
            "summary": "用品",
        },
        format="json",
    ).json()
    finance.post(
        "/api/v1/finance/entries/",
        {
            "kind": "expense",
            "category": "activities",
            "amount": "50.00",
            "on": "2026-02-03",
            "summary": "未批",
        },
        format="json",
    )
    union_a_chair_api.post(f"/api/v1/finance/entries/{spent['id']}/approve/", {}, format="json")
    rows = xlsx_rows(
        union_a_chair_api.get(
            "/api/v1/ledgers/finance/?format=xlsx&from=2026-01-01&to=2026-12-31"
        ).content
    )
    body = rows[4:]
    assert [r[2] for r in body] == ["会费", "用品"]
    assert body[-1][-1] == 70


def test_a_members_training_and_activity_rows(union_a, in_union, union_a_chair_api, member_in):
    m = member_in(union_a, name="李四")
    with in_union(union_a):
        a = activity_create(
            actor=None,
            title="读书会",
            kind="study",
            capacity=3,
            starts_at=dt.datetime(2026, 4, 1, 14, tzinfo=TZ),
        )
        signup_create(actor=_Chair(), activity=a, member=m)
        attendance_record(actor=None, activity=a, member_ids=[m.pk])
    rows = xlsx_rows(
        union_a_chair_api.get(
            "/api/v1/ledgers/activities/?format=xlsx&from=2026-04-01&to=2026-04-30"
        ).content
    )
    assert rows[4][1] == "读书会"
    assert rows[4][4] == 1
    members = xlsx_rows(union_a_chair_api.get("/api/v1/ledgers/members/?format=xlsx").content)
    assert "李四" in [r[1] for r in members[4:]]


def test_a_formula_typed_by_a_user_is_neutralised(union_a, activities_in, union_a_chair_api):
    activities_in(union_a, ('=HYPERLINK("http://x")', dt.date(2026, 5, 1)))
    rows = xlsx_rows(union_a_chair_api.get("/api/v1/ledgers/activities/?format=xlsx").content)
    assert rows[4][1].startswith("'=")


@pytest.mark.parametrize(("username", "code"), [("a_member", 403), ("a_organization", 404)])
def test_plain_members_print_nothing_and_the_finance_book_is_for_finance(
    client_for, union_a, username, code
):
    api = client_for(username, union_a)
    if username == "a_member":
        assert api.get("/api/v1/ledgers/").status_code == 403
        assert api.get("/api/v1/ledgers/activities/").status_code == 403
    else:
        assert api.get("/api/v1/ledgers/activities/").status_code == 200
        assert api.get("/api/v1/ledgers/finance/").status_code == code


def test_a_bad_period_is_a_400(union_a_chair_api):
    response = union_a_chair_api.get("/api/v1/ledgers/activities/?from=2026-13-01")
    assert response.status_code == 400
    assert "from" in response.json()


def test_an_unknown_book_is_a_404(union_a_chair_api):
    assert union_a_chair_api.get("/api/v1/ledgers/nothing/").status_code == 404


def test_another_module_can_register_a_book(union_a_chair_api):
    from workplaces.ledgers.registry import _BOOKS, Book, book_register, rows_contribute

    book_register(Book("test_extra", "测试簿", ["日期", "内容"]))
    rows_contribute("test_extra", lambda start, end: [[start, "来自其他模块"]])
    try:
        rows = xlsx_rows(union_a_chair_api.get("/api/v1/ledgers/test_extra/?format=xlsx").content)
        assert rows[4][1] == "来自其他模块"
    finally:
        _BOOKS.pop("test_extra")


class _Chair:
    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = -1

    def get_username(self):
        return "t"


def test_the_congress_rights_and_welfare_books_hold_their_modules_records(
    union_a, in_union, member_in, union_a_chair_api
):
    from decimal import Decimal

    from workplaces.congress.models import Proposal, Session
    from workplaces.rights.models import CollectiveContract
    from workplaces.welfare.models import HardshipFile

    m = member_in(union_a, name="困难户")
    with in_union(union_a):
        Proposal.objects.create(
            kind="proposal",
            number=1,
            title="食堂改善",
            body="x",
            proposer="甲",
            seconders=["乙", "丙"],
            submitted_on=dt.date(2026, 3, 1),
        )
        Proposal.objects.create(
            kind="suggestion",
            number=1,
            title="增加班车",
            body="y",
            proposer="丁",
            submitted_on=dt.date(2026, 3, 2),
        )
        Session.objects.create(
            kind="workers",
            title="一届三次职代会",
            held_on=dt.date(2026, 3, 10),
            delegates_total=30,
            delegates_present=28,
            quorate=True,
        )
        CollectiveContract.objects.create(
            kind="collective",
            title="2026集体合同",
            signed_on=dt.date(2026, 1, 5),
            starts_on=dt.date(2026, 1, 10),
            ends_on=dt.date(2028, 1, 9),
            workers_covered=200,
        )
        HardshipFile.objects.create(
            member=m,
            category="deep",
            household_size=3,
            household_income=Decimal("1500.00"),
            reason="重病",
            opened_on=dt.date(2026, 2, 1),
        )

    def body(code):
        rows = xlsx_rows(
            union_a_chair_api.get(
                f"/api/v1/ledgers/{code}/?format=xlsx&from=2026-01-01&to=2026-12-31"
            ).content
        )
        return rows[4:]

    assert [r[2] for r in body("proposals")] == ["食堂改善"]
    assert [r[2] for r in body("suggestions")] == ["增加班车"]
    assert "一届三次职代会" in [r[2] for r in body("minutes")]
    assert [r[2] for r in body("contracts")] == ["2026集体合同"]
    assert [r[1] for r in body("hardship")] == ["困难户"]


@pytest.fixture
def pdf_cap_of_two():
    from federation.rules.services import rule_change

    rule_change(
        key="ledgers.pdf_max_rows",
        value=2,
        effective_from=dt.date.today() - dt.timedelta(days=1),
        actor=None,
    )


def test_a_book_longer_than_a_pdf_holds_is_refused_as_pdf_and_given_as_xlsx(
    union_a_chair_api, union_a, activities_in, pdf_cap_of_two
):
    days = [dt.date(2026, 3, d) for d in (1, 2, 3)]
    activities_in(union_a, *((f"活动{d.day}", d) for d in days))
    query = "from=2026-01-01&to=2026-12-31"
    refused = union_a_chair_api.get(f"/api/v1/ledgers/activities/?format=pdf&{query}")
    assert refused.status_code == 400
    assert refused.json() == {
        "format": [
            "This book has 3 rows, more than a PDF holds (2): "
            "download it as xlsx or choose a shorter period."
        ]
    }
    xlsx = union_a_chair_api.get(f"/api/v1/ledgers/activities/?format=xlsx&{query}")
    assert xlsx.status_code == 200
    assert [r[1] for r in xlsx_rows(xlsx.content)[-3:]] == ["活动1", "活动2", "活动3"]


def test_a_book_at_the_pdf_cap_prints(union_a_chair_api, union_a, activities_in, pdf_cap_of_two):
    activities_in(union_a, ("活动一", dt.date(2026, 3, 1)), ("活动二", dt.date(2026, 3, 2)))
    answer = union_a_chair_api.get(
        "/api/v1/ledgers/activities/?format=pdf&from=2026-01-01&to=2026-12-31"
    )
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"


def test_a_long_book_names_its_columns_and_numbers_every_page():
    from workplaces.ledgers.printing import book_pdf
    from workplaces.ledgers.registry import book_get

    day = dt.date(2020, 5, 1)
    rows = [[f"{i:06d}", "王芳", "女", day, "在岗职工", None, day, "在册"] for i in range(300)]
    content = book_pdf(
        book=book_get("members"),
        union_name="红星厂工会",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        rows=rows,
    )
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    assert len(pages) > 5
    for n, text in enumerate(pages, start=1):
        assert "Member number" in text, n
        assert f"Page {n} of {len(pages)}" in text
    assert re.findall(r"\b\d{6}\b", "".join(pages)) == [r[0] for r in rows]
