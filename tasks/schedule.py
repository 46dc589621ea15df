"""The periodic jobs, stored in django-celery-beat's tables so they can be edited in the
admin. ``beat_schedule_ensure`` adds the ones that are missing and never overwrites a
schedule someone has changed.

Apps add theirs with ``jobs_register`` from their ``AppConfig.ready()``.
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
        "Union facts reconciliation (nightly)",
        "tenants.facts_dispatch",
        {"minute": "40", "hour": "2"},
        "One task per union: recompute the facts its modules push to the federation.",
    ),
    (
        "Deliver outbox emails",
        "outbox.deliver",
        {"minute": "*/5"},
        "Sends pending reminder emails from the outbox.",
    ),
]


def jobs_register(name: str, task: str, cron: dict[str, str], description: str) -> None:
    """Add a periodic job (idempotent: ``ready()`` may run more than once)."""
    job = (name, task, cron, description)
    if job not in PERIODIC_JOBS:
        PERIODIC_JOBS.append(job)


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
