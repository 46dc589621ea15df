"""Item 17 of issue 11: the union home is a to-do list with due dates, and the federation's
notices resolve when their cause does. Item 1: a share over 100% is a data error."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from federation.platform.outbox.services import message_enqueue
from federation.reports import defaults, services
from tenants.models import MemberTransfer, UnionRollup
from tests.workplaces.home.conftest import get
from workplaces.home.selectors import _resolvers, notice_resolved, union_todo

pytestmark = pytest.mark.django_db
NOV_5 = dt.datetime(2026, 11, 5, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _notice(union, period, due, paid="0.00", status="issued", due_date=None):
    from federation.dues.models import DuesNotice

    y, m = map(int, period.split("-"))
    return DuesNotice.objects.create(
        union=union,
        period=period,
        period_start=dt.date(y, m, 1),
        collection_mode="full",
        payroll_total=Decimal(due) * 50,
        rate=Decimal("0.02"),
        workplace_share=Decimal("0.6"),
        upper_share=Decimal("0.4"),
        city_share=Decimal("0.1"),
        amount_issued=Decimal(due),
        amount_due=Decimal(due),
        amount_paid=Decimal(paid),
        status=status,
        due_date=due_date or dt.date(y, m, 28),
        grace_until=due_date or dt.date(y, m, 28),
    )


@time_machine.travel(NOV_5, tick=False)
def test_the_home_lists_unpaid_dues_and_open_reports_with_due_dates(page_for, union_a):
    _notice(union_a, "2026-10", "3109.95", due_date=dt.date(2026, 11, 15))
    services.cycle_open(
        form=defaults.annual_form_ensure(),
        period="2026",
        due_date=dt.date(2026, 11, 20),
        unions=["union-a"],
    )
    todo = union_todo(union=union_a)
    assert [(t.kind, t.due) for t in todo] == [
        ("dues", dt.date(2026, 11, 15)),
        ("report", dt.date(2026, 11, 20)),
    ]
    page = get(page_for("a_chair", union_a), "/").content.decode()
    assert "2026-11-15" in page
    assert "2026-11-20" in page
    assert "3,109.95" in page


@time_machine.travel(NOV_5, tick=False)
def test_a_paid_notice_leaves_the_list_and_its_reminder_resolves(union_a):
    notice = _notice(union_a, "2026-10", "3109.95", due_date=dt.date(2026, 11, 15))
    (reminder,) = message_enqueue(
        union=union_a,
        kind="dues.reminder",
        subject="欠缴 3,109.95",
        body="请缴纳",
        dedupe_key="r-1",
        link="/dues/",
    )
    assert not notice_resolved(reminder, _resolvers(union_a))
    notice.amount_paid, notice.status = notice.amount_due, "paid"
    notice.save()
    assert notice_resolved(reminder, _resolvers(union_a))
    assert union_todo(union=union_a) == []


def test_an_accepted_transfers_notice_resolves(union_a, union_b):
    transfer = MemberTransfer.objects.create(
        from_union=union_b,
        to_union=union_a,
        id_hash="x" * 64,
        source_member_id=1,
        member_label="张*",
        payload="-",
    )
    (msg,) = message_enqueue(
        union=union_a,
        kind="member.transfer",
        subject="转入",
        body="b",
        dedupe_key=f"member-transfer:{transfer.pk}",
    )
    assert not notice_resolved(msg, _resolvers(union_a))
    assert [t.kind for t in union_todo(union=union_a)] == ["transfer"]
    MemberTransfer.objects.filter(pk=transfer.pk).update(status="accepted")
    assert notice_resolved(msg, _resolvers(union_a))
    assert union_todo(union=union_a) == []


def test_a_share_over_100_percent_is_flagged_as_a_data_error(page_for, union_a):
    union_a.employee_count = 45
    union_a.save()
    UnionRollup.objects.update_or_create(union=union_a, defaults={"members_active": 72})
    page = get(page_for("a_chair", union_a), "/").content.decode()
    assert "160% · 数据有误" in page


def test_the_chair_edits_the_employee_count_on_the_home_page(page_for, union_a):
    from tests.workplaces.home.conftest import post

    r = post(page_for("a_chair", union_a), "/", {"employee_count": "80", "as_of": "", "note": ""})
    assert r.status_code == 302
    union_a.refresh_from_db()
    assert union_a.employee_count == 80


def test_a_bad_count_names_the_field_in_chinese(page_for, union_a):
    from tests.workplaces.home.conftest import post

    r = post(page_for("a_chair", union_a), "/", {"employee_count": "很多"})
    assert r.status_code == 400
    assert "<b>职工人数</b>" in r.content.decode()


def test_a_new_staff_home_round_shows_on_the_to_do_list_with_its_deadline(union_a, union_b):
    from django.utils import timezone

    from federation.homes.services import round_open, scheme_default_ensure

    deadline = timezone.localdate() + dt.timedelta(days=10)
    round_open(
        scheme=scheme_default_ensure(),
        title="2026 验收",
        deadline=deadline,
        unions=["union-a"],
        actor=None,
    )
    assert [(t.kind, t.due) for t in union_todo(union=union_a)] == [("home", deadline)]
    assert union_todo(union=union_b) == []
