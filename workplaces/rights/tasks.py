"""Rights jobs. Thin: each calls a service."""

from __future__ import annotations

import datetime as dt

from tasks.app import app
from tasks.dispatch import dispatch_per_union
from tasks.options import DISPATCHER_TASK, PER_UNION_TASK


@app.task(name="rights.reminders_dispatch", **DISPATCHER_TASK)
def reminders_dispatch() -> int:
    """Daily: one reminder task per serving union, each for today's date."""
    from django.utils import timezone

    return dispatch_per_union(reminders_union, args=(timezone.localdate().isoformat(),))


@app.task(name="rights.reminders_union", **PER_UNION_TASK)
def reminders_union(schema_name: str, on: str) -> int:
    from django_tenants.utils import schema_context

    from workplaces.rights.reminders import reminders_send

    with schema_context(schema_name):
        return reminders_send(today=dt.date.fromisoformat(on))
