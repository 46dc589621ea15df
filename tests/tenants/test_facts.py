import pytest
from django_tenants.utils import schema_context

from tenants import facts
from tenants.context import WrongSideError
from tenants.models import UnionFact

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(monkeypatch):
    """Register a fact for one test only (the registry is process-wide)."""
    return lambda key, func: monkeypatch.setitem(facts._COMPUTE, key, func)


def test_a_refresh_inside_a_union_pushes_the_registered_fact(union_a, register):
    register("test.answer", lambda: 42)
    with schema_context(union_a.schema_name):
        facts.facts_refresh(keys=["test.answer"])
    assert facts.fact_value(union=union_a, key="test.answer") == 42


def test_a_second_refresh_updates_the_one_row(union_a, register):
    values = iter([1, 2])
    register("test.counter", lambda: next(values))
    with schema_context(union_a.schema_name):
        facts.facts_refresh(keys=["test.counter"])
        facts.facts_refresh(keys=["test.counter"])
    assert UnionFact.objects.filter(union=union_a, key="test.counter").count() == 1
    assert facts.facts_by_key("test.counter") == {union_a.pk: 2}


def test_a_refresh_on_the_federation_side_fails_loudly():
    with pytest.raises(WrongSideError):
        facts.facts_refresh(keys=[])


def test_a_fact_never_pushed_reads_as_the_default(union_b):
    assert facts.fact_value(union=union_b, key="test.never", default="none") == "none"
