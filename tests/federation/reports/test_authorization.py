"""Who may do what, on each host; a refusal changes nothing."""

import pytest

from federation.reports.models import Cycle, NewsItem, Submission
from tests.federation.reports.conftest import MANUAL

pytestmark = pytest.mark.django_db

FED_PERSONAS = [
    # persona, may read, may write
    (None, 401, 401),
    ("federation_viewer", 200, 403),
    ("federation_clerk", 200, 403),
    ("federation_assessor", 200, 403),
    ("federation_reporter", 200, 201),
    ("federation_admin", 200, 201),
]


@pytest.mark.parametrize(("persona", "read", "write"), FED_PERSONAS)
def test_opening_a_cycle_and_reading_its_status(client_for, annual, frozen, persona, read, write):
    client = client_for(persona)
    r = client.post(
        "/api/v1/reports/cycles/",
        {"form": "annual-basic", "period": "2026", "due_date": "2026-12-01", "unions": "all"},
        format="json",
    )
    assert r.status_code == write
    assert Cycle.objects.count() == (1 if write == 201 else 0)
    assert client.get("/api/v1/reports/cycles/").status_code == read


@pytest.mark.parametrize(("persona", "read", "write"), FED_PERSONAS)
def test_accepting_a_submission(client_for, sub_a, persona, read, write):
    from federation.reports.services import submission_submit

    submission_submit(submission=sub_a, values=MANUAL)
    client = client_for(persona)
    assert client.get(f"/api/v1/reports/cycles/{sub_a.cycle_id}/aggregate/").status_code == read
    r = client.post(f"/api/v1/reports/submissions/{sub_a.pk}/accept/", {}, format="json")
    assert r.status_code == (200 if write == 201 else write)
    assert Submission.objects.get(pk=sub_a.pk).status == (
        "accepted" if write == 201 else "submitted"
    )


def test_a_union_token_means_nothing_on_the_federation_host(client_for, union_a, cycle):
    from rest_framework.authtoken.models import Token

    from tests.conftest import _token_for

    key = _token_for("a_chair", union_a)
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/reports/cycles/").status_code == 401
    assert not Token.objects.filter(key=key).exists()  # public schema has no such token


UNION_PERSONAS = [
    (None, 401),
    ("a_member", 403),
    ("a_group_leader", 403),
    ("a_finance", 200),
    ("a_organization", 200),
    ("a_chair", 200),
]


@pytest.mark.parametrize(("persona", "expected"), UNION_PERSONAS)
def test_filling_a_report_on_the_union_host(client_for, union_a, sub_a, persona, expected):
    client = client_for(persona, union_a)
    assert client.get("/api/v1/reports/").status_code == expected
    r = client.patch(f"/api/v1/reports/{sub_a.pk}/", {"values": {"union_staff": 3}}, format="json")
    assert r.status_code == expected
    assert Submission.objects.get(pk=sub_a.pk).values == (
        {"union_staff": 3} if expected == 200 else {}
    )


@pytest.mark.parametrize(("persona", "expected"), UNION_PERSONAS)
def test_sending_news_on_the_union_host(client_for, union_a, media, persona, expected):
    client = client_for(persona, union_a)
    r = client.post("/api/v1/news/", {"title": "活动", "body": "内容", "event_date": "2026-11-01"})
    assert r.status_code == (201 if expected == 200 else expected)
    assert NewsItem.objects.filter(union=union_a).count() == (1 if expected == 200 else 0)


def test_federation_staff_have_no_account_on_a_union_host(client_for, union_a, cycle):
    client = client_for(None, union_a)
    from tests.conftest import _token_for

    client.credentials(HTTP_AUTHORIZATION=f"Token {_token_for('federation_reporter')}")
    assert client.get("/api/v1/reports/").status_code == 401


def test_federation_endpoints_do_not_exist_on_a_union_host(a_chair, cycle):
    assert a_chair.get(f"/api/v1/reports/cycles/{cycle.pk}/status/").status_code == 404
    assert a_chair.get("/api/v1/news/ranking/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (None, 302),
        ("federation_viewer", 200),
        ("federation_clerk", 200),
        ("federation_reporter", 200),
    ],
)
def test_federation_pages(persona, status, cycle):
    from django.test import Client

    from tests.conftest import PASSWORD

    client = Client(HTTP_HOST="localhost")
    if persona:
        assert client.login(username=persona, password=PASSWORD)
    for url in (
        "/reports/",
        f"/reports/cycles/{cycle.pk}/",
        "/reports/forms/",
        "/reports/news/",
        "/reports/news/ranking/",
    ):
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize(
    ("persona", "status"), [(None, 302), ("a_member", 403), ("a_organization", 200)]
)
def test_union_pages(persona, status, sub_a, union_a):
    from django.db import connection
    from django.test import Client

    from tests.conftest import PASSWORD

    client = Client(HTTP_HOST="union-a.localhost")
    if persona:
        client.post("/accounts/login/", {"username": persona, "password": PASSWORD})
        connection.set_schema_to_public()
    for url in ("/reports/", f"/reports/{sub_a.pk}/", "/reports/news/"):
        assert client.get(url).status_code == status, url
        connection.set_schema_to_public()
