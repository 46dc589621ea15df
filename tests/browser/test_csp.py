"""The Content-Security-Policy, in a real browser: the pages' behaviours (federation/static/
js/app.js) work without any inline script, the API docs render, and a script a page did not
ship from this site is refused by the browser."""

import pytest

from tests.browser.conftest import login
from tests.conftest import chromium_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        chromium_path() is None, reason="Chromium not installed (apt-get install -y chromium)"
    ),
]


def _refusals(page) -> list[str]:
    refused: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and refused.append(msg.text))
    page.on("pageerror", lambda exc: refused.append(str(exc)))
    return refused


def test_a_script_injected_into_a_page_does_not_run(browser_page, live_server):
    page = browser_page
    base = live_server.url.replace("127.0.0.1", "localhost")
    login(page, base, "federation_admin")
    ran = page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.__injected = true';
                   document.body.appendChild(s); return window.__injected === true; }"""
    )
    assert ran is False


def test_the_api_docs_render_under_the_policy(browser_page, live_server):
    page = browser_page
    refused = _refusals(page)
    page.goto(live_server.url.replace("127.0.0.1", "localhost") + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "API" in page.inner_text(".swagger-ui .info .title")
    assert refused == []


def test_a_confirm_question_guards_a_union_deactivation(browser_page, live_server):
    from tenants.models import Union

    page = browser_page
    base = live_server.url.replace("127.0.0.1", "localhost")
    login(page, base, "federation_admin")
    page.goto(base + "/unions/union-b/")
    asked: list[str] = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.locator("form[data-confirm] button[type=submit]").click()
    page.wait_for_timeout(300)
    assert asked == ["确定停用该工会吗？其数据将保留。"]
    assert page.url.endswith("/unions/union-b/")
    assert Union.objects.get(slug="union-b").status == "active"


def test_a_filter_select_applies_itself(browser_page, live_server):
    page = browser_page
    port = live_server.url.rsplit(":", 1)[1]
    base = f"http://union-a.localhost:{port}"
    login(page, base, "a_chair")
    page.goto(base + "/members/applications/")
    with page.expect_navigation():
        page.select_option("select[name=status][data-autosubmit]", "approved")
    assert "status=approved" in page.url


def test_the_phone_menu_and_the_print_button_work_from_the_sites_script(browser_page, live_server):
    page = browser_page
    port = live_server.url.rsplit(":", 1)[1]
    base = f"http://union-a.localhost:{port}"
    login(page, base, "a_chair")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/members/")
    button = page.locator("[data-menu-toggle]")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-menu").is_visible()
    page.goto(base + "/members/roster/")
    page.evaluate(
        "() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }"
    )
    page.locator("[data-print]").click()
    assert page.evaluate("() => window.__printed") == 1
