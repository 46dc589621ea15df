"""The pages: the officer builds forms, opens cycles, reviews; the union fills and submits."""

import pytest
from django.db import connection
from django.test import Client

from federation.reports.models import Cycle, ReportForm, Submission
from tests.conftest import PASSWORD
from tests.federation.reports.conftest import MANUAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    client = Client(HTTP_HOST="localhost")
    assert client.login(username="federation_reporter", password=PASSWORD)
    return client


@pytest.fixture
def union_officer(union_a):
    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": "a_organization", "password": PASSWORD})
    connection.set_schema_to_public()
    return client


def _get(client, url):
    try:
        return client.get(url)
    finally:
        connection.set_schema_to_public()


def _post(client, url, data):
    try:
        return client.post(url, data)
    finally:
        connection.set_schema_to_public()


def test_the_builder_creates_a_form_with_fields_and_rules(officer):
    r = officer.post(
        "/reports/forms/new/",
        {
            "code": "quarterly",
            "title": "季度报表",
            "description": "",
            "order": ["1", "2", "3"],
            "key": ["members", "women", ""],
            "label": ["会员", "女会员", ""],
            "type": ["integer", "integer", "integer"],
            "required": ["1", "0", "0"],
            "source": ["members.active", "", ""],
            "choices": ["", "", ""],
            "rules": "women <= members",
        },
    )
    assert r.status_code == 302
    form = ReportForm.objects.get(code="quarterly")
    assert [(f.key, f.required, f.source) for f in form.fields.all()] == [
        ("members", True, "members.active"),
        ("women", False, ""),
    ]
    assert form.rules == [{"kind": "lte", "left": "women", "right": "members"}]


def test_the_builder_shows_errors_and_saves_nothing(officer):
    r = officer.post(
        "/reports/forms/new/",
        {
            "code": "quarterly",
            "title": "季度报表",
            "order": ["1"],
            "key": ["members"],
            "label": ["会员"],
            "type": ["integer"],
            "required": ["1"],
            "source": [""],
            "choices": [""],
            "rules": "women <= members",
        },
    )
    assert r.status_code == 400
    assert "women" in r.content.decode()
    assert not ReportForm.objects.filter(code="quarterly").exists()


def test_the_builder_page_of_a_form_in_use_warns_of_a_new_version(officer, cycle, annual):
    html = officer.get(f"/reports/forms/{annual.pk}/").content.decode()
    assert "会员人数" in html
    assert "members.active" in html


def test_the_officer_opens_a_cycle_from_the_page(officer, annual, union_a, union_b, frozen):
    r = officer.post(
        "/reports/",
        {
            "form": annual.pk,
            "period": "2026",
            "due_date": "2026-12-10",
            "scope": "chosen",
            "unions": ["union-a"],
        },
    )
    assert r.status_code == 302
    cycle = Cycle.objects.get()
    assert list(cycle.submissions.values_list("union__slug", flat=True)) == ["union-a"]


def test_the_cycle_page_shows_totals_and_the_grid(officer, cycle, sub_a):
    from federation.reports.services import submission_submit

    submission_submit(submission=sub_a, values=MANUAL)
    html = officer.get(f"/reports/cycles/{cycle.pk}/").content.decode()
    assert "UNION-A 工会" in html
    assert "UNION-B 工会" in html
    assert "120" in html
    assert officer.get(f"/reports/cycles/{cycle.pk}/export.xlsx").status_code == 200


def test_the_officer_reminds_from_the_cycle_page(officer, cycle):
    from federation.platform.outbox.models import OutboxMessage

    r = officer.post(f"/reports/cycles/{cycle.pk}/", {"action": "remind"})
    assert r.status_code == 302
    assert OutboxMessage.objects.filter(kind="reports.due_soon").count() == 2


def test_the_cycle_grid_shows_the_numbers_of_reports_that_are_in(officer, cycle, sub_a):
    from federation.reports.services import submission_submit

    submission_submit(submission=sub_a, values={**MANUAL, "members": 117})
    html = officer.get(f"/reports/cycles/{cycle.pk}/").content.decode()
    assert '<td class="num">117</td>' in html


def test_the_officer_returns_with_a_comment_from_the_page(officer, sub_a):
    from federation.reports.services import submission_submit

    submission_submit(submission=sub_a, values=MANUAL)
    assert (
        officer.post(
            f"/reports/submissions/{sub_a.pk}/", {"action": "return", "comment": ""}
        ).status_code
        == 400
    )
    r = officer.post(
        f"/reports/submissions/{sub_a.pk}/", {"action": "return", "comment": "补充说明"}
    )
    assert r.status_code == 302
    assert Submission.objects.get(pk=sub_a.pk).status == "returned"


def test_the_union_home_page_lists_the_open_report(union_officer, sub_a):
    html = _get(union_officer, "/").content.decode()
    assert f"/reports/{sub_a.pk}/" in html


def test_the_union_fills_the_form_with_the_prefilled_value_visible(union_officer, sub_a):
    html = _get(union_officer, f"/reports/{sub_a.pk}/").content.decode()
    assert "会员人数" in html
    assert 'name="f_members" value="120"' in html


def test_the_union_sees_errors_per_field_and_nothing_is_saved(union_officer, sub_a):
    data = {
        f"f_{k}": v
        for k, v in {
            **MANUAL,
            "members": "120",
            "women": "130",
            "migrant": "abc",
            "employees": "200",
        }.items()
    }
    r = _post(union_officer, f"/reports/{sub_a.pk}/", {**data, "action": "submit"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "请输入整数。" in html
    assert Submission.objects.get(pk=sub_a.pk).status == "pending"
    assert Submission.objects.get(pk=sub_a.pk).values == {}


def test_a_broken_rule_shows_beside_its_field(union_officer, sub_a):
    data = {
        f"f_{k}": v
        for k, v in {
            **MANUAL,
            "members": "120",
            "women": "130",
            "migrant": "30",
            "employees": "200",
        }.items()
    }
    r = _post(union_officer, f"/reports/{sub_a.pk}/", {**data, "action": "save"})
    assert r.status_code == 400
    assert "其中：女会员人数应≤会员人数。" in r.content.decode()
    assert Submission.objects.get(pk=sub_a.pk).values == {}


def test_the_union_submits_from_the_page(union_officer, sub_a):
    data = {
        f"f_{k}": v
        for k, v in {
            **MANUAL,
            "members": "118",
            "women": "50",
            "migrant": "30",
            "employees": "200",
        }.items()
    }
    r = _post(union_officer, f"/reports/{sub_a.pk}/", {**data, "action": "submit"})
    assert r.status_code == 302
    sub = Submission.objects.get(pk=sub_a.pk)
    assert (sub.status, sub.values["members"], sub.prefilled["members"]) == ("submitted", 118, 120)
    html = _get(union_officer, f"/reports/{sub_a.pk}/").content.decode()
    assert "118" in html


def test_the_union_sends_news_from_the_page(union_officer, frozen, media, union_a):
    from federation.reports.models import NewsItem

    r = _post(
        union_officer,
        "/reports/news/",
        {"title": "健步走", "body": "活动", "event_date": "2026-11-02"},
    )
    assert r.status_code == 302
    assert NewsItem.objects.get().union == union_a
    assert "健步走" in _get(union_officer, "/reports/news/").content.decode()


def test_the_ranking_page_names_zero_submission_unions(officer, union_a, union_b):
    html = officer.get("/reports/news/ranking/?month=2026-11").content.decode()
    assert "UNION-A 工会" in html
    assert "UNION-B 工会" in html
    assert "零报送" in html


def test_the_demo_seed_makes_an_open_cycle_and_reports(union_a, union_b, media):
    from federation.reports.demo import reports_demo_seed

    reports_demo_seed(union_a)
    reports_demo_seed(union_b)
    cycle = Cycle.objects.get(form__code="annual-basic")
    assert cycle.status == "open"
    assert cycle.submissions.count() == 2
