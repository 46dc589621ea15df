"""Tenancy jobs. Thin: each calls a service."""

from tasks.app import app
from tasks.dispatch import dispatch_per_union
from tasks.options import DISPATCHER_TASK, PER_UNION_TASK


@app.task(name="tenants.health_snapshot_dispatch", **DISPATCHER_TASK)
def health_snapshot_dispatch() -> int:
    """Nightly: one health snapshot task per serving union."""
    return dispatch_per_union(health_snapshot_union)


@app.task(name="tenants.health_snapshot_union", **PER_UNION_TASK)
def health_snapshot_union(schema_name: str) -> int:
    from tenants.services import health_snapshot_take

    return health_snapshot_take(schema_name=schema_name).pk
