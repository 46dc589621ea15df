"""Activity photos and finance vouchers: bounded uploads, stored outside the public media,
served only through views that look them up in the asking union's schema."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def activity(union_a_chair_api):
    return union_a_chair_api.post(
        "/api/v1/activities/",
        {
            "title": "摄影展",
            "kind": "culture",
            "starts_at": "2026-12-01T10:00:00+08:00",
            "capacity": 9,
        },
        format="json",
    ).json()


def test_a_photo_is_uploaded_and_served_to_the_union_only(
    union_a_chair_api, union_b_chair_api, activity, tmp_path
):
    up = union_a_chair_api.post(
        f"/api/v1/activities/{activity['id']}/photos/",
        {"file": SimpleUploadedFile("a.png", PNG, "image/png")},
        format="multipart",
    )
    assert up.status_code == 201
    photo = up.json()["id"]
    got = union_a_chair_api.get(f"/api/v1/activities/photos/{photo}/")
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == PNG
    assert union_b_chair_api.get(f"/api/v1/activities/photos/{photo}/").status_code == 404
    assert not list((tmp_path).glob("union-*"))  # nothing under a public, guessable folder
    assert list((tmp_path / "private").rglob("*.png"))


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.png", b"not a png at all"), ("a.exe", b"MZ\x90\x00"), ("a.gif", b"GIF89a")],
)
def test_a_photo_of_the_wrong_type_is_a_400(union_a_chair_api, activity, name, content):
    response = union_a_chair_api.post(
        f"/api/v1/activities/{activity['id']}/photos/",
        {"file": SimpleUploadedFile(name, content)},
        format="multipart",
    )
    assert response.status_code == 400
    assert "file" in response.json()


def test_a_photo_over_the_size_limit_is_a_400(union_a_chair_api, activity):
    big = PNG + b"\x00" * (5 * 1024 * 1024)
    response = union_a_chair_api.post(
        f"/api/v1/activities/{activity['id']}/photos/",
        {"file": SimpleUploadedFile("big.png", big)},
        format="multipart",
    )
    assert response.status_code == 400


def test_a_voucher_is_attached_and_read_by_finance_only(client_for, union_a):
    finance = client_for("a_finance", union_a)
    entry = finance.post(
        "/api/v1/finance/entries/",
        {
            "kind": "expense",
            "category": "activities",
            "amount": "9.00",
            "on": "2026-05-01",
            "summary": "x",
        },
        format="json",
    ).json()
    up = finance.post(
        f"/api/v1/finance/entries/{entry['id']}/attachments/",
        {"file": SimpleUploadedFile("v.pdf", PDF)},
        format="multipart",
    )
    assert up.status_code == 201
    assert finance.get(f"/api/v1/finance/attachments/{up.json()['id']}/").status_code == 200
    assert (
        client_for("a_member", union_a)
        .get(f"/api/v1/finance/attachments/{up.json()['id']}/")
        .status_code
        == 403
    )
    assert (
        finance.get(f"/api/v1/finance/entries/{entry['id']}/").json()["attachments"][0]["name"]
        == "v.pdf"
    )
