import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from tasks.schedule import beat_schedule_ensure
from tenants.models import UnionHealth
from tenants.services import health_snapshot_take
from tests.live import wait_for


@pytest.mark.django_db
def test_a_snapshot_of_a_migrated_union_says_it_is_healthy(union_a):
    health = health_snapshot_take(schema_name=union_a.schema_name)
    assert health.schema_present is True
    assert health.migrations_applied is True
    assert health.unapplied_migrations == 0
    assert health.table_count > 10
    assert health.user_count == 5


@pytest.mark.django_db
def test_a_second_snapshot_the_same_day_replaces_the_first(union_a):
    first = health_snapshot_take(schema_name=union_a.schema_name)
    second = health_snapshot_take(schema_name=union_a.schema_name)
    assert first.pk == second.pk
    assert UnionHealth.objects.filter(union=union_a, taken_on=timezone.localdate()).count() == 1


@pytest.mark.django_db
def test_the_beat_schedule_is_stored_for_the_admin_and_kept_when_edited():
    beat_schedule_ensure()
    task = PeriodicTask.objects.get(task="tenants.health_snapshot_dispatch")
    task.crontab.hour = "3"
    task.crontab.save()
    assert beat_schedule_ensure() == 0
    task.refresh_from_db()
    assert task.crontab.hour == "3"


@pytest.mark.worker
def test_beat_entry_runs_through_the_dispatcher_to_one_task_per_union(celery_worker):
    from celery import current_app

    from tenants.selectors import unions_serving

    beat_schedule_ensure()
    entry = PeriodicTask.objects.get(task="tenants.health_snapshot_dispatch")
    # what beat does when the entry is due: send the named task
    current_app.send_task(entry.task)
    expected = set(unions_serving().values_list("pk", flat=True))
    assert len(expected) == 2
    wait_for(
        lambda: (
            set(
                UnionHealth.objects.filter(taken_on=timezone.localdate()).values_list(
                    "union_id", flat=True
                )
            )
            == expected
        ),
        timeout=60,
    )
    assert all(h.migrations_applied for h in UnionHealth.objects.all())
