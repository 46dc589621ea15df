"""Finding 10: a deactivated union's members are not stuck; reactivation exists, audited."""

import pytest

from federation.platform.audit.models import AuditEvent
from tenants.models import MemberIndex, MemberIndexRelease, Union
from tests.workplaces.members.conftest import member_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_member(in_union, union_a):
    from workplaces.members.services import member_create

    data = member_payload()
    with in_union(union_a):
        member_create(actor="test", **data)
    return data


def _admit_at_b(client_for, union_b, data):
    return client_for("b_organization", union_b).post("/api/v1/members/", data, format="json")


def test_retaining_on_deactivation_keeps_the_members_index_rows(
    federation_admin_api, union_a, a_member
):
    resp = federation_admin_api.post("/api/v1/unions/union-a/deactivate/", {}, format="json")
    assert resp.status_code == 200
    assert resp.json()["status"] == "inactive"
    assert MemberIndex.objects.filter(union=union_a, active=True).count() == 1


def test_releasing_on_deactivation_lets_another_union_admit_them(
    federation_admin_api, client_for, union_a, union_b, a_member
):
    resp = federation_admin_api.post(
        "/api/v1/unions/union-a/deactivate/",
        {"members": "release", "reason": "企业注销"},
        format="json",
    )
    assert resp.status_code == 200
    assert MemberIndex.objects.filter(union=union_a, active=True).count() == 0
    release = MemberIndexRelease.objects.get(union=union_a)
    assert (release.reason, release.by_deactivation, release.released_by) == (
        "企业注销",
        True,
        "federation_admin",
    )
    events = AuditEvent.objects.filter(kind="member_index.released", union_slug="union-a")
    assert [(e.before, e.after) for e in events] == [
        ({"active": True}, {"active": False, "reason": "企业注销"})
    ]
    assert _admit_at_b(client_for, union_b, a_member).status_code == 201


def test_releasing_without_a_reason_is_a_400_and_changes_nothing(
    federation_admin_api, union_a, a_member
):
    resp = federation_admin_api.post(
        "/api/v1/unions/union-a/deactivate/", {"members": "release"}, format="json"
    )
    assert resp.status_code == 400
    assert "reason" in resp.json()
    union_a.refresh_from_db()
    assert union_a.status == "active"
    assert MemberIndex.objects.filter(union=union_a, active=True).count() == 1


def test_deactivation_without_a_body_still_works(federation_admin_api, union_a):
    assert federation_admin_api.post("/api/v1/unions/union-a/deactivate/").status_code == 200


def test_patching_the_status_is_a_400_pointing_to_reactivate(federation_admin_api, union_a):
    federation_admin_api.post("/api/v1/unions/union-a/deactivate/")
    resp = federation_admin_api.patch(
        "/api/v1/unions/union-a/", {"status": "active"}, format="json"
    )
    assert resp.status_code == 400
    assert "/api/v1/unions/union-a/reactivate/" in resp.json()["status"][0]
    assert Union.objects.get(slug="union-a").status == "inactive"


def test_reactivation_serves_the_union_again_and_is_audited(
    federation_admin_api, client_for, union_a
):
    federation_admin_api.post("/api/v1/unions/union-a/deactivate/")
    resp = federation_admin_api.post(
        "/api/v1/unions/union-a/reactivate/", {"reason": "复会"}, format="json"
    )
    assert resp.status_code == 200
    body = resp.json()
    assert (body["union"]["status"], body["reclaimed"], body["clashes"]) == ("active", 0, 0)
    event = AuditEvent.objects.get(kind="union.reactivated", union_slug="union-a")
    assert (event.before["status"], event.after["status"], event.note) == (
        "inactive",
        "active",
        "复会",
    )
    assert client_for("a_chair", union_a).get("/api/v1/auth/me/").status_code == 200


def test_reactivation_gives_released_rows_back_unless_admitted_elsewhere(
    federation_admin_api, client_for, in_union, union_a, union_b, a_member
):
    from workplaces.members.services import member_create

    other = member_payload()
    with in_union(union_a):
        member_create(actor="test", **other)
    federation_admin_api.post(
        "/api/v1/unions/union-a/deactivate/",
        {"members": "release", "reason": "停业"},
        format="json",
    )
    assert _admit_at_b(client_for, union_b, a_member).status_code == 201
    body = federation_admin_api.post("/api/v1/unions/union-a/reactivate/", {}, format="json").json()
    assert (body["reclaimed"], body["clashes"]) == (1, 1)
    assert MemberIndex.objects.filter(union=union_a, active=True).count() == 1


def test_reactivating_an_active_union_is_a_409(federation_admin_api, union_a):
    resp = federation_admin_api.post("/api/v1/unions/union-a/reactivate/", {}, format="json")
    assert resp.status_code == 409
    assert resp.json()["code"] == "not_inactive"


def test_the_clerk_releases_one_member_of_a_deactivated_union(
    federation_admin_api, client_for, union_a, union_b, a_member
):
    federation_admin_api.post("/api/v1/unions/union-a/deactivate/")
    clerk = client_for("federation_clerk")
    resp = clerk.post(
        "/api/v1/unions/union-a/member-index/release/",
        {"id_number": a_member["id_number"], "reason": "本人申请转入新单位"},
        format="json",
    )
    assert resp.status_code == 200
    assert resp.json() == {"released": 1}
    assert MemberIndexRelease.objects.get(union=union_a).by_deactivation is False
    assert _admit_at_b(client_for, union_b, a_member).status_code == 201


def test_releasing_one_member_of_an_active_union_is_a_409(client_for, union_a, a_member):
    resp = client_for("federation_clerk").post(
        "/api/v1/unions/union-a/member-index/release/",
        {"id_number": a_member["id_number"], "reason": "x"},
        format="json",
    )
    assert resp.status_code == 409
    assert MemberIndex.objects.filter(union=union_a, active=True).count() == 1


def test_releasing_someone_the_union_does_not_hold_is_a_404(
    federation_admin_api, client_for, union_a
):
    from tests.workplaces.members.conftest import unique_id

    federation_admin_api.post("/api/v1/unions/union-a/deactivate/")
    resp = client_for("federation_clerk").post(
        "/api/v1/unions/union-a/member-index/release/",
        {"id_number": unique_id(), "reason": "x"},
        format="json",
    )
    assert resp.status_code == 404


@pytest.mark.parametrize("persona", ["federation_viewer", "federation_assessor"])
def test_only_the_dues_clerk_and_admin_release_a_member(client_for, persona, union_a):
    resp = client_for(persona).post(
        "/api/v1/unions/union-a/member-index/release/",
        {"id_number": "1" * 18, "reason": "x"},
        format="json",
    )
    assert resp.status_code == 403


def test_the_union_page_deactivates_with_release_and_reactivates(union_a, a_member):
    from django.test import Client

    from tests.conftest import PASSWORD

    browser = Client(HTTP_HOST="localhost")
    browser.post("/accounts/login/", {"username": "federation_admin", "password": PASSWORD})
    resp = browser.post("/unions/union-a/deactivate/", {"members": "release", "reason": "撤销"})
    assert resp.status_code == 302
    assert MemberIndex.objects.filter(union=union_a, active=True).count() == 0
    page = browser.get("/unions/union-a/").content.decode()
    assert 'id="reactivate"' in page
    assert browser.post("/unions/union-a/reactivate/", {"reason": "复会"}).status_code == 302
    assert Union.objects.get(slug="union-a").status == "active"
    assert MemberIndex.objects.filter(union=union_a, active=True).count() == 1
