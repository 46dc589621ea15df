import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from federation.platform.audit.models import AuditEvent
from tenants.models import MemberIndex, UnionRollup
from tests.workplaces.members.conftest import member_payload, unique_id
from workplaces.members.models import Member

pytestmark = pytest.mark.django_db

ZH = ["姓名", "性别", "身份证号", "手机", "入会日期", "用工形式", "月工资", "工会小组"]
API = ["name", "gender", "id_number", "phone", "joined_on", "employment", "monthly_wage", "group"]


def rows(n=3, **over):
    out = []
    for i in range(n):
        gender = "女" if i % 2 else "男"
        out.append(
            [
                "李娜" if i % 2 else "张伟",
                gender,
                unique_id("F" if i % 2 else "M"),
                "13800001234",
                "2021-06-01",
                "农民工" if i == 0 else "正式",
                "4010.00",
                "",
            ]
        )
    return out


def as_csv(header, data, encoding="utf-8") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(data)
    text = buf.getvalue()
    if encoding == "utf-8-sig":
        return ("\ufeff" + text).encode("utf-8")
    return text.encode(encoding)


def as_xlsx(header, data) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in data:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def upload(client, content: bytes, name: str, query: str = ""):
    f = io.BytesIO(content)
    f.name = name
    return client.post(f"/api/v1/members/import/{query}", {"file": f}, format="multipart")


def count(union, in_union):
    with in_union(union):
        return Member.objects.count()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("header", [ZH, API], ids=["chinese", "api"])
def test_csv_in_each_encoding_imports(a_org, union_a, in_union, encoding, header):
    r = upload(a_org, as_csv(header, rows(3), encoding), "members.csv")
    assert r.status_code == 200, r.json()
    assert r.json() == {"created": 3, "updated": 0, "errors": [], "total": 3}
    with in_union(union_a):
        assert sorted(Member.objects.values_list("name", flat=True)) == ["张伟", "张伟", "李娜"]
        assert Member.objects.filter(employment="migrant").count() == 1


@pytest.mark.parametrize("header", [ZH, API], ids=["chinese", "api"])
def test_xlsx_imports(a_org, union_a, in_union, header):
    r = upload(a_org, as_xlsx(header, rows(4)), "members.xlsx")
    assert r.json() == {"created": 4, "updated": 0, "errors": [], "total": 4}
    assert count(union_a, in_union) == 4


def test_xlsx_dates_and_numbers_as_excel_types(a_org, union_a, in_union):
    import datetime as dt

    data = rows(1)
    data[0][4] = dt.datetime(2021, 6, 1)
    data[0][6] = 4010
    data[0][3] = 13800001234
    r = upload(a_org, as_xlsx(ZH, data), "members.xlsx")
    assert r.json()["created"] == 1, r.json()
    with in_union(union_a):
        m = Member.objects.get()
    assert (str(m.joined_on), str(m.monthly_wage), m.phone) == (
        "2021-06-01",
        "4010.00",
        "13800001234",
    )


def test_one_bad_row_writes_nothing_and_lists_row_and_column(a_org, union_a, in_union):
    data = rows(3)
    data[1][2] = "123"
    data[2][4] = "2021-13-01"
    r = upload(a_org, as_csv(ZH, data), "members.csv")
    assert r.status_code == 400
    body = r.json()
    assert body["created"] == 0
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(3, "身份证号"), (4, "入会日期")]
    assert (
        body["errors"][0]["message"]
        == "A resident ID number has 17 digits followed by a digit or X."
    )
    assert count(union_a, in_union) == 0
    assert MemberIndex.objects.filter(union=union_a).count() == 0


def test_valid_only_writes_the_good_rows(a_org, union_a, in_union):
    data = rows(3)
    data[1][1] = "男"  # disagrees with the ID number (a woman's)
    r = upload(a_org, as_csv(ZH, data), "members.csv", "?valid_only=1")
    assert r.status_code == 200
    assert r.json()["created"] == 2
    assert [(e["row"], e["column"], e["message"]) for e in r.json()["errors"]] == [
        (3, "性别", "The gender does not agree with the ID number.")
    ]
    assert count(union_a, in_union) == 2


def test_dry_run_writes_nothing(a_org, union_a, in_union):
    r = upload(a_org, as_csv(ZH, rows(3)), "members.csv", "?dry_run=1")
    assert r.json() == {"created": 3, "updated": 0, "errors": [], "total": 3}
    assert count(union_a, in_union) == 0


def test_duplicates_inside_the_file_are_errors(a_org, union_a, in_union):
    data = rows(2)
    data.append(list(data[0]))
    r = upload(a_org, as_csv(API, data), "members.csv")
    assert r.status_code == 400
    assert r.json()["errors"] == [
        {
            "row": 4,
            "column": "id_number",
            "field": "id_number",
            "message": "Duplicate of row 2 in this file.",
        }
    ]
    assert count(union_a, in_union) == 0


def test_existing_members_are_updated(a_org, union_a, in_union):
    existing = a_org.post("/api/v1/members/", member_payload(), format="json").json()
    data = rows(1)
    data.append(
        ["张伟", "男", existing["id_number"], "13900009999", "2020-03-01", "合同制", "5000", ""]
    )
    r = upload(a_org, as_csv(ZH, data), "members.csv")
    assert r.json() == {"created": 1, "updated": 1, "errors": [], "total": 2}
    member = a_org.get(f"/api/v1/members/{existing['id']}/").json()
    assert (member["phone"], member["employment"], member["monthly_wage"]) == (
        "13900009999",
        "contract",
        "5000.00",
    )
    with in_union(union_a):
        assert (
            AuditEvent.objects.filter(kind="member.updated", object_id=str(existing["id"])).count()
            == 1
        )


def test_people_active_in_another_union_are_errors(a_org, b_org, union_b, in_union):
    payload = member_payload()
    a_org.post("/api/v1/members/", payload, format="json")
    data = rows(1)
    data.append(["张伟", "男", payload["id_number"], "", "2021-01-01", "", "", ""])
    r = upload(b_org, as_csv(ZH, data), "members.csv")
    assert r.status_code == 400
    assert [(e["row"], e["column"]) for e in r.json()["errors"]] == [(3, "身份证号")]
    assert "transfer" in r.json()["errors"][0]["message"]
    assert count(union_b, in_union) == 0


def test_groups_are_matched_by_name(a_org, union_a, in_union):
    a_org.post("/api/v1/groups/", {"name": "一车间"}, format="json")
    data = rows(2)
    data[0][7] = "一车间"
    data[1][7] = "不存在"
    r = upload(a_org, as_csv(ZH, data), "members.csv")
    assert [(e["row"], e["column"], e["message"]) for e in r.json()["errors"]] == [
        (3, "工会小组", "No such union group.")
    ]


def test_import_audits_numbers_and_rolls_up(a_org, union_a, in_union):
    upload(a_org, as_csv(ZH, rows(3)), "members.csv")
    with in_union(union_a):
        assert sorted(Member.objects.values_list("member_no", flat=True)) == [
            "000001",
            "000002",
            "000003",
        ]
        assert AuditEvent.objects.filter(kind="member.created", note="import").count() == 3
        assert all(m.events.count() == 1 for m in Member.objects.all())
    rollup = UnionRollup.objects.get(union=union_a)
    assert (rollup.members_active, rollup.members_women, rollup.members_migrant) == (3, 1, 1)
    assert str(rollup.member_dues_monthly) == "60.15"
    assert MemberIndex.objects.filter(union=union_a, active=True).count() == 3


def test_blank_lines_are_skipped(a_org):
    data = rows(2)
    data.insert(1, ["", "", "", "", "", "", "", ""])
    r = upload(a_org, as_csv(ZH, data), "members.csv")
    assert r.json()["created"] == 2


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "members.csv", "The file is empty."),
        (b"PK\x03\x04garbage", "members.xlsx", "The xlsx file cannot be read: BadZipFile"),
        (b"\xff\xfe\x00\x00binary", "members.csv", None),
        (
            "姓名,手机\n张三,138\n".encode(),
            "members.csv",
            "Missing columns: 身份证号 (id_number), 入会日期 (joined_on).",
        ),
        ("姓名,name,身份证号,入会日期\n".encode(), "members.csv", "The column name appears twice."),
        (
            b"name,id_number,joined_on\n\x00\x00\x00",
            "members.csv",
            "The file contains null characters; is it really a CSV file?",
        ),
        (b"not a spreadsheet", "members.xlsx", "The xlsx file cannot be read."),
    ],
)
def test_malformed_files_are_a_clear_400(a_org, union_a, in_union, content, name, message):
    r = upload(a_org, content, name)
    assert r.status_code == 400
    assert list(r.json()) == ["file"]
    if message:
        assert r.json()["file"] == [message]
    assert count(union_a, in_union) == 0


def test_a_file_over_20_mb_is_refused(a_org, union_a, in_union):
    big = as_csv(ZH, rows(1)) + b"#" * (20 * 1024 * 1024 + 1)
    r = upload(a_org, big, "members.csv")
    assert r.status_code == 400
    assert r.json() == {"file": ["The file is larger than 20 MB."]}


def test_no_file_is_a_400(a_org):
    r = a_org.post("/api/v1/members/import/", {}, format="multipart")
    assert r.status_code == 400
    assert list(r.json()) == ["file"]


def test_the_template_downloads_with_the_chinese_header(a_org):
    r = a_org.get("/api/v1/members/import/template/")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    header = [c.value for c in wb.active[1]]
    assert header[: len(ZH)] == ZH
    assert header[len(ZH) :] == [
        "民族",
        "政治面貌",
        "学历",
        "户籍类型",
        "户籍地",
        "岗位/职务",
        "技能等级",
        "是否劳模",
        "劳模级别",
        "会员卡号",
        "家庭住址",
        "退休日期",
    ]


def test_the_template_filled_in_imports(a_org, union_a, in_union):
    r = a_org.get("/api/v1/members/import/template/")
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb.active
    ws.delete_rows(2)
    a_org.post("/api/v1/groups/", {"name": "一车间小组"}, format="json")
    ws.append(
        ["王芳", "女", unique_id("F"), "13800000000", "2024-01-15", "正式", "4500.00", "一车间小组"]
    )
    buf = io.BytesIO()
    wb.save(buf)
    assert upload(a_org, buf.getvalue(), "filled.xlsx").json()["created"] == 1


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_honours_the_filters(a_org, fmt):
    a_org.post("/api/v1/members/", member_payload(name="张伟"), format="json")
    a_org.post("/api/v1/members/", member_payload(name="李娜", gender="F"), format="json")
    r = a_org.get(f"/api/v1/members/export/?format={fmt}&gender=F")
    assert r.status_code == 200
    if fmt == "csv":
        assert r.content.startswith(b"\xef\xbb\xbf")
        lines = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    else:
        lines = [
            [c for c in row]
            for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True)
        ]
    assert lines[0][:4] == ["会员号", "姓名", "性别", "身份证号"]
    assert [line[1] for line in lines[1:]] == ["李娜"]
    # a typed number in xlsx (Excel sums it), two decimals in csv
    assert lines[1][9] == ("22.50" if fmt == "csv" else 22.5)


def test_export_then_import_round_trips(a_org, b_org):
    a_org.post("/api/v1/members/", member_payload(name="张伟"), format="json")
    exported = a_org.get("/api/v1/members/export/?format=csv").content
    r = upload(a_org, exported, "export.csv", "?dry_run=1")
    assert r.json() == {"created": 0, "updated": 1, "errors": [], "total": 1}


def test_export_in_an_unknown_format_is_a_400(a_org):
    assert a_org.get("/api/v1/members/export/?format=pdf").json() == {
        "format": ["Choose xlsx or csv."]
    }
