import datetime as dt
from decimal import Decimal

import pytest

from federation.dues import selectors, services, tasks
from federation.dues.models import DuesNotice, Reminder
from federation.platform.outbox.models import OutboxMessage

TZ = dt.timezone(dt.timedelta(hours=8))


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T09:00:00").replace(tzinfo=TZ)


@pytest.mark.django_db
def test_a_notice_is_not_overdue_on_the_last_grace_day(issued, frozen):
    frozen.move_to(at("2026-11-25"))  # due 11-15 + 10 grace days
    assert services.notices_mark_overdue() == 0
    issued.refresh_from_db()
    assert issued.status == "issued"


@pytest.mark.django_db
def test_a_notice_becomes_overdue_the_day_after_due_date_plus_grace_days(issued, frozen, union_a):
    frozen.move_to(at("2026-11-26"))
    assert services.notices_mark_overdue() == 1
    issued.refresh_from_db()
    assert (issued.status, str(issued.overdue_since)) == ("overdue", "2026-11-26")
    assert selectors.union_dues_overdue(union=union_a) is True
    assert services.notices_mark_overdue() == 0


@pytest.mark.django_db
def test_a_paid_notice_never_becomes_overdue(issued, frozen):
    services.payment_record(
        notice=issued, amount="2000.00", paid_on="2026-11-05", reference="B-1", actor="t"
    )
    frozen.move_to(at("2026-12-31"))
    assert services.notices_mark_overdue() == 0


@pytest.mark.django_db
def test_reminders_follow_the_interval_and_never_twice_a_day(issued, frozen, union_a):
    frozen.move_to(at("2026-11-26"))
    services.notices_mark_overdue()
    sent = {}
    for day in range(26, 31):
        frozen.move_to(at(f"2026-11-{day}"))
        sent[day] = services.reminder_send(union=union_a) is not None
        assert services.reminder_send(union=union_a) is None  # a second run the same day
    for day in range(1, 5):
        frozen.move_to(at(f"2026-12-{day:02d}"))
        sent[100 + day] = services.reminder_send(union=union_a) is not None
    assert [k for k, v in sent.items() if v] == [26, 103]  # 11-26, then 7 days later 12-03
    issued.refresh_from_db()
    assert issued.reminders_sent == 2
    assert Reminder.objects.filter(union=union_a).count() == 2


@pytest.mark.django_db
def test_a_reminder_goes_out_in_app_and_by_email_through_the_outbox(issued, frozen, union_a):
    services.union_settings_set(
        union=union_a, actor="t", collection_mode="full", contact_email="finance@a.example"
    )
    frozen.move_to(at("2026-11-26"))
    services.notices_mark_overdue()
    reminder = services.reminder_send(union=union_a)
    assert reminder.outstanding == Decimal("2000.00")
    channels = sorted(
        OutboxMessage.objects.filter(union=union_a, kind="dues.reminder").values_list(
            "channel", "recipient"
        )
    )
    assert channels == [("email", "finance@a.example"), ("in_app", "")]


@pytest.mark.django_db
def test_the_daily_task_marks_overdue_and_reminds_once_however_often_it_runs(
    issued, frozen, union_a
):
    frozen.move_to(at("2026-11-26"))
    services.notices_mark_overdue()
    tasks.daily_union(union_a.schema_name)
    tasks.daily_union(union_a.schema_name)
    assert Reminder.objects.filter(union=union_a).count() == 1
    assert DuesNotice.objects.get(pk=issued.pk).reminders_sent == 1


@pytest.mark.django_db
def test_the_daily_task_bills_a_late_declaration(frozen, declare, union_b):
    declare(union_b, payroll="1000.00", headcount=1)
    tasks.daily_union(union_b.schema_name)
    assert DuesNotice.objects.get(union=union_b).amount_due == Decimal("20.00")


@pytest.mark.django_db
def test_the_rule_row_sets_the_reminder_interval(issued, frozen, union_a):
    services.policy_set(
        actor="t",
        rate=Decimal("0.0200"),
        upper_share=Decimal("0.4000"),
        due_day=15,
        grace_days=10,
        reminder_every_days=2,
        effective_from=dt.date(2026, 11, 1),
    )
    frozen.move_to(at("2026-11-26"))
    services.notices_mark_overdue()
    days = []
    for day in range(26, 31):
        frozen.move_to(at(f"2026-11-{day}"))
        if services.reminder_send(union=union_a):
            days.append(day)
    assert days == [26, 28, 30]
