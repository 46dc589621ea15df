"""Staff-home jobs. Thin: each calls a service."""

from tasks.app import app


@app.task(
    name="homes.reminders_daily",
    acks_late=True,
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=3,
)
def reminders_daily() -> int:
    """Daily (beat): deadline and re-check reminders through the outbox; idempotent per day."""
    from federation.homes.services import reminders_send

    return reminders_send()
