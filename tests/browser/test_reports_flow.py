"""Information reporting walked in a real browser: the reporting officer opens a cycle of the
annual form, the union's chair finds it on the home page with the prefilled values, gets an
error beside a field, fixes it and submits; the officer returns it with a comment, the chair
resubmits, the officer accepts and exports the xlsx. Then a news item with a photo is sent,
adopted, and the monthly ranking names the union that sent nothing. Screenshots go to
test-artifacts/."""

import datetime as dt
import io
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
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state()
    return page


def test_a_report_is_filled_returned_resubmitted_accepted_and_exported(
    browser, live_server, tmp_path
):
    from openpyxl import load_workbook
    from PIL import Image

    from federation.reports.defaults import annual_form_ensure, news_channels_ensure
    from federation.reports.models import NewsItem, Submission
    from tenants.models import Union, UnionRollup

    form = annual_form_ensure()
    news_channels_ensure()
    UnionRollup.objects.update_or_create(
        union=Union.objects.get(slug="union-a"),
        defaults={"members_active": 150, "members_women": 60, "members_migrant": 40},
    )
    port = live_server.url.rsplit(":", 1)[1]
    federation, union_a = f"http://localhost:{port}", f"http://union-a.localhost:{port}"
    due = timezone.localdate() + dt.timedelta(days=10)

    fed = _page(browser, federation, "federation_reporter")
    fed.goto(federation + "/reports/")
    fed.select_option("select[name=form]", str(form.pk))
    fed.select_option("select[name=period_kind]", "year")
    fed.select_option("select[name=period_year]", "2026")
    fed.fill("input[name=due_date]", due.isoformat())
    fed.click("button:has-text('下发')")
    fed.wait_for_url("**/reports/cycles/*/")
    sub = Submission.objects.get(union__slug="union-a")

    chair = _page(browser, union_a, "a_chair")
    chair.goto(union_a + "/")
    chair.click("#todo .todo-report a")
    assert chair.input_value("input[name=f_members]") == "150"
    chair.fill("input[name=f_members]", "148")
    chair.fill("input[name=f_women]", "149")
    chair.select_option("select[name=f_congress_held]", "是")
    chair.select_option("select[name=f_collective_contract]", "是")
    chair.select_option("select[name=f_mediation_committee]", "是")
    chair.select_option("select[name=f_women_committee]", "是")
    chair.select_option("select[name=f_funds_review_committee]", "否")
    chair.click("button[value=submit]")
    chair.wait_for_selector("text=其中：女会员人数应≤会员人数。")
    chair.screenshot(path=str(ARTIFACTS / "reports-01-field-error.png"), full_page=True)
    chair.fill("input[name=f_women]", "60")
    chair.click("button[value=submit]")
    chair.wait_for_selector("text=报表已提交总工会。")
    sub.refresh_from_db()
    assert (sub.status, sub.values["members"], sub.prefilled["members"]) == ("submitted", 148, 150)

    fed.goto(federation + f"/reports/submissions/{sub.pk}/")
    fed.fill("textarea[name=comment]", "会员人数与登记不一致，请核实")
    fed.click("button[value=return]")
    fed.wait_for_url("**/reports/cycles/*/")
    sub.refresh_from_db()
    assert sub.status == "returned"

    chair.goto(union_a + f"/reports/{sub.pk}/")
    assert chair.locator("text=会员人数与登记不一致，请核实").count() >= 1
    chair.fill("input[name=f_members]", "150")
    chair.click("button[value=submit]")
    chair.wait_for_selector("text=报表已提交总工会。")

    fed.goto(federation + f"/reports/submissions/{sub.pk}/")
    fed.click("button[value=accept]")
    fed.wait_for_url("**/reports/cycles/*/")
    fed.screenshot(path=str(ARTIFACTS / "reports-02-cycle.png"), full_page=True)
    sub.refresh_from_db()
    assert (sub.status, sub.values["members"]) == ("accepted", 150)
    with fed.expect_download() as dl:
        fed.click("text=导出 xlsx")
    rows = list(
        load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes())).active.iter_rows(
            values_only=True
        )
    )
    assert rows[-1][1] == 150

    photo = tmp_path / "比武.png"
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 200)).save(buf, "PNG")
    photo.write_bytes(buf.getvalue())
    chair.goto(union_a + "/reports/news/")
    chair.fill("input[name=title]", "职工技能比武")
    chair.fill("textarea[name=body]", "比武活动圆满结束。")
    chair.set_input_files("input[name=photos]", str(photo))
    chair.click("button:has-text('报送')")
    chair.wait_for_selector("text=工作信息已报送总工会。")
    news = NewsItem.objects.get()
    assert news.photos.count() == 1

    fed.goto(federation + "/reports/news/")
    fed.select_option("select[name=channel]", "city")
    fed.click("button:has-text('登记采用')")
    fed.wait_for_selector("text=采用情况已登记。")
    fed.goto(federation + "/reports/news/ranking/")
    fed.screenshot(path=str(ARTIFACTS / "reports-03-ranking.png"), full_page=True)
    zero = fed.inner_text("section.card:has-text('零报送单位')")
    assert "UNION-B 工会" in zero
    assert "UNION-A 工会" not in zero

    chair.goto(union_a + "/reports/news/")
    assert "5.0" in chair.inner_text(".stats")
