"""The demo: a year of activities, a budget with entries, an audit finding still open and
a member unpaid for 6 months."""

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_demo_hooks_seed_a_year_of_union_life_and_money(union_a, in_union, member_in):
    from tenants.demo import DEMO_HOOKS
    from workplaces.activities.demo import demo_activities_seed
    from workplaces.activities.models import Activity
    from workplaces.finance import dues_ledger
    from workplaces.finance.demo import demo_finance_seed
    from workplaces.finance.models import AuditFinding, Budget, Entry

    assert demo_activities_seed in DEMO_HOOKS
    assert demo_finance_seed in DEMO_HOOKS
    for _ in range(6):
        member_in(union_a)
    demo_activities_seed(union_a)
    demo_finance_seed(union_a)
    today = timezone.localdate()
    with in_union(union_a):
        held = Activity.objects.filter(
            status="held", starts_at__date__gte=today - dt.timedelta(days=366)
        )
        assert held.count() == 12
        assert Budget.objects.filter(year=today.year).exists()
        assert Entry.objects.filter(status="approved", kind="expense").count() == 4
        assert Entry.objects.filter(status="pending").count() == 1
        assert AuditFinding.objects.filter(status="open").count() == 1
        last_month = dues_ledger.month_add(today.replace(day=1), -1)
        assert len(dues_ledger.unpaid_streaks(upto=last_month)) == 1
    demo_activities_seed(union_a)  # idempotent
    demo_finance_seed(union_a)
    with in_union(union_a):
        assert Budget.objects.count() == 1
