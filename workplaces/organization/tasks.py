"""Organization jobs. Thin: each calls a service."""

from tasks.app import app
from tasks.dispatch import dispatch_per_union
from tasks.options import DISPATCHER_TASK, PER_UNION_TASK


@app.task(name="organization.reminders_dispatch", **DISPATCHER_TASK)
def reminders_dispatch() -> int:
    """Daily: one reminder task per serving union."""
    return dispatch_per_union(reminders_union)


@app.task(name="organization.reminders_union", **PER_UNION_TASK)
def reminders_union(schema_name: str) -> int:
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from workplaces.organization.reminders import term_reminders_send

    with schema_context(schema_name):
        return term_reminders_send(on=timezone.localdate())
