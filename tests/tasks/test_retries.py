"""Per-union tasks retry on the errors a database or Redis restart raises, and a retried
task completes once (its write is idempotent by constraint)."""

import pytest
from django.db.utils import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError

from tasks.options import PER_UNION_TASK, RETRYABLE_ERRORS
from tasks.tasks import facts_union
from tenants import facts
from tenants.models import UnionFact

pytestmark = pytest.mark.django_db


def test_the_retryable_errors_are_djangos_and_redis_not_the_builtin():
    assert OperationalError in RETRYABLE_ERRORS
    assert RedisConnectionError in RETRYABLE_ERRORS
    assert ConnectionError not in RETRYABLE_ERRORS
    assert PER_UNION_TASK["autoretry_for"] == RETRYABLE_ERRORS


def test_a_task_retried_after_a_database_error_completes_once(union_a, monkeypatch):
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return len(calls)

    monkeypatch.setitem(facts._COMPUTE, "test.flaky", flaky)
    result = facts_union.apply(args=(union_a.schema_name,))
    assert result.successful()
    assert len(calls) == 2
    assert list(
        UnionFact.objects.filter(union=union_a, key="test.flaky").values_list("value", flat=True)
    ) == [2]
