"""The certificate is a PDF with the union's name in Chinese, once accepted."""

import io

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(assessment_a, union_a, fill_and_submit, review):
    fill_and_submit(assessment_a, union_a)
    return review(assessment_a, total="85")


def _text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_certificate_is_a_pdf_with_the_unions_name_and_level(client_for, accepted, union_a):
    r = client_for("federation_assessor").get(
        f"/api/v1/homes/assessments/{accepted.pk}/certificate.pdf"
    )
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    text = _text(r.content)
    assert union_a.name in text
    assert "先进职工之家" in text
    assert accepted.title.number in text
    assert "测试镇总工会" in text


def test_the_certificate_embeds_a_cjk_truetype_font(client_for, accepted):
    content = (
        client_for("federation_assessor")
        .get(f"/api/v1/homes/assessments/{accepted.pk}/certificate.pdf")
        .content
    )
    reader = PdfReader(io.BytesIO(content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = [str(f.get_object()["/BaseFont"]) for f in fonts.values()]
    assert any("WenQuanYiMicroHei" in n for n in names)


def test_the_union_downloads_its_own_certificate(client_for, accepted, union_a):
    r = client_for("a_chair", union_a).get(
        f"/api/v1/homes/assessments/{accepted.pk}/certificate.pdf"
    )
    assert r.status_code == 200
    assert union_a.name in _text(r.content)


def test_no_certificate_before_acceptance(client_for, assessment_a, union_a):
    assert (
        client_for("federation_assessor")
        .get(f"/api/v1/homes/assessments/{assessment_a.pk}/certificate.pdf")
        .status_code
        == 404
    )
    assert (
        client_for("a_chair", union_a)
        .get(f"/api/v1/homes/assessments/{assessment_a.pk}/certificate.pdf")
        .status_code
        == 404
    )


def test_another_union_gets_no_certificate(client_for, accepted, union_b):
    assert (
        client_for("b_chair", union_b)
        .get(f"/api/v1/homes/assessments/{accepted.pk}/certificate.pdf")
        .status_code
        == 404
    )


def test_a_withdrawn_titles_certificate_says_so(client_for, accepted):
    from federation.homes.services import title_withdraw

    title_withdraw(title=accepted.title, reason="复核不合格", actor=None)
    r = client_for("federation_assessor").get(
        f"/api/v1/homes/assessments/{accepted.pk}/certificate.pdf"
    )
    assert r.status_code == 200
    assert "已撤销" in _text(r.content)


def test_the_printable_self_assessment_lists_scores_and_vetoes(
    assessment_a, union_a, fill_and_submit, client_for
):
    from django.test import Client

    from tests.conftest import PASSWORD

    fill_and_submit(assessment_a, union_a, total="88")
    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    r = client.get(f"/homes/{assessment_a.pk}/self-assessment.pdf")
    assert r.status_code == 200
    text = _text(r.content)
    assert union_a.name in text
    assert "自评表" in text
    assert "88.00" in text
    assert "一票否决" in text
    other = Client(HTTP_HOST="union-b.localhost")
    other.post("/accounts/login/", {"username": "b_chair", "password": PASSWORD})
    assert other.get(f"/homes/{assessment_a.pk}/self-assessment.pdf").status_code == 404
