"""Job entry points. Thin: each calls a service."""

from tasks.app import app
from tasks.dispatch import dispatch_per_union


@app.task(name="tenants.health_snapshot_dispatch", acks_late=True)
def health_snapshot_dispatch() -> int:
    """Nightly: one health snapshot task per serving union."""
    return dispatch_per_union(health_snapshot_union)


@app.task(
    name="tenants.health_snapshot_union",
    acks_late=True,
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=3,
)
def health_snapshot_union(schema_name: str) -> int:
    from tenants.services import health_snapshot_take

    return health_snapshot_take(schema_name=schema_name).pk
