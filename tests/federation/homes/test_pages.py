"""The pages of both sides render, act through the services, and refuse the wrong people."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from federation.homes.models import EvidenceFile, Round, Status
from tests.conftest import PASSWORD
from tests.federation.homes.conftest import PDF

pytestmark = pytest.mark.django_db


def login(username, union=None):
    client = Client(HTTP_HOST=f"{union.slug}.localhost" if union else "localhost")
    r = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert r.status_code == 302
    return client


def test_the_overview_shows_levels_expiring_titles_and_returned_unions(
    assessment_a, assessment_b, union_a, union_b, fill_and_submit, review, today
):
    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="85")
    fill_and_submit(assessment_b, union_b)
    review(
        assessment_b,
        decision="return",
        comment="档案不全，请补充",
        deadline=str(today + dt.timedelta(days=9)),
    )
    html = login("federation_assessor").get("/homes/").content.decode()
    assert "先进" in html
    assert "档案不全，请补充" in html
    assert union_b.name in html
    assert "2026 验收" in html


def test_the_overview_lists_titles_expiring_within_90_days(
    assessment_a, union_a, fill_and_submit, review, today
):
    from federation.homes.models import Title
    from federation.homes.selectors import township_overview

    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="85")
    assert township_overview(on=today)["expiring"] == []
    Title.objects.filter(union=union_a).update(recheck_due=today + dt.timedelta(days=60))
    o = township_overview(on=today)
    assert [t.union.slug for t in o["expiring"]] == ["union-a"]
    assert o["levels"] == {"合格": 0, "先进": 1, "模范": 0}


def test_the_overview_exports_xlsx(assessment_a, union_a, fill_and_submit, review):
    from openpyxl import load_workbook

    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="91")
    r = login("federation_viewer").get("/homes/export.xlsx")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == union_a.name
    assert rows[1][2] == "模范"
    assert len(wb.worksheets) == 4


def test_the_round_form_opens_a_round_for_chosen_unions(scheme, union_a, union_b, today):
    client = login("federation_assessor")
    assert client.get("/homes/rounds/new/").status_code == 200
    r = client.post(
        "/homes/rounds/new/",
        {
            "title": "2027 验收",
            "scheme": scheme.pk,
            "kind": "normal",
            "deadline": str(today + dt.timedelta(days=20)),
            "scope": "chosen",
            "unions": ["union-b"],
        },
    )
    assert r.status_code == 302
    rnd = Round.objects.get(title="2027 验收")
    assert list(rnd.assessments.values_list("union__slug", flat=True)) == ["union-b"]


def test_the_round_form_shows_errors_on_bad_input(scheme):
    r = login("federation_assessor").post(
        "/homes/rounds/new/",
        {"title": "", "scheme": scheme.pk, "scope": "all", "deadline": "2020-01-01"},
    )
    assert r.status_code == 400
    assert not Round.objects.exists()


def test_the_progress_grid_page_counts(round_ab, assessment_a, union_a, fill_and_submit):
    fill_and_submit(assessment_a, union_a)
    html = login("federation_viewer").get(f"/homes/rounds/{round_ab.pk}/").content.decode()
    counts = dict(
        re.findall(r'data-status="(\w+)"><span class="muted">[^<]+</span><b>(\d+)</b>', html)
    )
    assert counts == {
        "not_started": "1",
        "draft": "0",
        "submitted": "1",
        "returned": "0",
        "accepted": "0",
        "failed": "0",
        "vetoed": "0",
        "withdrawn": "0",
    }


def test_the_review_page_shows_self_scores_and_accepts(assessment_a, union_a, fill_and_submit):
    fill_and_submit(assessment_a, union_a, total="88")
    client = login("federation_assessor")
    html = client.get(f"/homes/assessments/{assessment_a.pk}/").content.decode()
    assert "88.00" in html
    assert 'name="score_ZZ01"' in html
    assert "一票否决" in html
    post = {"action": "accept", "comment": "好"}
    for item in assessment_a.items.select_related("criterion"):
        post[f"score_{item.criterion.code}"] = str(item.self_score)
        post[f"comment_{item.criterion.code}"] = ""
    r = client.post(f"/homes/assessments/{assessment_a.pk}/", post)
    assert r.status_code == 302
    assessment_a.refresh_from_db()
    assert (assessment_a.status, assessment_a.level.name) == (Status.ACCEPTED, "先进")


def test_the_review_page_refuses_a_viewer_post(assessment_a, union_a, fill_and_submit):
    fill_and_submit(assessment_a, union_a)
    r = login("federation_viewer").post(
        f"/homes/assessments/{assessment_a.pk}/", {"action": "accept"}
    )
    assert r.status_code == 403
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.SUBMITTED


def test_the_review_page_returns_with_a_new_deadline(assessment_a, union_a, fill_and_submit, today):
    fill_and_submit(assessment_a, union_a)
    deadline = today + dt.timedelta(days=10)
    r = login("federation_assessor").post(
        f"/homes/assessments/{assessment_a.pk}/",
        {"action": "return", "comment": "补充照片", "deadline": str(deadline)},
    )
    assert r.status_code == 302
    assessment_a.refresh_from_db()
    assert (assessment_a.status, assessment_a.deadline) == (Status.RETURNED, deadline)


def test_the_schemes_pages(scheme):
    client = login("federation_assessor")
    assert scheme.name in client.get("/homes/schemes/").content.decode()
    html = client.get(f"/homes/schemes/{scheme.pk}/").content.decode()
    assert "经费与档案" in html
    assert "ZZ01" in html


def test_a_dues_officer_reads_the_federation_pages_but_cannot_write(round_ab):
    client = login("federation_clerk")
    assert client.get("/homes/").status_code == 200
    assert client.post(f"/homes/rounds/{round_ab.pk}/").status_code == 403
    round_ab.refresh_from_db()
    assert round_ab.closed_at is None


def test_the_union_saves_and_submits_through_its_form(assessment_a, union_a):
    client = login("a_chair", union_a)
    html = client.get("/homes/").content.decode()
    assert "2026 验收" in html
    html = client.get(f"/homes/{assessment_a.pk}/").content.decode()
    assert 'name="self_ZZ01"' in html
    assert "一票否决" in html
    post = {"action": "submit", "approval_rate": "92", "survey_note": "问卷"}
    for item in assessment_a.items.select_related("criterion"):
        post[f"self_{item.criterion.code}"] = str(item.criterion.max_points)
        post[f"evidence_{item.criterion.code}"] = "见台账"
    r = client.post(f"/homes/{assessment_a.pk}/", post)
    assert r.status_code == 302
    assessment_a.refresh_from_db()
    assert (assessment_a.status, str(assessment_a.self_total)) == (Status.SUBMITTED, "100.00")


def test_the_union_form_shows_errors_and_keeps_the_status(assessment_a, union_a):
    r = login("a_chair", union_a).post(
        f"/homes/{assessment_a.pk}/", {"self_ZZ01": "9", "action": "save"}
    )
    assert r.status_code == 400
    assert "ZZ01 自评分：请填写0至6.00之间的数。" in r.content.decode()
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.NOT_STARTED


def test_the_submit_button_is_disabled_after_the_deadline(assessment_a, union_a, today):
    Round.objects.filter(pk=assessment_a.round_id).update(deadline=today - dt.timedelta(days=1))
    html = login("a_chair", union_a).get(f"/homes/{assessment_a.pk}/").content.decode()
    assert 'value="submit" disabled' in html


def test_the_htmx_upload_returns_the_file_list_of_the_criterion(assessment_a, union_a):
    client = login("a_chair", union_a)
    r = client.post(
        f"/homes/{assessment_a.pk}/evidence/",
        {"code": "ZD01", "file_ZD01": SimpleUploadedFile("阵地照片.pdf", PDF)},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="files-ZD01"' in html
    assert "阵地照片.pdf" in html
    evidence = EvidenceFile.objects.get()
    assert evidence.item.criterion.code == "ZD01"
    r = client.post(
        f"/homes/{assessment_a.pk}/evidence/",
        {"code": "ZD01", "file_ZD01": SimpleUploadedFile("bad.exe", b"MZ")},
        HTTP_HX_REQUEST="true",
    )
    assert "errors" in r.content.decode()
    assert EvidenceFile.objects.count() == 1
    r = client.post(
        f"/homes/{assessment_a.pk}/evidence/{evidence.pk}/delete/", HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200
    assert not EvidenceFile.objects.exists()


def test_union_pages_refuse_a_plain_member(assessment_a, union_a):
    client = login("a_member", union_a)
    assert client.get("/homes/").status_code == 403
    assert client.get(f"/homes/{assessment_a.pk}/").status_code == 403


def test_an_officer_reads_but_cannot_change_the_self_assessment(assessment_a, union_a):
    client = login("a_organization", union_a)
    html = client.get(f"/homes/{assessment_a.pk}/").content.decode()
    assert 'name="self_ZZ01"' not in html
    assert client.post(f"/homes/{assessment_a.pk}/", {"self_ZZ01": "3"}).status_code == 403


def test_the_union_sees_its_title_and_history(assessment_a, union_a, fill_and_submit, review):
    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="92")
    html = login("a_chair", union_a).get("/homes/").content.decode()
    assert "模范" in html
    assert "certificate.pdf" in html


def test_the_nav_shows_the_staff_home_to_the_right_people():
    assert 'href="/homes/"' in login("federation_assessor").get("/homes/").content.decode()


def test_the_assessor_downloads_all_evidence_as_one_zip(client_for, assessment_a, union_a):
    import zipfile

    api = client_for("a_chair", union_a)
    for name in ("纪要.pdf", "纪要.pdf"):
        api.post(
            f"/api/v1/homes/assessments/{assessment_a.pk}/evidence/",
            {"file": SimpleUploadedFile(name, PDF), "code": "MZ01"},
            format="multipart",
        )
    r = login("federation_assessor").get(f"/homes/assessments/{assessment_a.pk}/evidence.zip")
    assert r.status_code == 200
    zf = zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content)))
    assert sorted(zf.namelist()) == ["MZ01/纪要-2.pdf", "MZ01/纪要.pdf", "self-assessment.csv"]
    assert zf.read("MZ01/纪要.pdf") == PDF
    assert "ZZ01" in zf.read("self-assessment.csv").decode("utf-8-sig")


def test_the_recheck_link_preselects_the_unions(assessment_a, union_a):
    html = (
        login("federation_assessor")
        .get("/homes/rounds/new/?kind=recheck&unions=union-a")
        .content.decode()
    )
    assert 'value="union-a" checked' in html
    assert 'value="recheck" selected' in html


def test_the_review_page_shows_the_unions_title_history(
    scheme, assessment_a, union_a, fill_and_submit, review, today
):
    from federation.homes.services import round_open

    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="85")
    rnd = round_open(
        scheme=scheme,
        title="复核2027",
        deadline=today + dt.timedelta(days=5),
        unions="all",
        kind="recheck",
        actor=None,
    )
    recheck = rnd.assessments.get()
    fill_and_submit(recheck, union_a)
    review(recheck, total="50", comment="复核未达标")
    html = login("federation_viewer").get(f"/homes/assessments/{recheck.pk}/").content.decode()
    assert "复核未达标" in html
    assert "2026 验收" in html


def test_a_review_with_one_score_above_its_maximum_keeps_every_typed_value(
    assessment_a, union_a, fill_and_submit
):
    """Issue 11 item 15: nothing is saved, every box keeps what was typed, the one wrong box
    is marked, and the message names the criterion and the field in Chinese."""
    fill_and_submit(assessment_a, union_a)
    codes = list(
        assessment_a.items.order_by("criterion__order").values_list("criterion__code", flat=True)
    )
    form = {f"score_{code}": f"{n % 4}.5" for n, code in enumerate(codes)}
    form.update({f"comment_{code}": f"意见{code}" for code in codes})
    form["score_ZZ01"] = "7"  # ZZ01 is worth 6 points
    form.update({"action": "save", "comment": "总体意见"})
    r = login("federation_assessor").post(f"/homes/assessments/{assessment_a.pk}/", form)
    assert r.status_code == 400
    html = r.content.decode()
    for code in codes:
        assert f'name="score_{code}" value="{form[f"score_{code}"]}"' in html
        assert f"意见{code}</textarea>" in html
    assert "总体意见</textarea>" in html
    marked = re.findall(r'name="score_(\w+)" value="[^"]*" [^>]*aria-invalid="true"', html)
    assert marked == ["ZZ01"]
    assert "ZZ01 得分：请填写0至6.00之间的数。" in html
    assert "items" not in re.sub(r"homes-items", "", html.split('role="alert"')[1][:400])
    assert not assessment_a.items.filter(score__isnull=False).exists()


def test_a_review_with_a_score_that_is_not_a_number_marks_that_box(
    assessment_a, union_a, fill_and_submit
):
    fill_and_submit(assessment_a, union_a)
    r = login("federation_assessor").post(
        f"/homes/assessments/{assessment_a.pk}/",
        {"action": "save", "score_ZZ02": "abc", "score_ZZ01": "5"},
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert 'name="score_ZZ02" value="abc"' in html
    assert 'name="score_ZZ01" value="5"' in html
    assert re.findall(r'name="score_(\w+)" value="[^"]*" [^>]*aria-invalid="true"', html) == [
        "ZZ02"
    ]


def test_a_self_assessment_with_one_bad_score_keeps_every_typed_value(assessment_a, union_a):
    codes = list(
        assessment_a.items.order_by("criterion__order").values_list("criterion__code", flat=True)
    )
    form = {f"self_{code}": "1" for code in codes}
    form.update({f"evidence_{code}": f"材料{code}" for code in codes})
    form.update({"self_ZZ01": "6.5", "approval_rate": "88", "action": "save"})
    r = login("a_chair", union_a).post(f"/homes/{assessment_a.pk}/", form)
    assert r.status_code == 400
    html = r.content.decode()
    assert 'name="self_ZZ01" value="6.5"' in html
    assert 'name="self_ZZ02" value="1"' in html
    assert "材料ZZ03</textarea>" in html
    assert 'name="approval_rate" value="88"' in html
    assert "ZZ01 自评分" in html
    assert not assessment_a.items.filter(self_score__isnull=False).exists()


def test_the_round_name_field_is_not_labelled_title(scheme):
    html = login("federation_assessor").get("/homes/rounds/new/").content.decode()
    label = re.search(r"<label>([^<]*)<input name=\"title\"", html).group(1)
    assert label == "轮次名称"


def test_reading_pages_and_the_api_writes_nothing(client_for):
    """The shipped scheme and rule come from migration 0002; a GET never creates them."""
    from federation.homes.models import HomeRule, Scheme

    Scheme.objects.all().delete()
    HomeRule.objects.all().delete()
    client = login("federation_assessor")
    for path in ("/homes/", "/homes/schemes/", "/homes/rounds/new/"):
        assert client.get(path).status_code == 200
    api = client_for("federation_assessor")
    assert api.get("/api/v1/homes/schemes/").json()["count"] == 0
    assert api.get("/api/v1/homes/rules/").json()["count"] == 0
    assert (Scheme.objects.count(), HomeRule.objects.count()) == (0, 0)


def test_a_return_without_a_comment_names_the_field_in_chinese(
    assessment_a, union_a, fill_and_submit, today
):
    """Issue 11 item 12: no raw ``comment:`` on the page."""
    fill_and_submit(assessment_a, union_a)
    r = login("federation_assessor").post(
        f"/homes/assessments/{assessment_a.pk}/",
        {"action": "return", "comment": "", "deadline": str(today + dt.timedelta(days=10))},
    )
    assert r.status_code == 400
    html = r.content.decode()
    errors = html.split('<div class="errors card" role="alert">')[1].split("</div></div>")[0]
    assert "comment" not in errors
    assert re.search(r"<b>[\u4e00-\u9fff]+</b>：", errors), errors
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.SUBMITTED


def test_the_overview_progress_bar_names_each_status_in_chinese(round_ab):
    html = login("federation_assessor").get("/homes/").content.decode()
    assert 'title="未开始: 2"' in html
    assert 'title="not_started' not in html


def test_the_round_form_sent_twice_opens_one_round(scheme, union_a, today):
    client = login("federation_assessor")
    body = {
        "title": "2027 验收",
        "scheme": scheme.pk,
        "kind": "normal",
        "deadline": str(today + dt.timedelta(days=20)),
        "scope": "chosen",
        "unions": ["union-a"],
    }
    assert client.post("/homes/rounds/new/", body).status_code == 302
    again = client.post("/homes/rounds/new/", body)
    assert again.status_code == 400
    assert "已有同名的验收批次" in again.content.decode()
    assert Round.objects.filter(title="2027 验收").count() == 1


def test_a_job_in_the_history_reads_as_the_system_in_chinese(scheme, union_a, today):
    from federation.homes.services import round_open

    rnd = round_open(
        scheme=scheme,
        title="系统开启",
        deadline=today + dt.timedelta(days=9),
        unions=["union-a"],
        actor=None,
    )
    assessment = rnd.assessments.get()
    html = login("a_chair", union_a).get(f"/homes/{assessment.pk}/").content.decode()
    assert "· 系统" in html
    assert "· system" not in html
