"""End to end with a real Celery worker: beat entry → dispatcher → per-union tasks → rows."""

import os
import signal
import time

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from federation.dues import services
from federation.dues.models import DuesNotice, Reminder
from federation.dues.periods import MONTHLY, period_containing
from tasks.schedule import beat_schedule_ensure
from tests.live import wait_for


@pytest.mark.worker
def test_the_monthly_beat_entry_issues_one_notice_per_declaring_union(celery_worker):
    from celery import current_app

    from tenants.models import Union

    period = period_containing(timezone.localdate(), MONTHLY).previous().code
    union_a = Union.objects.get(slug="union-a")
    union_b = Union.objects.get(slug="union-b")
    services.declaration_submit(
        union=union_a, period=period, payroll_total="100000.00", headcount=50, actor="t"
    )
    services.declaration_submit(
        union=union_b, period=period, payroll_total="33333.33", headcount=20, actor="t"
    )
    beat_schedule_ensure()
    entry = PeriodicTask.objects.get(task="dues.cycle_dispatch")
    assert (entry.crontab.day_of_month, entry.crontab.hour) == ("1", "1")
    # what beat does when the entry is due: send the named task (twice, as a retried beat would)
    current_app.send_task(entry.task)
    current_app.send_task(entry.task)
    wait_for(lambda: DuesNotice.objects.filter(period=period).count() == 2, timeout=60)
    amounts = dict(
        DuesNotice.objects.filter(period=period).values_list("union__slug", "amount_due")
    )
    assert {k: str(v) for k, v in amounts.items()} == {"union-a": "2000.00", "union-b": "666.67"}


@pytest.mark.worker
def test_the_daily_beat_entry_marks_overdue_and_reminds_through_the_worker(celery_worker):
    from celery import current_app

    from tenants.models import Union

    today = timezone.localdate()
    old = (
        period_containing(today, MONTHLY).previous().previous().previous().code
    )  # long past its grace days
    union_a = Union.objects.get(slug="union-a")
    services.declaration_submit(
        union=union_a, period=old, payroll_total="1000.00", headcount=1, actor="t"
    )
    services.dues_cycle_run(period=old)
    DuesNotice.objects.filter(union=union_a, period=old).update(status="issued", overdue_since=None)
    beat_schedule_ensure()
    current_app.send_task(PeriodicTask.objects.get(task="dues.daily_dispatch").task)
    wait_for(lambda: Reminder.objects.filter(union=union_a, sent_on=today).exists(), timeout=60)
    notice = DuesNotice.objects.get(union=union_a, period=old)
    assert (notice.status, notice.reminders_sent) == ("overdue", 1)


def _pool_children(pid: int) -> list[int]:
    children = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as fh:
            children += [int(c) for c in fh.read().split()]
    return children


@pytest.mark.worker
def test_a_per_union_task_killed_mid_run_is_redelivered_and_makes_one_notice(celery_worker):
    """acks_late + reject_on_worker_lost: the worker process dies while the task waits on the
    notice table; the message goes back to the queue and the rerun issues exactly one notice."""
    import psycopg
    from django.db import connection

    from federation.dues.tasks import cycle_union
    from tenants.models import Union
    from tests.live import _test_database_url

    period = period_containing(timezone.localdate(), MONTHLY).previous().code
    union_a = Union.objects.get(slug="union-a")
    services.declaration_submit(
        union=union_a, period=period, payroll_total="5000.00", headcount=3, actor="t"
    )
    with psycopg.connect(_test_database_url()) as blocker:
        blocker.execute("LOCK TABLE public.dues_duesnotice IN ACCESS EXCLUSIVE MODE")
        cycle_union.apply_async(
            args=(union_a.schema_name, period), headers={"_schema_name": union_a.schema_name}
        )

        def waiting():
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database() AND query LIKE %s",
                    ["%dues_duesnotice%"],
                )
                return cur.fetchone()[0]

        wait_for(waiting, timeout=60)
        for child in _pool_children(celery_worker.pid):
            os.kill(child, signal.SIGKILL)  # the worker's own pool processes, started by this test
        blocker.rollback()
    wait_for(lambda: DuesNotice.objects.filter(union=union_a, period=period).exists(), timeout=60)
    time.sleep(2)  # a duplicate delivery would land now
    assert DuesNotice.objects.filter(union=union_a, period=period).count() == 1
