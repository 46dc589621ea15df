"""Staff-home jobs. Thin: each calls a service (both are idempotent)."""

from tasks.app import app
from tasks.options import PER_UNION_TASK


@app.task(name="homes.reminders_daily", **PER_UNION_TASK)
def reminders_daily() -> int:
    """Daily (beat): deadline and re-check reminders through the outbox; idempotent per day."""
    from federation.homes.services import reminders_send

    return reminders_send()


@app.task(name="homes.titles_withdraw_due", **PER_UNION_TASK)
def titles_withdraw_due() -> int:
    """Daily (beat): titles whose re-check date has passed are withdrawn; idempotent."""
    from federation.homes.services import titles_withdraw_due as run

    return run()
