"""Each prefill source against hand-counted data."""

import datetime as dt

import pytest

from federation.reports import sources
from federation.reports.services import prefill_for
from tenants.models import UnionRollup
from tests.factories import id_number

pytestmark = pytest.mark.django_db


def _admit(union, in_union, *, n, gender, employment="regular"):
    from workplaces.members.services import member_create

    made = []
    with in_union(union):
        for _ in range(1):
            made.append(
                member_create(
                    actor=None,
                    name="测试",
                    gender=gender,
                    id_number=id_number(birth=f"1980{n:04d}"[:8], gender=gender, seq=3),
                    phone="13800001234",
                    joined_on="2020-03-01",
                    employment=employment,
                    monthly_wage="4000.00",
                )
            )
    return made[0]


@pytest.fixture
def hand_counted(union_a, in_union):
    """union-a's register, counted by hand: 5 admitted — 3 women (one a migrant worker),
    2 men (one a migrant worker); then one man retires (保留会籍).
    Active 4, women 3, migrant 2, retained 1."""
    UnionRollup.objects.filter(union=union_a).delete()
    _admit(union_a, in_union, n=101, gender="F")
    _admit(union_a, in_union, n=102, gender="F")
    _admit(union_a, in_union, n=103, gender="F", employment="migrant")
    _admit(union_a, in_union, n=104, gender="M", employment="migrant")
    retiree = _admit(union_a, in_union, n=105, gender="M")
    from workplaces.members.services import member_leave

    with in_union(union_a):
        member_leave(
            member=retiree, status="retired", on=dt.date(2026, 6, 30), reason="退休", actor=None
        )
    return union_a


def test_members_active_counts_the_active_register(hand_counted):
    assert sources.source_value("members.active", hand_counted) == 4


def test_members_active_women_counts_active_women(hand_counted):
    assert sources.source_value("members.active.women", hand_counted) == 3


def test_members_active_migrant_counts_active_migrant_workers(hand_counted):
    assert sources.source_value("members.active.migrant", hand_counted) == 2


def test_members_retained_counts_retired_members_who_keep_membership(hand_counted):
    assert sources.source_value("members.retained", hand_counted) == 1


def test_member_sources_read_zero_without_a_roll_up_row(union_b):
    UnionRollup.objects.filter(union=union_b).delete()
    assert [
        sources.source_value(n, union_b)
        for n in (
            "members.active",
            "members.active.women",
            "members.active.migrant",
            "members.retained",
        )
    ] == [0, 0, 0, 0]


def test_employees_reads_the_union_register(union_a, union_b):
    assert sources.source_value("employees", union_a) == 200
    assert sources.source_value("employees", union_b) == 80


def test_employees_take_a_later_declared_headcount(union_a):
    """Issue 11 item 1: the annual report prefills the latest of the registered count and
    the headcount declared for dues, so it does not fail its own members <= employees."""
    from django.utils import timezone

    from tenants.facts import fact_push

    today = timezone.localdate().isoformat()
    fact_push(union=union_a, key="dues.headcount", value={"headcount": 260, "as_of": today})
    assert sources.source_value("employees", union_a) == 260


@pytest.mark.parametrize(
    "name",
    [
        "union_staff",
        "congress.delegates",
        "congress.held",
        "activities.count",
        "rights.contract_in_force",
    ],
)
def test_sources_without_a_module_are_manual(name, union_a):
    assert sources.source_value(name, union_a) is None


def test_an_unknown_source_gives_nothing(union_a):
    assert sources.source_value("no.such.source", union_a) is None


def test_a_module_can_register_a_source(union_a):
    sources.register("test.constant", "constant", lambda union: 7)
    try:
        assert sources.source_value("test.constant", union_a) == 7
        assert "test.constant" in sources.source_names()
    finally:
        sources._SOURCES.pop("test.constant")


def test_the_annual_form_is_prefilled_from_the_sources(hand_counted, annual):
    assert prefill_for(form=annual, union=hand_counted) == {
        "members": 4,
        "women": 3,
        "migrant": 2,
        "employees": 200,
    }


@pytest.mark.parametrize(("sessions", "answer"), [(1, "是"), (0, "否"), (None, "否")])
def test_the_annual_forms_congress_question_is_answered_yes_or_no_from_the_sessions_held(
    union_a, sessions, answer
):
    from django.utils import timezone

    from federation.reports.defaults import ANNUAL_FORM_CODE
    from federation.reports.models import ReportForm
    from tenants.facts import fact_push

    year = str(timezone.localdate().year)
    value = {} if sessions is None else {year: sessions}
    fact_push(union=union_a, key="congress.sessions_by_year", value=value)
    field = ReportForm.objects.get(code=ANNUAL_FORM_CODE, version=1).fields.get(key="congress_held")
    assert sources.source_value(field.source, union_a) == answer


def test_the_annual_forms_mediation_question_reads_the_rights_records(union_a):
    from federation.reports.defaults import ANNUAL_FORM_CODE
    from federation.reports.models import ReportForm

    field = ReportForm.objects.get(code=ANNUAL_FORM_CODE, version=1).fields.get(
        key="mediation_committee"
    )
    assert field.source == "rights.mediation_committee"
