import pytest

from tenants.models import UnionRollup
from tenants.validators import parse_id_number
from workplaces.members.demo import demo_members_seed
from workplaces.members.models import Member, UnionGroup

pytestmark = pytest.mark.django_db


def test_the_demo_hook_seeds_realistic_members(union_a, in_union):
    demo_members_seed(union_a)
    with in_union(union_a):
        members = list(Member.objects.all())
        assert 20 <= len(members) <= 60
        for m in members:
            number, birth, gender = parse_id_number(m.id_number)
            assert (birth, gender) == (m.birth_date, m.gender)
        assert UnionGroup.objects.count() == 4
    assert UnionRollup.objects.get(union=union_a).members_active == len(members)


def test_the_demo_hook_is_registered():
    from tenants.demo import DEMO_HOOKS

    assert demo_members_seed in DEMO_HOOKS


def test_the_nightly_job_is_registered():
    from tasks.schedule import PERIODIC_JOBS

    assert ("members.rollup_dispatch") in [task for _n, task, _c, _d in PERIODIC_JOBS]


def test_rollup_refresh_refuses_the_federation_side(union_a):
    from tenants.context import WrongSideError
    from workplaces.members.services import rollup_refresh

    with pytest.raises(WrongSideError):
        rollup_refresh(union=union_a)
