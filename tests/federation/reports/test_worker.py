"""End to end with a real Celery worker: the beat entry sends the daily reminder job."""

import datetime as dt

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from federation.platform.outbox.models import OutboxMessage
from federation.reports import defaults, services
from tasks.schedule import beat_schedule_ensure
from tests.live import wait_for


@pytest.mark.worker
def test_the_daily_beat_entry_reminds_unions_that_have_not_submitted(celery_worker):
    from celery import current_app

    form = defaults.annual_form_ensure()
    due = timezone.localdate() + dt.timedelta(days=3)
    cycle = services.cycle_open(form=form, period="2026-Q4", due_date=due, unions="all")
    sub_a = cycle.submissions.get(union__slug="union-a")
    services.submission_submit(
        submission=sub_a,
        values={
            "union_staff": 1,
            "congress_delegates": 30,
            "congress_held": "是",
            "collective_contract": "是",
            "mediation_committee": "是",
            "women_committee": "是",
            "funds_review_committee": "是",
            "members": 0,
            "women": 0,
            "migrant": 0,
        },
    )
    beat_schedule_ensure()
    entry = PeriodicTask.objects.get(task="reports.reminders_daily")
    # what beat does when the entry is due, twice (a retried beat): one reminder only
    current_app.send_task(entry.task)
    current_app.send_task(entry.task)
    wait_for(lambda: OutboxMessage.objects.filter(kind="reports.due_soon").exists(), timeout=60)
    import time

    time.sleep(2)
    msgs = list(
        OutboxMessage.objects.filter(kind="reports.due_soon").values_list("union__slug", "channel")
    )
    assert msgs == [("union-b", "in_app")]
