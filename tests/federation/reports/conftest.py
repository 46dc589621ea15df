import datetime as dt

import pytest
import time_machine

from federation.reports import defaults, services
from tenants.models import UnionRollup

# the township's clock in these tests: 2026-11-05 10:00 Asia/Shanghai
NOV_5 = dt.datetime(2026, 11, 5, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
DUE = dt.date(2026, 11, 20)

# a complete, valid annual report besides the prefilled member counts
MANUAL = {
    "union_staff": 1,
    "congress_delegates": 30,
    "congress_held": "是",
    "collective_contract": "是",
    "mediation_committee": "是",
    "women_committee": "否",
    "funds_review_committee": "是",
}


@pytest.fixture(autouse=True)
def _chinese():
    """Messages are asserted in Chinese, the product's default, whatever ran before."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


@pytest.fixture
def frozen():
    with time_machine.travel(NOV_5, tick=False) as traveller:
        yield traveller


@pytest.fixture
def annual(db):
    return defaults.annual_form_ensure()


@pytest.fixture
def rollup():
    def make(union, active=0, women=0, migrant=0, retained=0):
        return UnionRollup.objects.update_or_create(
            union=union,
            defaults={
                "members_active": active,
                "members_women": women,
                "members_migrant": migrant,
                "members_retained": retained,
            },
        )[0]

    return make


@pytest.fixture
def cycle(frozen, annual, union_a, union_b, rollup):
    """The annual form for 2026, due 2026-11-20, sent to union-a (120 members, 50 women,
    30 migrant; 200 employees) and union-b (no roll-up row; 80 employees)."""
    rollup(union_a, active=120, women=50, migrant=30, retained=4)
    UnionRollup.objects.filter(union=union_b).delete()
    return services.cycle_open(
        form=annual, period="2026", due_date=DUE, unions=["union-a", "union-b"]
    )


@pytest.fixture
def sub_a(cycle, union_a):
    return cycle.submissions.get(union=union_a)


@pytest.fixture
def sub_b(cycle, union_b):
    return cycle.submissions.get(union=union_b)


@pytest.fixture
def fed(client_for):
    return client_for("federation_reporter")


@pytest.fixture
def a_chair(client_for, union_a):
    return client_for("a_chair", union_a)


@pytest.fixture
def b_chair(client_for, union_b):
    return client_for("b_chair", union_b)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
