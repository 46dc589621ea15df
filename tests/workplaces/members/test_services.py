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


def test_the_nightly_reconciliation_repairs_the_index_and_the_rollup(
    union_a, union_b, in_union, make_member
):
    from federation.dashboard.reconcile import rollup_reconcile
    from tenants.models import MemberIndex, UnionRollup
    from tests.workplaces.members.conftest import unique_id
    from workplaces.members.crypto import id_hash
    from workplaces.members.services import index_reconcile_schema

    kept = make_member(union_a)
    gone = make_member(union_a)
    clash_number = unique_id()
    make_member(union_b, id_number=clash_number)
    with in_union(union_a):
        # drift: a row lost, a status changed behind the services' back, a clash
        Member.objects.filter(pk=gone.pk).update(status="withdrawn")
        Member.objects.create(
            name="冲突",
            gender="M",
            id_number=clash_number,
            birth_date="1970-01-02",
            joined_on="2020-01-01",
            member_no="900001",
        )
    MemberIndex.objects.filter(union=union_a, id_hash=id_hash(kept.id_number)).delete()
    assert index_reconcile_schema(schema_name=union_a.schema_name) == {
        "deactivated": 1,
        "activated": 1,
        "clashes": 1,
    }
    rollup_reconcile(schema_name=union_a.schema_name)
    rollup = UnionRollup.objects.get(union=union_a)
    active = set(
        MemberIndex.objects.filter(union=union_a, active=True).values_list("id_hash", flat=True)
    )
    assert active == {id_hash(kept.id_number)}
    assert MemberIndex.objects.get(id_hash=id_hash(clash_number), active=True).union == union_b
    assert rollup.members_active == 2
