"""Demo data and report prefill sources."""

import pytest

from tests.workplaces.organization.factories import members_bulk
from workplaces.organization.models import Term

pytestmark = pytest.mark.django_db


def test_demo_gives_a_union_a_current_term(union_a, in_union, monkeypatch):
    from tenants.facts import fact_value
    from workplaces.organization import demo

    with in_union(union_a):
        members_bulk(40, women=12)
    demo.organization_demo_seed(union_a)
    demo.organization_demo_seed(union_a)  # idempotent
    with in_union(union_a):
        assert Term.objects.count() == 1
    assert fact_value(union=union_a, key="organization.term")["status"] in ("in_term", "due_soon")


def test_demo_records_a_women_committee_when_the_women_are_not_on_the_committee(union_a, in_union):
    from workplaces.organization import demo
    from workplaces.organization.models import Body

    with in_union(union_a):
        members_bulk(40)
        members_bulk(12, women=12)
    demo.organization_demo_seed(union_a)
    with in_union(union_a):
        assert len(Body.objects.get(kind="women").names) == 3


def test_demo_work_plan_has_one_item_past_its_due_date(union_a, in_union):
    from workplaces.organization import demo
    from workplaces.organization.selectors import plan_items_overdue

    with in_union(union_a):
        members_bulk(40)
    demo.organization_demo_seed(union_a)
    with in_union(union_a):
        assert [i.title for i in plan_items_overdue()] == ["开展职工技能竞赛"]


def test_demo_overdue_union_is_overdue(union_a, in_union, monkeypatch):
    from tenants.facts import fact_value
    from workplaces.organization import demo

    monkeypatch.setattr(demo, "OVERDUE_UNION", union_a.slug)
    with in_union(union_a):
        members_bulk(40)
    demo.organization_demo_seed(union_a)
    assert fact_value(union=union_a, key="organization.term")["status"] == "overdue"


def test_demo_congress_and_the_union_without_one_this_year(union_a, union_b, in_union, monkeypatch):
    from django.utils import timezone

    from tenants.facts import fact_value
    from workplaces.congress import demo

    year = str(timezone.localdate().year)
    demo.congress_demo_seed(union_a)
    demo.congress_demo_seed(union_a)  # idempotent
    monkeypatch.setattr(demo, "NO_CONGRESS_THIS_YEAR", union_b.slug)
    demo.congress_demo_seed(union_b)
    assert fact_value(union=union_a, key="congress.sessions_by_year").get(year) == 1
    assert fact_value(union=union_b, key="congress.sessions_by_year").get(year) is None
    assert fact_value(union=union_a, key="congress.delegates") >= 30
    assert fact_value(union=union_a, key="congress.proposals_by_year")[year]["answered"] == 1


def test_report_sources_read_the_facts(union_a, union_b):
    from federation.reports.sources import source_value
    from tenants.facts import fact_push

    fact_push(
        union=union_a, key="organization.term", value={"committee_size": 7, "women_on_committee": 2}
    )
    fact_push(union=union_a, key="congress.delegates", value=35)
    assert source_value("organization.committee_size", union_a) == 7
    assert source_value("organization.women_on_committee", union_a) == 2
    assert source_value("congress.delegates", union_a) == 35
    assert source_value("organization.committee_size", union_b) is None
    assert source_value("congress.held", union_b) is None


def test_terms_overview_is_one_query_per_fact_and_no_schema(
    union_a, union_b, django_assert_max_num_queries
):
    from tenants.facts import fact_push
    from workplaces.organization.selectors import terms_overview

    fact_push(
        union=union_a,
        key="organization.term",
        value={"elected_on": "2020-01-01", "ends_on": "2025-01-01"},
    )
    with django_assert_max_num_queries(8):
        rows = {r["union"]: r for r in terms_overview()}
    assert rows["union-a"]["status"] == "overdue"
    assert rows["union-b"]["status"] == "none"


def test_union_governance_summary_for_the_profile(union_a, union_b):
    from tenants.facts import fact_push
    from workplaces.organization.selectors import union_governance

    fact_push(
        union=union_a,
        key="organization.term",
        value={"elected_on": "2020-01-01", "ends_on": "2025-01-01", "committee_size": 5},
    )
    a = union_governance(union=union_a)
    b = union_governance(union=union_b)
    assert (a["term_recorded"], a["status"], a["committee_size"]) == (True, "overdue", 5)
    assert (b["term_recorded"], b["status"], b["congress_recorded"]) == (False, "none", False)


def test_term_status_counts_take_the_same_queries_for_more_unions(
    union_a, union_b, django_assert_num_queries
):
    from tenants.facts import fact_push
    from tenants.models import Union
    from workplaces.organization.selectors import terms_status_counts

    fact_push(union=union_a, key="organization.term", value={"ends_on": "2099-01-01"})
    with django_assert_num_queries(3) as small:
        counts = terms_status_counts()
    assert counts == {"in_term": 1, "due_soon": 0, "overdue": 0, "none": 1}
    for i in range(5):
        extra = Union.objects.create(
            slug=f"terms-{i}", schema_name=f"u_terms_{i}", name=f"t{i}", status="active", ready=True
        )
        fact_push(union=extra, key="organization.term", value={"ends_on": "2099-01-01"})
    with django_assert_num_queries(len(small.captured_queries)):
        counts = terms_status_counts()
    assert counts == {"in_term": 6, "due_soon": 0, "overdue": 0, "none": 1}
