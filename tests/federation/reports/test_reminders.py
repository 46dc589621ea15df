"""Reminders before and after the due date, through the outbox, driven by beat."""

import datetime as dt

import pytest

from federation.platform.outbox.models import OutboxMessage
from federation.reports import services
from federation.reports.services import reminder_kind, reminders_send
from tests.federation.reports.conftest import DUE, MANUAL

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (dt.date(2026, 11, 13), "due_soon"),
        (dt.date(2026, 11, 14), None),
        (dt.date(2026, 11, 17), "due_soon"),
        (dt.date(2026, 11, 19), "due_soon"),
        (dt.date(2026, 11, 20), "due_soon"),
        (dt.date(2026, 11, 21), "late"),
        (dt.date(2026, 11, 22), None),
        (dt.date(2026, 11, 27), "late"),
        (dt.date(2026, 12, 4), "late"),
        (dt.date(2026, 11, 1), None),
    ],
)
def test_the_reminder_schedule(today, kind):
    assert reminder_kind(due_date=DUE, today=today) == kind


def test_unions_that_have_not_submitted_are_reminded_once_a_day(cycle, sub_a):
    services.submission_submit(submission=sub_a, values=MANUAL)
    assert reminders_send(today=dt.date(2026, 11, 17)) == 1
    assert reminders_send(today=dt.date(2026, 11, 17)) == 0
    (msg,) = OutboxMessage.objects.filter(kind__startswith="reports.")
    assert (msg.union.slug, msg.kind, msg.channel) == ("union-b", "reports.due_soon", "in_app")
    assert "2026-11-20" in msg.body


def test_late_unions_get_a_late_reminder(cycle):
    assert reminders_send(today=dt.date(2026, 11, 21)) == 2
    assert set(OutboxMessage.objects.values_list("kind", flat=True)) == {"reports.late"}


def test_returned_reports_are_reminded_accepted_ones_are_not(cycle, sub_a, sub_b):
    services.submission_accept(
        submission=services.submission_submit(submission=sub_a, values=MANUAL)
    )
    services.submission_return(
        submission=services.submission_submit(submission=sub_b, values=MANUAL), comment="重填"
    )
    assert reminders_send(today=dt.date(2026, 11, 19)) == 1
    assert list(
        OutboxMessage.objects.filter(kind="reports.due_soon").values_list("union__slug", flat=True)
    ) == ["union-b"]


def test_a_returned_report_tells_the_union_why(cycle, sub_b):
    services.submission_return(
        submission=services.submission_submit(submission=sub_b, values=MANUAL),
        comment="职工人数与登记不符",
    )
    msg = OutboxMessage.objects.get(kind="reports.returned")
    assert (msg.union.slug, msg.body) == ("union-b", "职工人数与登记不符")


def test_closed_cycles_are_not_reminded(cycle):
    services.cycle_close(cycle=cycle)
    assert reminders_send(today=dt.date(2026, 11, 21)) == 0


def test_the_daily_job_is_in_the_beat_schedule():
    from django_celery_beat.models import PeriodicTask

    from tasks.schedule import beat_schedule_ensure

    beat_schedule_ensure()
    task = PeriodicTask.objects.get(task="reports.reminders_daily")
    assert (task.crontab.hour, task.crontab.minute) == ("9", "20")


def test_the_task_runs_the_service(cycle, frozen):
    from federation.reports.tasks import reminders_daily

    frozen.move_to(dt.datetime(2026, 11, 13, 9, 20, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert reminders_daily.apply().get() == 2


def test_the_officer_reminds_the_unions_not_in_now_once_a_day(cycle, sub_a, frozen):
    from federation.reports.services import cycle_remind_now

    services.submission_submit(submission=sub_a, values=MANUAL)
    assert cycle_remind_now(cycle=cycle) == 1
    assert cycle_remind_now(cycle=cycle) == 0
    assert list(OutboxMessage.objects.values_list("union__slug", "kind")) == [
        ("union-b", "reports.due_soon")
    ]
    frozen.move_to(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert cycle_remind_now(cycle=cycle) == 1
    assert OutboxMessage.objects.filter(kind="reports.late").count() == 1


def test_reminding_a_closed_cycle_is_refused(cycle):
    from django.core.exceptions import ValidationError

    from federation.reports.services import cycle_remind_now

    services.cycle_close(cycle=cycle)
    with pytest.raises(ValidationError):
        cycle_remind_now(cycle=cycle)
