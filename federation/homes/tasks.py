"""Staff-home jobs. Thin: each calls a service."""

from tasks.app import app
from tasks.options import PER_UNION_TASK


@app.task(name="homes.reminders_daily", **PER_UNION_TASK)
def reminders_daily() -> int:
    """Daily (beat): deadline and re-check reminders through the outbox; idempotent per day."""
    from federation.homes.services import reminders_send

    return reminders_send()
