"""Send the federation's read-only aggregate queries to a streaming replica, when one is
configured (REPLICA_DATABASE_URL), inside ``federation_reads()`` blocks. Writes, union
pages and everything else stay on the primary."""

import contextlib
import contextvars

from django.conf import settings

_replica_reads = contextvars.ContextVar("replica_reads", default=False)

REPLICA = "replica"


@contextlib.contextmanager
def federation_reads():
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class FederationReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_reads.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == REPLICA:
            return False
        return None
