"""Governance in a real browser, at phone width: a chair records the congress term and its
delegates, a session with attendance and a motion, submits a proposal with two seconders;
the federation approves an election result and the union's new term starts."""

import datetime as dt

import pytest
from django.db import connection

from tests.browser.conftest import ARTIFACTS, login
from tests.conftest import chromium_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        chromium_path() is None, reason="Chromium not installed (apt-get install -y chromium)"
    ),
]


def test_chair_runs_a_congress_session_and_a_proposal(browser_page, live_server):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    port = live_server.url.rsplit(":", 1)[1]
    base = f"http://union-a.localhost:{port}"
    login(page, base, "a_chair")

    page.goto(base + "/congress/")
    page.select_option("select[name=kind]", "workers")
    page.fill("input[name=starts_on]", "2025-01-01")
    page.click("form:has(input[name=starts_on]) button[type=submit]")
    page.wait_for_url(base + "/congress/delegates/")
    for name in ("甲代表", "乙代表", "丙代表"):
        page.fill("input[name=name]", name)
        page.click("form:has(input[name=name]) button[type=submit]")
        page.wait_for_selector(f"td:text('{name}')")

    page.goto(base + "/congress/sessions/new/")
    page.fill("input[name=title]", "第一届第一次职代会")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#headcount")
    for box in page.locator("input[name=present]").all():
        box.check()
    page.click("form:has(input[name=present]) button[type=submit]")
    page.wait_for_selector("#headcount:text('3 / 3')")
    assert page.locator("#quorate").inner_text() == "是"

    page.fill("form:has(input[name=yes]) input[name=title]", "审议工会工作报告")
    page.fill("input[name=yes]", "2")
    page.click("form:has(input[name=yes]) button[type=submit]")
    page.wait_for_selector("td:text('审议工会工作报告')")
    assert "通过" in page.locator("tr:has-text('审议工会工作报告')").inner_text()
    page.screenshot(path=str(ARTIFACTS / "governance-01-session.png"), full_page=True)

    page.goto(base + "/congress/proposals/")
    form = page.locator("form:has(input[value=proposal])")
    form.locator("input[name=title]").fill("改善食堂")
    form.locator("textarea[name=body]").fill("增加座位")
    form.locator("select[name=proposer]").select_option("甲代表")
    form.locator("input[name=seconders][value='乙代表']").check()
    form.locator("input[name=seconders][value='丙代表']").check()
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=第1号提案已提交。")
    assert page.locator("a:text('改善食堂')").count() == 1
    page.screenshot(path=str(ARTIFACTS / "governance-02-proposal.png"), full_page=True)

    from workplaces.congress.models import Motion, Proposal

    with _schema("union-a"):
        assert Motion.objects.get().passed is True
        proposal = Proposal.objects.get()
        assert (proposal.kind, proposal.seconders) == ("proposal", ["乙代表", "丙代表"])
    connection.set_schema_to_public()


def _schema(slug: str):
    from django_tenants.utils import schema_context

    from tenants.models import Union

    return schema_context(Union.objects.get(slug=slug).schema_name)


def test_federation_approves_an_election_result(browser_page, live_server):
    from workplaces.organization import elections
    from workplaces.organization.models import Term

    with _schema("union-a"):
        result = elections.result_submit(
            held_on=dt.date.today() - dt.timedelta(days=2),
            term_years=5,
            eligible_voters=30,
            voters_present=25,
            candidates=[
                elections.CandidateInput("新主席", 24, "chair"),
                elections.CandidateInput("新副主席", 22, "vice_chair"),
                elections.CandidateInput("新委员", 20, "member"),
                elections.CandidateInput("落选人", 10, "member"),
            ],
            actor=None,
        )
    connection.set_schema_to_public()
    page = browser_page
    port = live_server.url.rsplit(":", 1)[1]
    base = f"http://localhost:{port}"
    login(page, base, "federation_admin")
    page.goto(base + "/organization/elections/")
    card = page.locator(f"#result-{result.pk}")
    assert "新主席" in card.inner_text()
    card.locator("button[value=approve]").click()
    page.wait_for_selector("text=审批意见已记录。")
    page.screenshot(path=str(ARTIFACTS / "governance-03-approved.png"), full_page=True)
    with _schema("union-a"):
        term = Term.objects.get(is_current=True)
        assert term.result_ref == result.pk
        assert sorted(term.seats.values_list("name", flat=True)) == ["新主席", "新副主席", "新委员"]
    connection.set_schema_to_public()
