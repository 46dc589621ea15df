"""A union never sees another union's assessment or evidence, by id or by guessing the media URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from federation.homes.models import EvidenceFile, Status
from tests.conftest import PASSWORD
from tests.federation.homes.conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence_a(client_for, assessment_a, union_a):
    r = client_for("a_chair", union_a).post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/evidence/",
        {"file": SimpleUploadedFile("会议纪要.pdf", PDF), "code": "MZ01"},
        format="multipart",
    )
    assert r.status_code == 201
    return EvidenceFile.objects.get(pk=r.json()["id"])


def test_a_union_lists_only_its_own_assessments(client_for, assessment_a, assessment_b, union_a):
    r = client_for("a_chair", union_a).get("/api/v1/homes/assessments/")
    assert r.status_code == 200
    assert [row["id"] for row in r.json()["results"]] == [assessment_a.pk]


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("patch", "", {"items": [{"code": "ZZ01", "self_score": "1"}]}),
        ("post", "submit/", None),
        ("get", "certificate.pdf", None),
    ],
)
def test_another_unions_assessment_is_404_and_unchanged(
    client_for, assessment_a, union_b, method, suffix, body
):
    api = client_for("b_chair", union_b)
    r = getattr(api, method)(
        f"/api/v1/homes/assessments/{assessment_a.pk}/{suffix}", body, format="json"
    )
    assert r.status_code == 404
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.NOT_STARTED
    assert not assessment_a.items.filter(self_score__isnull=False).exists()


def test_uploading_to_another_unions_assessment_is_404(client_for, assessment_a, union_b):
    r = client_for("b_chair", union_b).post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/evidence/",
        {"file": SimpleUploadedFile("x.pdf", PDF)},
        format="multipart",
    )
    assert r.status_code == 404
    assert not EvidenceFile.objects.exists()


def test_the_owner_downloads_its_evidence(client_for, evidence_a, union_a):
    r = client_for("a_chair", union_a).get(
        f"/api/v1/homes/assessments/{evidence_a.assessment_id}/evidence/{evidence_a.pk}/"
    )
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == PDF
    assert r["Content-Type"] == "application/pdf"
    assert r["X-Content-Type-Options"] == "nosniff"


def test_the_federation_assessor_downloads_a_unions_evidence(client_for, evidence_a):
    r = client_for("federation_assessor").get(
        f"/api/v1/homes/assessments/{evidence_a.assessment_id}/evidence/{evidence_a.pk}/"
    )
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == PDF


def test_another_union_cannot_download_the_evidence_by_its_ids(
    client_for, evidence_a, assessment_b, union_b
):
    api = client_for("b_chair", union_b)
    for path in (
        f"/api/v1/homes/assessments/{evidence_a.assessment_id}/evidence/{evidence_a.pk}/",
        f"/api/v1/homes/assessments/{assessment_b.pk}/evidence/{evidence_a.pk}/",
    ):
        assert api.get(path).status_code == 404, path


def test_guessing_the_media_url_finds_nothing_on_any_host(client_for, evidence_a, union_a, union_b):
    name = evidence_a.file.name
    assert name.startswith("homes/union-a/")
    for host_client in (
        client_for("b_chair", union_b),
        client_for("a_chair", union_a),
        client_for("federation_admin"),
    ):
        for path in (
            f"/media/{name}",
            f"/media/private/{name}",
            f"/media/u_union_a/{name}",
            f"/{name}",
        ):
            assert host_client.get(path).status_code == 404, (host_client.host, path)


def test_the_evidence_page_of_another_union_is_404_for_a_logged_in_chair(evidence_a, union_b):
    client = Client(HTTP_HOST="union-b.localhost")
    assert (
        client.post("/accounts/login/", {"username": "b_chair", "password": PASSWORD}).status_code
        == 302
    )
    assert client.get(f"/homes/{evidence_a.assessment_id}/").status_code == 404
    assert (
        client.get(f"/homes/{evidence_a.assessment_id}/evidence/{evidence_a.pk}/").status_code
        == 404
    )


def test_the_evidence_file_is_kept_outside_the_public_media_tree(evidence_a, settings):
    from pathlib import Path

    from django.core.exceptions import SuspiciousFileOperation

    path = Path(evidence_a.file.path)
    assert path.is_file()
    assert Path(settings.MEDIA_ROOT, "private") in path.parents
    with pytest.raises(SuspiciousFileOperation):
        evidence_a.file.url  # noqa: B018


def test_a_union_chair_token_means_nothing_on_the_federation_host(
    client_for, union_a, assessment_a
):
    from rest_framework.test import APIClient

    from tests.conftest import _token_for

    token = _token_for("a_chair", union_a)
    api = APIClient(HTTP_HOST="localhost")
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get(f"/api/v1/homes/assessments/{assessment_a.pk}/").status_code == 401
