"""Issue 11 item 21: every page of both hosts works on a phone. A browser at 390 x 844 logs
in on the federation host and on a union host, walks every page it can reach from the menus
and the pages themselves (and every page route without parameters, reached or not), and
asserts that no page is wider than the screen: tables scroll inside their own box, the
menu folds behind a button; and that no page leaves an error in the browser's console (a
script error, a missing asset, a failed request). A screenshot of each page goes to test-artifacts/phone/."""

import datetime as dt
import os
import re
from urllib.parse import urljoin, urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import ARTIFACTS
from tests.conftest import PASSWORD, chromium_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        chromium_path() is None, reason="Chromium not installed (apt-get install -y chromium)"
    ),
]

WIDTH, HEIGHT = 390, 844
MAX_PAGES = 90
SKIP = re.compile(
    r"^/(api/|admin/|i18n/|static/|media/|accounts/logout)|\.(pdf|xlsx|csv|zip|png|jpe?g)$"
    r"|/export|/download|/photos?/|/evidence/|/certificate|/template\.|/delete/|/deactivate/"
)


def _page_routes(urlconf: str) -> list[str]:
    """The page routes of a host that take no parameter (API, admin and files aside)."""
    out: list[str] = []

    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern) and "<" not in route and "(" not in route:
                path = "/" + route.lstrip("^").rstrip("$")
                if not SKIP.search(path):
                    out.append(path)

    walk(get_resolver(urlconf).url_patterns)
    return sorted(set(out))


def _seed() -> None:
    """A cycle open to both unions, so the report pages have something to show."""
    from federation.reports import defaults, services

    services.cycle_open(
        form=defaults.annual_form_ensure(),
        period=str(dt.date.today().year),
        due_date=dt.date.today() + dt.timedelta(days=10),
        unions="all",
    )


def _walk(page, base: str, start: list[str], shots: str) -> dict[str, int]:
    """Breadth-first over same-host links; the document's scroll width of each page."""
    seen: dict[str, int] = {}
    queue = list(dict.fromkeys(start))
    host = urlparse(base).netloc
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        try:
            response = page.goto(base + path)
        except PlaywrightError:  # an empty error answer (a POST-only route's 405)
            seen[path] = -405
            continue
        if response is None or response.status >= 400:
            seen[path] = -(response.status if response else 1)
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            seen[path] = 0  # not a page (a health probe, a JSON answer)
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        seen[path] = width
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
        page.screenshot(path=str(ARTIFACTS / "phone" / f"{shots}-{name}.png"), full_page=True)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urljoin(page.url, href))
            if url.netloc != host or SKIP.search(url.path):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen and target not in queue:
                queue.append(target)
    return seen


def _listen(page, problems: list[str]) -> None:
    """What a user's browser would show in its console: script errors, console errors, and
    any request of the page (a script, a style, an htmx call) that failed or answered >= 400."""
    page.on("pageerror", lambda exc: problems.append(f"{page.url} script error: {exc}"))
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            # a resource's status: the response listener and the walk check those
            and not msg.text.startswith("Failed to load resource")
            and problems.append(f"{page.url} console: {msg.text}")
        ),
    )
    page.on(
        "requestfailed",
        lambda req: (
            req.resource_type != "document"  # the walk's own visits: their status is checked
            and req.failure != "net::ERR_ABORTED"  # the walk moved on before it ended
            and problems.append(f"{page.url} failed: {req.url} {req.failure}")
        ),
    )
    page.on(
        "response",
        lambda resp: (
            resp.status >= 400
            and resp.request.resource_type != "document"
            and problems.append(f"{page.url} {resp.status}: {resp.url}")
        ),
    )


def _login(context, base: str, username: str):
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state()
    return page


@pytest.fixture
def phone(live_server, live_township):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    (ARTIFACTS / "phone").mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser, live_server.url.rsplit(":", 1)[1]
        finally:
            browser.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _context(browser):
    return browser.new_context(
        locale="zh-CN",
        viewport={"width": WIDTH, "height": HEIGHT},
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
    )


def test_every_page_of_both_hosts_fits_a_390_px_phone(phone):
    browser, port = phone
    _seed()
    results: dict[str, int] = {}
    problems: list[str] = []
    for host, username, urlconf, shots in (
        (f"localhost:{port}", "federation_admin", "federation.config.urls_federation", "fed"),
        (f"union-a.localhost:{port}", "a_chair", "federation.config.urls_union", "union"),
    ):
        context = _context(browser)
        base = f"http://{host}"
        page = _login(context, base, username)
        _listen(page, problems)
        seen = _walk(page, base, ["/", *_page_routes(urlconf)], shots)
        results.update({f"{shots} {path}": width for path, width in seen.items()})
        context.close()
    assert len(results) > 20, results
    errors = {k: -w for k, w in results.items() if w < 0 and -w >= 500}
    too_wide = {k: w for k, w in results.items() if w > WIDTH}
    assert errors == {}
    assert too_wide == {}
    assert problems == [], "\n".join(problems)


def test_the_menu_folds_behind_a_button_on_a_phone(phone):
    browser, port = phone
    context = _context(browser)
    page = _login(context, f"http://localhost:{port}", "federation_admin")
    page.goto(f"http://localhost:{port}/dashboard/")
    nav = page.locator("#site-menu")
    assert not nav.is_visible()
    button = page.locator(".menu-button")
    box = button.bounding_box()
    assert box["height"] >= 44
    button.click()
    assert nav.is_visible()
    page.screenshot(path=str(ARTIFACTS / "phone" / "fed-menu-open.png"), full_page=True)
    context.close()
