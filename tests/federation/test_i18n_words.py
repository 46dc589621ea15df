"""One English word, two meanings: Django merges every app's catalog into one, so a
msgid translated differently by two apps shows one app's word on the other's pages (a
congress form asking for a 称号, the union's books showing a 欠缴余额). The word of the
narrower meaning carries a context; the plain msgid keeps the common one."""

import pytest
from django.test import Client
from django.utils import translation

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PLAIN = [
    ("Title", "标题"),
    ("Withdrawn", "退会"),
    ("passed", "通过"),
    ("Received", "已受理"),
    ("Name", "姓名"),
    ("Address", "地址"),
    ("Rate", "比例"),
    ("Recorded", "已入账"),
    ("Employees", "职工人数"),
    ("Delegates", "代表"),
    ("name", "名称"),
    ("Held", "已召开"),
    ("Term", "期限"),
    ("Deadline", "截止日期"),
    ("deadline", "截止日期"),
    ("Failed", "失败"),
    ("Reject", "拒绝"),
    ("No items yet.", "尚无事项。"),
    ("Closed", "已关闭"),
    ("federation", "镇总工会"),
    ("Submit to the federation", "提交总工会"),
    ("Members", "会员"),
    ("Unions", "基层工会"),
    ("Women", "女性"),
    ("rules", "校验规则"),
    ("summary", "总结"),
    ("note", "备注"),
    ("Note", "备注"),
    ("Paid", "已缴金额"),
    ("Due on", "完成期限"),
    ("due on", "完成期限"),
    ("Remittance", "回拨与上解"),
]

IN_CONTEXT = [
    ("staff-home title", "Title", "称号"),
    ("staff-home title", "Withdrawn", "已撤销"),
    ("deadline", "passed", "已截止"),
    ("mediation", "Withdrawn", "撤回"),
    ("contract party", "Employees", "职工方"),
    ("bargaining", "Round", "轮次"),
    ("bargaining", "Summary", "纪要"),
    ("vote", "Delegates", "代表总数"),
    ("case", "Close", "结案"),
    ("money", "Received", "实收"),
    ("bookkeeping", "Balance", "结余"),
    ("bookkeeping", "Summary", "摘要"),
    ("ledger", "Balance", "余额"),
    ("ledger", "Summary", "摘要"),
    ("plan", "Summary", "总结"),
    ("rollup", "Recorded", "汇总值"),
    ("collection", "Rate", "收缴率"),
    ("web address", "Address", "访问地址"),
    ("thing", "Name", "名称"),
    ("person", "name", "姓名"),
    ("booking", "Day", "日期"),
    ("training", "Hours", "学时"),
    ("report field", "Key", "字段键"),
    ("contract", "Title", "名称"),
    ("loan", "Returned", "已归还"),
    ("congress", "Sessions", "会议次数"),
    ("evaluation", "Open", "进行中"),
    ("evaluation", "Closed", "已结束"),
    ("finding", "Open", "未整改"),
    ("opening hours", "Open", "开放"),
    ("activity", "Held", "已举办"),
    ("school term", "Term", "学期"),
    ("mediation", "Deadline", "调解期限"),
    ("mediation", "deadline", "调解期限"),
    ("mediation", "Failed", "调解不成"),
    ("proposal", "Reject", "不予立案"),
    ("approval", "Reject", "不批准"),
    ("equipment", "No items yet.", "暂无器材。"),
    ("hardship file", "Closed", "退出"),
    ("case", "Closed", "已办结"),
    ("staff home", "federation", "联合会"),
    ("staff home", "Submit to the federation", "提交联合会"),
    ("count", "Members", "会员人数"),
    ("headcount", "Members", "人数"),
    ("count", "Unions", "工会数"),
    ("members", "Women", "女会员"),
    ("room", "rules", "管理制度"),
    ("bookkeeping", "summary", "摘要"),
    ("bargaining", "summary", "纪要"),
    ("decision", "note", "意见"),
    ("decision", "Note", "意见"),
    ("proposal", "Note", "说明"),
    ("loan", "Due on", "应还日期"),
    ("loan", "due on", "应还日期"),
    ("audit event", "Remittance", "划拨"),
]


@pytest.mark.parametrize(("msgid", "chinese"), PLAIN)
def test_a_shared_word_keeps_its_common_meaning(msgid, chinese):
    with translation.override("zh-hans"):
        assert translation.gettext(msgid) == chinese


@pytest.mark.parametrize(("context", "msgid", "chinese"), IN_CONTEXT)
def test_a_narrower_meaning_has_its_own_word(context, msgid, chinese):
    with translation.override("zh-hans"):
        assert translation.pgettext(context, msgid) == chinese


def test_a_member_change_log_names_the_person_not_a_thing():
    from workplaces.members.models import Member, UnionGroup

    with translation.override("zh-hans"):
        assert str(Member._meta.get_field("name").verbose_name) == "姓名"
        assert str(UnionGroup._meta.get_field("name").verbose_name) == "名称"


@pytest.fixture
def chair_page(union_a):
    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    return client


def test_the_union_books_say_summary_and_surplus_not_overview_and_arrears(chair_page):
    html = chair_page.get("/finance/").content.decode()
    assert "<th>摘要</th>" in html
    assert "<span>结余</span>" in html
    assert "概览" not in html
    assert "欠缴余额" not in html


def test_the_congress_session_form_asks_for_a_title_not_an_honour(chair_page):
    html = chair_page.get("/congress/sessions/new/").content.decode()
    assert "标题" in html
    assert "称号" not in html


def test_a_held_activity_and_a_term_plan_read_as_such():
    from workplaces.activities.models import ActivityStatus, PlanPeriod

    with translation.override("zh-hans"):
        assert (str(ActivityStatus.HELD.label), str(PlanPeriod.TERM.label)) == ("已举办", "学期")


def test_a_rooms_hours_read_open_not_view(chair_page, in_union, union_a):
    import datetime as dt

    from workplaces.assets.models import Room

    with in_union(union_a):
        Room.objects.create(name="职工书屋", opens_at=dt.time(8), closes_at=dt.time(21))
    html = chair_page.get("/assets/").content.decode()
    assert "开放 08:00–21:00" in html
    assert "查看 08:00" not in html


def test_the_equipment_list_names_things_not_people(chair_page):
    html = chair_page.get("/assets/equipment/").content.decode()
    assert "<th>名称</th>" in html
    assert "<th>姓名</th>" not in html


def test_the_mediation_list_reads_mediation_deadline(chair_page):
    html = chair_page.get("/rights/mediation/").content.decode()
    assert "<th>调解期限</th>" in html


def test_the_member_list_counts_women_members(chair_page):
    html = chair_page.get("/members/").content.decode()
    assert '<span class="muted">女会员</span>' in html


def test_a_rooms_rules_field_reads_house_rules():
    from workplaces.assets.models import Room

    with translation.override("zh-hans"):
        assert str(Room._meta.get_field("rules").verbose_name) == "管理制度"
