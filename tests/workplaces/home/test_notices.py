"""Issue 15 item 9: the federation's notices are for the union's officers; reading one
marks it for that user only."""

import pytest

from federation.platform.outbox.services import message_enqueue

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(union_a):
    (msg,) = message_enqueue(
        union=union_a,
        kind="dues.notice",
        subject="2026-10 经费通知",
        body="请按期缴纳",
        dedupe_key="test-notice-1",
    )
    return msg


@pytest.mark.parametrize(
    ("persona", "status"),
    [("a_member", 403), ("a_group_leader", 403), ("a_finance", 200), ("a_chair", 200)],
)
def test_only_officers_read_the_notices(client_for, union_a, notice, persona, status):
    client = client_for(persona, union_a)
    assert client.get("/api/v1/notices/").status_code == status
    assert client.get(f"/api/v1/notices/{notice.pk}/").status_code == status


def test_a_member_cannot_mark_a_notice_read(client_for, union_a, notice):
    assert (
        client_for("a_member", union_a).post(f"/api/v1/notices/{notice.pk}/read/").status_code
        == 403
    )
    notice.refresh_from_db()
    assert notice.read_at is None


def test_reading_marks_the_notice_for_that_user_only(client_for, union_a, notice):
    chair, vice = client_for("a_chair", union_a), client_for("a_organization", union_a)
    r = chair.post(f"/api/v1/notices/{notice.pk}/read/")
    assert r.status_code == 200
    assert r.json()["read_at"] is not None
    assert chair.get(f"/api/v1/notices/{notice.pk}/").json()["read_at"] is not None
    assert vice.get(f"/api/v1/notices/{notice.pk}/").json()["read_at"] is None
    notice.refresh_from_db()
    assert notice.read_at is None  # the union-wide flag is not touched


def test_another_unions_notice_is_404(client_for, union_b, notice):
    assert (
        client_for("b_chair", union_b).post(f"/api/v1/notices/{notice.pk}/read/").status_code == 404
    )
