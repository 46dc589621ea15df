"""The periodic jobs, stored in django-celery-beat's tables so they can be edited in the
admin. ``beat_schedule_ensure`` adds the ones that are missing and never overwrites a
schedule someone has changed.

Other modules append to ``PERIODIC_JOBS``: (name, task, crontab fields, description).
"""

from django.db import transaction

PERIODIC_JOBS: list[tuple[str, str, dict[str, str], str]] = [
    (
        "Union health snapshot (nightly)",
        "tenants.health_snapshot_dispatch",
        {"minute": "10", "hour": "2"},
        "One task per union: schema present, migrations applied, tables, last activity.",
    ),
    (
        "Deliver outbox emails",
        "outbox.deliver",
        {"minute": "*/5"},
        "Sends pending reminder emails from the outbox.",
    ),
]


def beat_schedule_ensure() -> int:
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    created = 0
    with transaction.atomic():
        for name, task, cron, description in PERIODIC_JOBS:
            if PeriodicTask.objects.filter(name=name).exists():
                continue
            schedule, _ = CrontabSchedule.objects.get_or_create(
                minute=cron.get("minute", "0"),
                hour=cron.get("hour", "*"),
                day_of_week=cron.get("day_of_week", "*"),
                day_of_month=cron.get("day_of_month", "*"),
                month_of_year=cron.get("month_of_year", "*"),
                timezone="Asia/Shanghai",
            )
            PeriodicTask.objects.create(
                name=name, task=task, crontab=schedule, description=description
            )
            created += 1
    return created
