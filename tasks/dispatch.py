"""The dispatcher pattern for per-union periodic work.

A periodic task runs once, in the public schema, picks the unions that are due and sends
one small idempotent task per union with that union's schema named in the message, so
the worker runs it inside that schema.
"""

from collections.abc import Iterable

from celery import Task

from tenants.selectors import unions_serving


def dispatch_per_union(task: Task, *, unions: Iterable | None = None, args=(), kwargs=None) -> int:
    count = 0
    for union in unions if unions is not None else unions_serving():
        task.apply_async(
            args=(union.schema_name, *args),
            kwargs=kwargs or {},
            headers={"_schema_name": union.schema_name},
        )
        count += 1
    return count
