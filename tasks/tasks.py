"""Job entry points. Thin: each calls a service."""

from tasks.app import app
from tasks.dispatch import dispatch_per_union
from tasks.options import DISPATCHER_TASK, PER_UNION_TASK


@app.task(name="tenants.facts_dispatch", **DISPATCHER_TASK)
def facts_dispatch() -> int:
    """Nightly: recompute every registered union fact, one task per serving union."""
    return dispatch_per_union(facts_union)


@app.task(name="tenants.facts_union", **PER_UNION_TASK)
def facts_union(schema_name: str) -> int:
    from django_tenants.utils import schema_context

    from tenants.facts import facts_refresh

    with schema_context(schema_name):
        return len(facts_refresh())
