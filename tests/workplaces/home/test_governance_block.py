"""Issue 12, item 8: the union home shows the committee term's status and days left, and
the work plan items past their due date, to the officers."""

import datetime as dt

import pytest
import time_machine

from tests.workplaces.home.conftest import get

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _term(ends_on: dt.date):
    from workplaces.organization.models import Term

    return Term.objects.create(
        elected_on=ends_on.replace(year=ends_on.year - 5), term_years=5, ends_on=ends_on
    )


def _item(title: str, due_on: dt.date, progress: int = 0):
    from workplaces.organization.models import PlanItem, WorkPlan

    plan, _ = WorkPlan.objects.get_or_create(year=2026, title="2026年工作计划")
    return PlanItem.objects.create(plan=plan, title=title, due_on=due_on, progress=progress)


def _block(html: str) -> str:
    return html.split('id="governance"')[1].split("</section>")[0]


@time_machine.travel(TODAY)
def test_the_chair_sees_the_term_status_days_left_and_overdue_items(union_a, in_union, page_for):
    with in_union(union_a):
        _term(dt.date(2027, 1, 9))
        _item("召开职代会", dt.date(2026, 11, 1), progress=40)
        _item("已完成的事项", dt.date(2026, 11, 1), progress=100)
        _item("明年的事项", dt.date(2027, 3, 1))
    html = get(page_for("a_chair", union_a), "/").content.decode()
    block = _block(html)
    assert 'class="badge due_soon"' in block
    assert "2027-01-09" in block
    assert "剩余 46 天" in block
    items = block.split('id="home-overdue-items"')[1]
    assert "召开职代会" in items
    assert "已完成的事项" not in items
    assert "明年的事项" not in items


@time_machine.travel(TODAY)
def test_an_overdue_term_shows_the_days_overdue(union_a, in_union, page_for):
    with in_union(union_a):
        _term(dt.date(2026, 11, 14))
    block = _block(get(page_for("a_chair", union_a), "/").content.decode())
    assert 'class="badge overdue"' in block
    assert "逾期 10 天" in block
    assert 'id="home-no-overdue"' in block


@time_machine.travel(TODAY)
def test_without_a_term_the_home_asks_to_record_one(union_a, page_for):
    block = _block(get(page_for("a_chair", union_a), "/").content.decode())
    assert 'class="badge none"' in block
    assert 'href="/organization/terms/new/"' in block


def test_a_member_does_not_see_the_governance_block(union_a, page_for):
    html = get(page_for("a_member", union_a), "/").content.decode()
    assert 'id="governance"' not in html


@time_machine.travel(TODAY)
def test_a_term_due_within_six_months_is_a_to_do_with_its_end_date(union_a):
    from tenants.facts import fact_push
    from workplaces.home.selectors import union_todo

    fact_push(union=union_a, key="organization.term", value={"ends_on": "2027-05-23"})
    assert [(t.kind, t.due, t.link) for t in union_todo(union=union_a)] == [
        ("term", dt.date(2027, 5, 23), "/organization/elections/")
    ]


@time_machine.travel(TODAY)
def test_a_term_more_than_six_months_from_its_end_is_no_to_do(union_a):
    from tenants.facts import fact_push
    from workplaces.home.selectors import union_todo

    fact_push(union=union_a, key="organization.term", value={"ends_on": "2027-05-25"})
    assert union_todo(union=union_a) == []
