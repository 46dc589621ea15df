"""Report jobs (thin). Reports live in the public schema, so the daily reminder runs there
in one task; each reminder is idempotent per submission, kind and day."""

from django_tenants.utils import get_public_schema_name, schema_context

from tasks.app import app
from tasks.options import DISPATCHER_TASK


@app.task(name="reports.reminders_daily", **DISPATCHER_TASK)
def reminders_daily() -> int:
    from federation.reports.services import reminders_send

    with schema_context(get_public_schema_name()):
        return reminders_send()
