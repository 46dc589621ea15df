"""Rights and welfare pages in a real browser at phone width (390 px): the chair records a
collective contract with the form and sees its clocks; nothing spills sideways."""

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.conftest import PASSWORD, chromium_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        chromium_path() is None, reason="Chromium not installed (apt-get install -y chromium)"
    ),
]


def test_the_chair_records_a_contract_on_a_phone(browser_page, live_server):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    port = live_server.url.rsplit(":", 1)[1]
    base = f"http://union-a.localhost:{port}"

    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", "a_chair")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(base + "/")

    page.goto(base + "/rights/")
    assert page.locator("h1").inner_text() == "集体合同"
    page.select_option("select[name=kind]", "collective")
    page.fill("input[name=signed_on]", "2026-03-01")
    page.fill("input[name=starts_on]", "2026-03-01")
    page.fill("input[name=ends_on]", "2029-02-28")
    page.fill("input[name=filed_on]", "2026-03-05")
    page.click("form.card button[type=submit]")
    page.wait_for_url(base + "/rights/contracts/*/")
    body = page.locator("main").inner_text()
    for clock in ("2026-03-11", "2026-03-20", "2028-11-28"):
        assert clock in body
    page.screenshot(path=str(ARTIFACTS / "rights-contract-390.png"), full_page=True)

    for path in (
        "/rights/",
        "/rights/mediation/",
        "/rights/women/",
        "/welfare/",
        "/welfare/hardship/",
    ):
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392)"
            ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
        )
        assert width <= 392, (path, width, wide)
