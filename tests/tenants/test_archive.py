"""Data safety: a union's own archive has every table of its schema (no credentials), its
federation rows and its files, and imports into an empty union round-trip."""

import io
import json
import zipfile

import pytest
from django.test import override_settings

from tenants.archive import union_archive_export, union_archive_import
from tests.conftest import PASSWORD, HostClient
from tests.workplaces.members.conftest import member_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        yield tmp_path / "media"


@pytest.fixture
def filled_a(union_a, in_union, media):
    from workplaces.members.services import member_create

    with in_union(union_a):
        member_create(actor="test", **member_payload(name="李四"))
    evidence = media / union_a.schema_name / "evidence" / "a.txt"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes("证据".encode())
    return union_a


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _tables(zf):
    return {n[len("schema/") : -len(".json")] for n in zf.namelist() if n.startswith("schema/")}


def test_the_archive_has_every_table_of_the_schema_and_no_credentials(filled_a):
    from django.db import connection

    zf = _zip(union_archive_export(union=filled_a))
    with connection.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [filled_a.schema_name])
        all_tables = {r[0] for r in cur.fetchall()}
    assert _tables(zf) == all_tables - {
        "django_migrations",
        "django_session",
        "authtoken_token",
        "accounts_apitoken",
        "axes_accessattempt",
        "axes_accessattemptexpiration",
        "axes_accessfailurelog",
        "axes_accesslog",
    }
    users = json.loads(zf.read("schema/auth_user.json"))
    assert users
    assert all("password" not in u for u in users)
    members = json.loads(zf.read("schema/members_member.json"))
    assert [m["name"] for m in members] == ["李四"]
    manifest = json.loads(zf.read("manifest.json"))
    assert manifest["tables"]["members_member"]["rows"] == 1
    assert zf.read("files/evidence/a.txt") == "证据".encode()


def test_the_archive_carries_the_unions_federation_rows(filled_a):
    manifest = json.loads(_zip(union_archive_export(union=filled_a)).read("manifest.json"))
    assert "tenants.domain" in manifest["federation"]
    assert manifest["federation"]["tenants.domain"]["rows"] == 1


def test_an_archive_imports_into_an_empty_union_round_trip(filled_a, media):
    from tenants.services import union_create
    from tests.factories import credit_code

    first = union_archive_export(union=filled_a)
    empty = union_create(
        slug="union-c",
        name="C 工会",
        kind="enterprise",
        credit_code=credit_code(),
        admin_username="a_chair",
        admin_password="Another-Pass-2026!",
    )
    result = union_archive_import(union=empty, data=first)
    assert result["files"] == 1
    again = _zip(union_archive_export(union=empty))
    before = _zip(first)
    assert _tables(again) == _tables(before)
    for table in _tables(before):
        assert json.loads(again.read(f"schema/{table}.json")) == json.loads(
            before.read(f"schema/{table}.json")
        ), table
    assert (media / empty.schema_name / "evidence" / "a.txt").read_bytes() == "证据".encode()
    # a user the target already had keeps its password; the others have none usable
    login = HostClient("union-c.localhost").post(
        "/api/v1/auth/token/",
        {"username": "a_chair", "password": "Another-Pass-2026!"},
        format="json",
    )
    assert login.status_code == 200
    refused = HostClient("union-c.localhost").post(
        "/api/v1/auth/token/", {"username": "a_member", "password": PASSWORD}, format="json"
    )
    assert refused.status_code == 401


def test_the_administrator_downloads_and_imports_an_archive(federation_admin_api, filled_a):
    resp = federation_admin_api.get("/api/v1/unions/union-a/archive/")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/zip"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.zip", resp.content, content_type="application/zip")
    refused = federation_admin_api.post(
        "/api/v1/unions/union-b/archive/",
        {"file": upload, "confirm": "union-a"},
        format="multipart",
    )
    assert refused.status_code == 400
    assert "confirm" in refused.json()


def test_junk_is_not_an_archive(federation_admin_api, union_b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.zip", b"not a zip", content_type="application/zip")
    resp = federation_admin_api.post(
        "/api/v1/unions/union-b/archive/",
        {"file": upload, "confirm": "union-b"},
        format="multipart",
    )
    assert resp.status_code == 400
    assert "file" in resp.json()


def test_a_chair_takes_its_own_unions_archive(union_a_chair_api, filled_a):
    resp = union_a_chair_api.get("/api/v1/union/archive/")
    assert resp.status_code == 200
    assert "members_member" in _tables(_zip(resp.content))


def test_only_the_chair_takes_the_archive(client_for, union_a):
    assert client_for("a_organization", union_a).get("/api/v1/union/archive/").status_code == 403
    assert client_for("federation_clerk").get("/api/v1/unions/union-a/archive/").status_code == 403
