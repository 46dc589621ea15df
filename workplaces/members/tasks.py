"""Member jobs. Thin: each calls a service."""

from tasks.app import app
from tasks.dispatch import dispatch_per_union
from tasks.options import PER_UNION_TASK


@app.task(name="members.import_run", acks_late=True)
def import_run(job_id: int) -> int:
    """Sent from a union's host, so tenant-schemas-celery runs it in that union's schema."""
    from workplaces.members.importing import import_job_run

    return import_job_run(job_id=job_id).pk


@app.task(name="members.rollup_dispatch", acks_late=True)
def rollup_dispatch() -> int:
    """Nightly: one roll-up reconciliation per serving union."""
    return dispatch_per_union(rollup_union)


@app.task(name="members.rollup_union", **PER_UNION_TASK)
def rollup_union(schema_name: str) -> int:
    from workplaces.members.services import rollup_refresh_schema

    return rollup_refresh_schema(schema_name=schema_name).members_active
