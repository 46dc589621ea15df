"""The platform's "done means", walked in a real browser (Playwright + Debian's Chromium):
the federation admin logs in, registers a union, opens it on its subdomain, and its chair
logs in and sees the union's home page. Screenshots go to test-artifacts/."""

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.conftest import PASSWORD, chromium_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        chromium_path() is None, reason="Chromium not installed (apt-get install -y chromium)"
    ),
]


def test_admin_registers_a_union_and_its_chair_logs_in_on_its_subdomain(browser_page, live_server):
    page = browser_page
    port = live_server.url.rsplit(":", 1)[1]
    federation = f"http://localhost:{port}"

    page.goto(federation + "/")
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", "federation_admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/dashboard/")
    page.screenshot(path=str(ARTIFACTS / "00-federation-dashboard.png"), full_page=True)
    page.goto(federation + "/unions/")
    assert page.locator("text=UNION-A 工会").count() == 1
    page.screenshot(path=str(ARTIFACTS / "01-federation-union-list.png"), full_page=True)

    form = page.locator("#union-create-form")
    form.locator("input[name=name]").fill("示例镇新建学校工会")
    form.locator("input[name=slug]").fill("browser-school")
    form.locator("select[name=kind]").select_option("school")
    form.locator("input[name=credit_code]").fill("91350100M000100Y43")
    form.locator("input[name=employee_count]").fill("64")
    form.locator("input[name=admin_username]").fill("school_chair")
    form.locator("input[name=admin_password]").fill("School-Chair-2026")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/unions/browser-school/")
    assert page.locator("#union-url").inner_text() == f"http://browser-school.localhost:{port}/"
    page.screenshot(path=str(ARTIFACTS / "02-union-registered.png"), full_page=True)

    page.goto(f"http://browser-school.localhost:{port}/")
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", "school_chair")
    page.fill("input[name=password]", "School-Chair-2026")
    page.click("#login-form button[type=submit]")
    page.wait_for_url(f"http://browser-school.localhost:{port}/")
    assert page.locator("h1").inner_text() == "示例镇新建学校工会"
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.screenshot(path=str(ARTIFACTS / "03-union-home.png"), full_page=True)


def test_a_bad_credit_code_in_the_form_shows_the_error_and_registers_nothing(
    browser_page, live_server
):
    from tenants.models import Union

    page = browser_page
    port = live_server.url.rsplit(":", 1)[1]
    page.goto(f"http://localhost:{port}/accounts/login/")
    page.fill("input[name=username]", "federation_admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/dashboard/")
    page.goto(f"http://localhost:{port}/unions/")
    form = page.locator("#union-create-form")
    form.locator("input[name=name]").fill("错误工会")
    form.locator("input[name=slug]").fill("bad-code")
    form.locator("input[name=credit_code]").fill("91350100M000100Y44")
    form.locator("input[name=employee_count]").fill("10")
    form.locator("input[name=admin_username]").fill("bad_chair")
    form.locator("input[name=admin_password]").fill("Bad-Chair-2026")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#union-create-form .errors")
    assert (
        "校验" in page.locator("#union-create-form").inner_text()
        or "check" in page.locator("#union-create-form").inner_text()
    )
    assert not Union.objects.filter(slug="bad-code").exists()
