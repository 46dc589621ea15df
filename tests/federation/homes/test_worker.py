"""End to end with a real Celery worker: the beat entry sends the reminder job, the worker
runs it, the outbox holds one notice per union not yet submitted."""

import datetime as dt

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from federation.platform.outbox.models import OutboxMessage
from tasks.schedule import beat_schedule_ensure
from tests.live import wait_for


@pytest.mark.worker
def test_the_daily_beat_entry_reminds_unions_before_the_deadline(celery_worker):
    from celery import current_app

    from federation.homes.services import round_open, scheme_default_ensure

    today = timezone.localdate()
    round_open(
        scheme=scheme_default_ensure(),
        title="提醒测试",
        deadline=today + dt.timedelta(days=7),
        unions=["union-a"],
        actor=None,
    )
    beat_schedule_ensure()
    entry = PeriodicTask.objects.get(task="homes.reminders_daily")
    current_app.send_task(entry.task)
    msgs = wait_for(lambda: list(OutboxMessage.objects.filter(kind="homes.deadline")), timeout=60)
    assert [m.union.slug for m in msgs] == ["union-a"]
    assert "提醒测试" in msgs[0].body
