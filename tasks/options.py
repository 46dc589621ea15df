"""Task options in one place.

``PER_UNION_TASK`` is for the small idempotent task a dispatcher sends per union: it is
acknowledged late, retried with backoff on the errors a restart of PostgreSQL or Redis
raises (Django's ``OperationalError``/``InterfaceError``, redis-py's ``ConnectionError``
and ``TimeoutError``; Python's builtin ``ConnectionError`` is none of them), and bounded
in time. ``acks_late`` / ``reject_on_worker_lost`` are also the global defaults in
settings; they are repeated here so a task's guarantees read from its decorator.
"""

from django.db.utils import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

RETRYABLE_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
)

PER_UNION_TASK: dict = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": RETRYABLE_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}

DISPATCHER_TASK: dict = {"acks_late": True, "reject_on_worker_lost": True}
