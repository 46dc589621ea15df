"""Issue 11 ("done means", item 20): the demo township's numbers are consistent wherever
they show: the dashboard, the union home, the staff-home checks, dues and reports.

The demo hooks run on the session's two unions as ``demo_seed`` runs them on the demo
unions (every hook per union, in their order, facts pushed on commit); the test unions
play two demo unions through the hooks' per-union tables.
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tenants import demo
from tests.conftest import HostClient, host_of

pytestmark = pytest.mark.django_db

# union-a plays 东方精密 (in arrears, member share below the veto threshold, a submitted
# self-assessment), union-b plays 红星机械 (a staff-home title, a report accepted)
ROLES = {"union-a": "dongfang", "union-b": "hongxing"}


def _play(monkeypatch, module, name):
    value = getattr(module, name)
    if isinstance(value, dict):
        played = dict(value)
        played.update({slug: value[role] for slug, role in ROLES.items() if role in value})
        monkeypatch.setattr(module, name, played)
    elif isinstance(value, tuple):
        extra = tuple(slug for slug, role in ROLES.items() if role in value)
        monkeypatch.setattr(module, name, value + extra)
    else:
        for slug, role in ROLES.items():
            if value == role:
                monkeypatch.setattr(module, name, slug)


@pytest.fixture
def township(monkeypatch, union_a, union_b, django_capture_on_commit_callbacks):
    from federation.dues import demo as dues_demo
    from federation.homes import demo as homes_demo
    from federation.reports import demo as reports_demo
    from workplaces.congress import demo as congress_demo
    from workplaces.organization import demo as organization_demo
    from workplaces.rights import demo as rights_demo
    from workplaces.welfare import demo as welfare_demo

    for module, name in [
        (demo, "DEMO_MEMBER_SHARE"),
        (dues_demo, "OVERDUE_UNION"),
        (homes_demo, "DEMO_STATES"),
        (reports_demo, "DEMO_STATES"),
        (reports_demo, "DEMO_NEWS"),
        (congress_demo, "NO_CONGRESS_THIS_YEAR"),
        (organization_demo, "OVERDUE_UNION"),
        (rights_demo, "EXPIRED"),
        (rights_demo, "OVERDUE_MEDIATION"),
        (welfare_demo, "HARDSHIP"),
    ]:
        _play(monkeypatch, module, name)
    with django_capture_on_commit_callbacks(execute=True):
        for union in (union_a, union_b):
            for hook in sorted(demo.DEMO_HOOKS, key=lambda h: getattr(h, "demo_order", 50)):
                hook(union)
    for union in (union_a, union_b):
        union.refresh_from_db()
    return union_a, union_b


def _members_within_employees(unions):
    from federation.dashboard.selectors import members_by_union, members_overview
    from federation.homes.checks import vetoes_run
    from tenants.models import EmployeeCountChange, UnionRollup
    from tenants.selectors import employees_effective
    from workplaces.home.selectors import union_membership

    for union in unions:
        rollup = UnionRollup.objects.get(union=union)
        employees = employees_effective(union)
        history = EmployeeCountChange.objects.filter(union=union).values_list("count", flat=True)
        assert history.first() == union.employee_count, union.slug
        assert employees is not None, union.slug
        assert 0 < rollup.members_active <= employees.count, union.slug
        assert rollup.members_women <= rollup.members_active, union.slug
        assert rollup.members_migrant <= rollup.members_active, union.slug
        home = union_membership(union=union)
        assert (home["members"], home["employees"], home["over"]) == (
            rollup.members_active,
            employees.count,
            False,
        ), union.slug
        share = {v["key"]: v for v in vetoes_run(union=union)}["member_share"]
        assert share["status"] in ("pass", "fail"), share
    rows = {row["slug"]: row for row in members_by_union()}
    assert [rows[u.slug]["over"] for u in unions] == [False, False]
    assert all(rows[u.slug]["share"] <= 1 for u in unions)
    assert members_overview()["over"] is False


def _money_never_negative(unions):
    from federation.dashboard.selectors import dues_overview
    from federation.dues.models import DuesNotice, Payment, Refund, Remittance

    today = timezone.localdate()
    for notice in DuesNotice.objects.filter(union__in=unions):
        assert 0 <= notice.amount_paid <= notice.amount_due, notice.period
        assert notice.balance >= 0, notice.period
    for payment in Payment.objects.select_related("notice"):
        issued = timezone.localdate(payment.notice.issued_at)
        assert issued <= payment.paid_on <= today, payment.reference
    assert all(r.amount >= 0 for r in Remittance.objects.all())
    assert all(r.amount >= 0 for r in Refund.objects.all())
    overview = dues_overview()
    assert all(0 <= p["collection_rate"] <= 1 for p in overview["periods"]), overview["periods"]


def _reports_agree(unions):
    from federation.reports.models import Submission

    for sub in Submission.objects.filter(union__in=unions).select_related("cycle"):
        values = sub.values or {}
        if "members" in values and "employees" in values:
            assert values["members"] <= values["employees"], sub.union.slug
        if sub.submitted_at:
            on_time = timezone.localdate(sub.submitted_at) <= sub.cycle.due_date
            assert sub.late is not on_time, sub.union.slug


def _congress_agrees(unions):
    """A members' (delegates') assembly (会员(代表)大会) seats members only, so never more
    than the union has; the reports give the number of delegates the congress records."""
    from django_tenants.utils import schema_context

    from federation.reports.models import Submission
    from tenants.facts import fact_value
    from tenants.models import UnionRollup

    for union in unions:
        delegates = fact_value(union=union, key="congress.delegates")
        with schema_context(union.schema_name):
            from workplaces.congress.models import Congress

            kind = Congress.objects.get().kind
        if kind == "members":
            assert delegates <= UnionRollup.objects.get(union=union).members_active, union.slug
        submitted = Submission.objects.filter(union=union, submitted_at__isnull=False)
        for sub in submitted.exclude(status="returned"):  # a returned one was found wrong
            assert sub.values.get("congress_delegates") == delegates, union.slug


def _titles_pass_their_vetoes():
    from federation.homes.checks import vetoes_run
    from federation.homes.models import Title

    titles = list(Title.objects.filter(current=True).select_related("union"))
    assert [t.union.slug for t in titles] == ["union-b"]
    for title in titles:
        failed = [v["key"] for v in vetoes_run(union=title.union) if v["status"] != "pass"]
        assert failed == [], title.union.slug


def _pages_flag_no_data_error(unions):
    admin = HostClient(host_of())
    admin.force_login(get_user_model().objects.get(username="federation_admin"))
    dashboard = admin.get("/dashboard/")
    assert dashboard.status_code == 200
    assert 'class="data-error"' not in dashboard.content.decode()
    assert "数据有误" not in dashboard.content.decode()
    from django_tenants.utils import schema_context

    for union in unions:
        page = HostClient(host_of(union))
        with schema_context(union.schema_name):
            page.force_login(get_user_model().objects.get(username=f"{union.slug[-1]}_chair"))
        home = page.get("/")
        assert home.status_code == 200
        assert "数据有误" not in home.content.decode(), union.slug


def test_the_demo_township_shows_no_impossible_number(township):
    """One seeding (about 20 s) checked on every place its numbers show."""
    _members_within_employees(township)
    _money_never_negative(township)
    _reports_agree(township)
    _congress_agrees(township)
    _titles_pass_their_vetoes()
    _pages_flag_no_data_error(township)
