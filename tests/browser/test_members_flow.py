"""Members in a real browser: the organization officer adds a member with the form, imports
a file and watches the progress bar (a real Celery worker runs the job), opens a member's
file, records a departure and prints the roster. Screenshots go to test-artifacts/."""

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.conftest import PASSWORD, chromium_path
from tests.factories import id_number

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.skipif(
        chromium_path() is None, reason="Chromium not installed (apt-get install -y chromium)"
    ),
]


def test_officer_adds_imports_and_records_a_departure(browser_page, live_server, celery_worker):  # noqa: F811
    page = browser_page
    port = live_server.url.rsplit(":", 1)[1]
    base = f"http://union-a.localhost:{port}"

    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", "a_organization")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(base + "/")
    page.click("nav.mainnav >> text=会员")
    page.wait_for_url(base + "/members/")

    # add one member with the form; gender is read from the ID number
    page.goto(base + "/members/groups/")
    page.fill("form:has(button:text('创建')) input[name=name]", "一车间小组")
    page.click("button:text('创建')")
    page.goto(base + "/members/new/")
    form = page.locator("#member-form")
    form.locator("input[name=name]").fill("王芳")
    form.locator("input[name=id_number]").fill(id_number(birth="19880512", gender="F", seq=3))
    form.locator("input[name=phone]").fill("13800001234")
    form.locator("select[name=group]").select_option(label="一车间小组")
    form.locator("input[name=monthly_wage]").fill("4010")
    form.locator("input[name=joined_on]").fill("2019-09-01")
    page.screenshot(path=str(ARTIFACTS / "members-01-form.png"), full_page=True)
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#timeline")
    assert "000001" in page.content()
    page.screenshot(path=str(ARTIFACTS / "members-02-file.png"), full_page=True)

    # import a GB18030 csv: the job runs in the worker, the page polls its progress
    lines = ["姓名,性别,身份证号,入会日期,用工形式,月工资,工会小组"]
    for i in range(30):
        lines.append(
            f"职工{chr(0x4E00 + i)},男,{id_number(birth=f'1990{(i % 12) + 1:02d}15', gender='M', seq=i)},2021-03-01,农民工,5000,一车间小组"
        )
    path = ARTIFACTS / "members-import.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("gb18030"))
    page.goto(base + "/members/import/")
    page.set_input_files("input[name=file]", str(path))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-progress >> text=新增 30 人", timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "members-03-import-done.png"), full_page=True)

    page.goto(base + "/members/")
    assert page.locator("#member-stats").inner_text().count("31") == 1
    page.screenshot(path=str(ARTIFACTS / "members-04-list.png"), full_page=True)

    # a departure from the member file
    page.goto(base + "/members/?search=王芳")
    page.click("#member-table >> text=王芳")
    page.wait_for_selector("#leave-form")
    page.select_option("#leave-form select[name=status]", "retained")
    page.fill("#leave-form textarea[name=reason]", "退休")
    page.click("#leave-form button[type=submit]")
    page.wait_for_selector("text=已登记离会")
    assert "保留会籍" in page.locator("#timeline").inner_text()
    page.screenshot(path=str(ARTIFACTS / "members-05-departure.png"), full_page=True)

    page.goto(base + "/members/roster/")
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "members-06-roster.png"), full_page=True)


def test_a_transfer_seen_from_both_unions_and_the_federation(
    browser_page, live_server, celery_worker
):  # noqa: F811
    from django_tenants.utils import schema_context

    from tenants.models import Union
    from workplaces.members.services import member_create

    page = browser_page
    port = live_server.url.rsplit(":", 1)[1]
    union_a = Union.objects.get(slug="union-a")
    with schema_context(union_a.schema_name):
        member = member_create(
            actor="test",
            name="周杰",
            id_number=id_number(birth="19850303", gender="M", seq=8),
            joined_on="2018-05-01",
            monthly_wage="6000",
        )

    def login(host, username):
        page.goto(f"{host}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("#login-form button[type=submit]")

    a = f"http://union-a.localhost:{port}"
    login(a, "a_chair")
    page.goto(f"{a}/members/{member.pk}/")
    page.select_option("#transfer-form select[name=to_union]", "union-b")
    page.fill("#transfer-form textarea[name=reason]", "调动到兄弟单位")
    page.click("#transfer-form button[type=submit]")
    page.wait_for_selector("text=已发起转出")

    login(f"http://localhost:{port}", "federation_viewer")
    page.goto(f"http://localhost:{port}/member-transfers/")
    assert "周*" in page.content()
    assert "周杰" not in page.content()
    page.screenshot(path=str(ARTIFACTS / "members-07-federation-transfers.png"), full_page=True)

    b = f"http://union-b.localhost:{port}"
    login(b, "b_chair")
    page.goto(f"{b}/members/transfers/")
    assert "周杰" in page.locator("#transfer-table").inner_text()
    page.screenshot(path=str(ARTIFACTS / "members-08-incoming-transfer.png"), full_page=True)
    page.click("#transfer-table button:text-is('接收')")
    page.wait_for_selector("text=已接收")
    page.goto(f"{b}/members/")
    page.click("#member-table >> text=周杰")
    page.wait_for_selector("#timeline")
    assert "随接转带入" in page.locator("#timeline").inner_text()
    page.screenshot(path=str(ARTIFACTS / "members-09-arrived.png"), full_page=True)
