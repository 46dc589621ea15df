"""The staff-home acceptance walked in a real browser: the assessor opens a round, the
union's chair self-assesses with an evidence upload (htmx) and submits, the assessor returns
it for rectification, the chair resubmits, the assessor accepts and the certificate opens.
Screenshots go to test-artifacts/."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD, chromium_path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        chromium_path() is None, reason="Chromium not installed (apt-get install -y chromium)"
    ),
]


@pytest.fixture
def browser(live_server, live_township, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop shares this thread
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
            ],
        )
        try:
            yield b
        finally:
            b.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _page(browser, base, username):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state()
    return page


def test_a_union_is_assessed_returned_resubmitted_and_accepted(browser, live_server, tmp_path):
    from federation.homes.models import Assessment, Title

    port = live_server.url.rsplit(":", 1)[1]
    federation, union_a = f"http://localhost:{port}", f"http://union-a.localhost:{port}"
    deadline = timezone.localdate() + dt.timedelta(days=14)

    fed = _page(browser, federation, "federation_assessor")
    fed.goto(federation + "/homes/rounds/new/")
    fed.fill("input[name=title]", "2026年度职工之家建设验收")
    fed.fill("input[name=deadline]", deadline.isoformat())
    fed.check("input[name=scope][value=chosen]")
    fed.check("input[name=unions][value=union-a]")
    fed.click("form.card button[type=submit]")
    fed.wait_for_url("**/homes/rounds/*/")
    fed.screenshot(path=str(ARTIFACTS / "homes-01-round.png"), full_page=True)
    assessment = Assessment.objects.get(union__slug="union-a")
    # the veto checks read the union's records: a current term, a congress, dues declared
    from tests.federation.homes.conftest import records_clean

    records_clean(assessment.union)

    chair = _page(browser, union_a, "a_chair")
    chair.goto(union_a + "/homes/")
    chair.click("text=2026年度职工之家建设验收")
    for item in assessment.items.select_related("criterion"):
        chair.fill(f"input[name=self_{item.criterion.code}]", str(item.criterion.max_points))
    assert chair.inner_text("#self-total") == "100.00"
    evidence = tmp_path / "换届批复.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%demo\n%%EOF\n")
    chair.fill("input[name=approval_rate]", "92")
    chair.set_input_files("input[name=file_ZZ01]", str(evidence))
    chair.wait_for_selector("#files-ZZ01 a")
    chair.screenshot(path=str(ARTIFACTS / "homes-02-self-assessment.png"), full_page=True)
    # the button's own activation (a mouse click at its centre does the same for a person;
    # under the test server Playwright's synthetic mouse click right after the htmx swap was lost)
    chair.locator("button[value=submit]").evaluate("b => b.click()")
    chair.wait_for_selector("text=自评已提交联合会")
    assessment.refresh_from_db()
    assert assessment.status == "submitted"

    fed.goto(federation + f"/homes/assessments/{assessment.pk}/")
    assert fed.locator("#files-ZZ01, a:has-text('换届批复.pdf')").count() >= 1
    fed.fill("textarea[name=comment]", "请补充职代会决议")
    fed.fill("input[name=deadline]", (deadline + dt.timedelta(days=7)).isoformat())
    fed.click("button[value=return]")
    fed.wait_for_selector("text=已退回整改")
    assessment.refresh_from_db()
    assert assessment.status == "returned"

    chair.goto(union_a + f"/homes/{assessment.pk}/")
    assert chair.locator("text=请补充职代会决议").count() >= 1
    chair.locator("button[value=submit]").evaluate("b => b.click()")
    chair.wait_for_selector("text=自评已提交联合会")

    fed.goto(federation + f"/homes/assessments/{assessment.pk}/")
    for item in assessment.items.select_related("criterion"):
        fed.fill(f"input[name=score_{item.criterion.code}]", str(item.criterion.max_points))
    fed.fill("input[name=score_ZZ02]", "0")
    fed.fill("input[name=score_ZZ04]", "0")
    assert fed.inner_text("#review-total") == "90.00"
    fed.click("button[value=accept]")
    fed.wait_for_selector("text=验收通过：模范")
    fed.screenshot(path=str(ARTIFACTS / "homes-03-review.png"), full_page=True)
    assessment.refresh_from_db()
    assert (assessment.status, assessment.level.name) == ("accepted", "模范")
    title = Title.objects.get(assessment=assessment)

    chair.goto(union_a + "/homes/")
    assert chair.locator(f"text={title.number}").count() == 1
    chair.screenshot(path=str(ARTIFACTS / "homes-04-title.png"), full_page=True)
    status, head = chair.evaluate(
        """async (url) => { const r = await fetch(url); const b = new Uint8Array(await r.arrayBuffer());
           return [r.status, String.fromCharCode(...b.slice(0, 4))]; }""",
        f"/homes/{assessment.pk}/certificate.pdf",
    )
    assert (status, head) == (200, "%PDF")
