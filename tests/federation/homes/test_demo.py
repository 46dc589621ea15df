"""The demo hook gives the township an open round in different states and one 先进 title."""

import pytest

from federation.homes import demo
from federation.homes.models import Assessment, Round, Title
from tests.federation.homes.conftest import records_clean

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_states_and_a_title_and_is_idempotent(monkeypatch, union_a, union_b):
    # the earlier round's title is accepted only when the union's records pass the vetoes
    records_clean(union_a)
    monkeypatch.setitem(demo.DEMO_STATES, "union-a", "titled")
    monkeypatch.setitem(demo.DEMO_STATES, "union-b", "returned")
    for _ in range(2):
        demo.homes_demo_seed(union_a)
        demo.homes_demo_seed(union_b)
    open_round = Round.objects.get(title=demo.DEMO_OPEN_ROUND)
    states = dict(open_round.assessments.values_list("union__slug", "status"))
    assert states == {"union-a": "not_started", "union-b": "returned"}
    title = Title.objects.get(current=True)
    assert (title.union, title.level.name) == (union_a, "先进")
    assert Round.objects.get(title=demo.DEMO_PAST_ROUND).closed_at is not None
    assert Assessment.objects.count() == 3
