"""Finance jobs. Thin: each calls a service."""

from tasks.app import app
from tasks.dispatch import dispatch_per_union
from tasks.options import DISPATCHER_TASK, PER_UNION_TASK


@app.task(name="finance.returns_dispatch", **DISPATCHER_TASK)
def returns_dispatch() -> int:
    """Daily: one task per serving union books the returned share of new dues payments."""
    return dispatch_per_union(returns_union)


@app.task(name="finance.returns_union", **PER_UNION_TASK)
def returns_union(schema_name: str) -> int:
    from django_tenants.utils import schema_context

    from workplaces.finance.returns import funds_return_sync

    with schema_context(schema_name):
        return funds_return_sync(actor=None)
