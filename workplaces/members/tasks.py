"""Member jobs. Thin: each calls services."""

from federation.dashboard.freshness import changes_prune
from federation.dashboard.reconcile import rollup_reconcile
from tasks.app import app
from tasks.dispatch import dispatch_per_union
from tasks.options import DISPATCHER_TASK, PER_UNION_TASK
from tenants.models import UnionRollup


@app.task(name="members.import_run", acks_late=True)
def import_run(job_id: int) -> int:
    """Sent from a union's host, so tenant-schemas-celery runs it in that union's schema."""
    from workplaces.members.imports import import_job_run

    return import_job_run(job_id=job_id).pk


@app.task(name="members.export_run", acks_late=True)
def export_run(job_id: int) -> int:
    """Sent from a union's host, so tenant-schemas-celery runs it in that union's schema."""
    from workplaces.members.export_jobs import export_job_run

    return export_job_run(job_id=job_id).pk


@app.task(name="members.rollup_dispatch", **DISPATCHER_TASK)
def rollup_dispatch() -> int:
    """Nightly: the dashboard's day-old change rows pruned, then one roll-up
    reconciliation per serving union."""
    changes_prune()
    return dispatch_per_union(rollup_union)


@app.task(name="members.rollup_union", **PER_UNION_TASK)
def rollup_union(schema_name: str) -> int:
    """The index rows, then the roll-up recount (which records any drift); then the
    union's expired export files deleted."""
    from django_tenants.utils import schema_context

    from workplaces.members.export_jobs import exports_expired_purge
    from workplaces.members.services import index_reconcile_schema

    index_reconcile_schema(schema_name=schema_name)
    rollup_reconcile(schema_name=schema_name)
    with schema_context(schema_name):
        exports_expired_purge()
    return UnionRollup.objects.get(union__schema_name=schema_name).members_active
