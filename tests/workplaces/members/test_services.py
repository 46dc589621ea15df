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
    active = sum(m.status == "active" for m in members)
    assert UnionRollup.objects.get(union=union_a).members_active == active


PROVINCES = {"33": "浙江省", "34": "安徽省", "41": "河南省", "42": "湖北省", "51": "四川省"}


def _age(birth, on):
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def test_the_demo_members_have_a_plausible_real_name_record(union_a, in_union):
    import datetime as dt

    from workplaces.members.profile import migrant_derive

    demo_members_seed(union_a)
    today = dt.date.today()
    with in_union(union_a):
        members = list(Member.objects.all())
    for m in members:
        assert all(
            getattr(m, k)
            for k in (
                "ethnicity",
                "political_status",
                "education",
                "household_type",
                "household_place",
                "position",
                "skill_level",
                "card_no",
                "address",
            )
        ), m.name
        assert m.household_place.startswith(PROVINCES[m.id_number[:2]]), m.name
        assert m.is_migrant == migrant_derive(
            employment=m.employment, household_type=m.household_type
        )
        if m.employment == "migrant":
            assert m.household_type == "rural"
        if m.status == "retained":  # left work: no longer a migrant worker
            assert not m.is_migrant, m.name
        if m.political_status == "league":
            assert _age(m.birth_date, today) <= 28, m.name
        assert (m.model_worker, m.model_worker_level) == (False, "")
        retired = m.status == "retained" or m.employment == "retired_rehired"
        assert (m.retirement_date is not None) == retired, m.name
        if retired:
            years = 60 if m.gender == "M" else 50
            assert _age(m.birth_date, m.retirement_date) >= years
            assert m.joined_on < m.retirement_date <= today
        else:
            assert _age(m.birth_date, today) < (60 if m.gender == "M" else 55), m.name
    assert len({m.card_no for m in members}) == len(members)
    assert {"active", "retained"} <= {m.status for m in members}
    assert any(m.is_migrant for m in members)
    rollup = UnionRollup.objects.get(union=union_a)
    assert rollup.members_retained == sum(m.status == "retained" for m in members)


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


def test_an_edit_that_moves_no_figure_leaves_the_rollup_and_the_dashboard_version_alone(
    union_a, in_union, make_member
):
    from federation.dashboard.freshness import data_version
    from workplaces.members.services import member_update

    member = make_member(union_a)
    rollup = UnionRollup.objects.get(union=union_a)
    version = data_version()
    with in_union(union_a):
        member_update(member=member, actor=None, phone="13900001111")
    assert UnionRollup.objects.get(union=union_a).updated_at == rollup.updated_at
    assert data_version() == version


def test_an_edit_that_moves_a_figure_rewrites_the_rollup_and_the_dashboard_version(
    union_a, in_union, make_member
):
    from decimal import Decimal

    from federation.dashboard.freshness import data_version
    from workplaces.members.services import member_update

    member = make_member(union_a, monthly_wage=Decimal("5000.00"))
    before = UnionRollup.objects.get(union=union_a).member_dues_monthly
    version = data_version()
    with in_union(union_a):
        member_update(member=member, actor=None, monthly_wage=Decimal("7000.00"))
    assert UnionRollup.objects.get(union=union_a).member_dues_monthly == before + Decimal("10.00")
    assert data_version() != version


def test_an_edit_that_moves_no_figure_does_not_recount_the_register(union_a, in_union, make_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workplaces.members.services import member_update

    member = make_member(union_a)
    with CaptureQueriesContext(connection) as ctx, in_union(union_a):
        member_update(member=member, actor=None, phone="13900002222", address="新街 1 号")

    assert not [q for q in ctx.captured_queries if "tenants_unionrollup" in q["sql"]]


def test_an_employment_edit_that_makes_a_migrant_worker_moves_the_rollup(
    union_a, in_union, make_member
):
    from workplaces.members.services import member_update

    member = make_member(union_a, employment="regular")
    before = UnionRollup.objects.get(union=union_a).members_migrant
    with in_union(union_a):
        member_update(member=member, actor=None, employment="migrant")

    assert UnionRollup.objects.get(union=union_a).members_migrant == before + 1


def test_the_rollup_is_refreshed_outside_a_transaction_too(live_township):
    """Jobs and scripts call it in autocommit (it locks the row: its own transaction)."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from tenants.models import Union
    from workplaces.members.services import rollup_refresh

    union = Union.objects.get(slug="union-a")
    assert connection.get_autocommit()
    with schema_context(union.schema_name):
        rollup = rollup_refresh(union=union)
        active = Member.objects.filter(status="active").count()
    assert rollup.members_active == active
