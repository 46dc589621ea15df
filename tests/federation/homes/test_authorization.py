"""Who may do what, on both hosts; a refused request changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from federation.homes.models import Round, Status
from tests.federation.homes.conftest import full_scores

pytestmark = pytest.mark.django_db

FEDERATION_WRITE = [
    (None, 401),
    ("federation_viewer", 403),
    ("federation_clerk", 403),
    ("federation_reporter", 403),
    ("federation_assessor", 201),
    ("federation_admin", 201),
]


@pytest.mark.parametrize(("who", "expected"), FEDERATION_WRITE)
def test_opening_a_round(client_for, scheme, today, union_a, who, expected):
    r = client_for(who).post(
        "/api/v1/homes/rounds/",
        {
            "scheme": scheme.pk,
            "title": "R",
            "unions": "all",
            "deadline": str(today + dt.timedelta(days=3)),
        },
        format="json",
    )
    assert r.status_code == expected
    assert Round.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize(
    ("who", "expected"), [(w, 200 if e == 201 else e) for w, e in FEDERATION_WRITE]
)
def test_reviewing(client_for, assessment_a, union_a, fill_and_submit, who, expected):
    fill_and_submit(assessment_a, union_a)
    r = client_for(who).post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/review/",
        {"items": full_scores(assessment_a, field="score"), "decision": "accept"},
        format="json",
    )
    assert r.status_code == expected
    assessment_a.refresh_from_db()
    assert assessment_a.status == (Status.ACCEPTED if expected == 200 else Status.SUBMITTED)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 401),
        # every federation staff role reads the township's overviews (FEDERATION_STAFF)
        ("federation_clerk", 200),
        ("federation_viewer", 200),
        ("federation_reporter", 200),
        ("federation_assessor", 200),
        ("federation_admin", 200),
    ],
)
def test_reading_round_results(client_for, round_ab, who, expected):
    assert (
        client_for(who).get(f"/api/v1/homes/rounds/{round_ab.pk}/results/").status_code == expected
    )


@pytest.fixture
def a_vice_chair(union_a, in_union):
    from federation.platform.accounts.services import user_create
    from tests.conftest import PASSWORD

    with in_union(union_a):
        user_create(username="a_vice", password=PASSWORD, roles=["vice_chair"], validate=False)
    return "a_vice"


UNION_READ = [
    (None, 401),
    ("a_member", 403),
    ("a_group_leader", 403),
    ("a_finance", 200),
    ("a_organization", 200),
    ("a_chair", 200),
    ("b_chair", 404),
]
UNION_WRITE = [
    (None, 401),
    ("a_member", 403),
    ("a_organization", 403),
    ("a_finance", 403),
    ("a_chair", 200),
    ("vice", 200),
    ("b_chair", 404),
]


def _client(client_for, who, union_a, union_b, vice=None):
    if who is None:
        return client_for(None, union_a)
    if who == "vice":
        return client_for(vice, union_a)
    return client_for(who, union_b if who.startswith("b_") else union_a)


@pytest.mark.parametrize(("who", "expected"), UNION_READ)
def test_reading_the_self_assessment(client_for, assessment_a, union_a, union_b, who, expected):
    api = _client(client_for, who, union_a, union_b)
    if who == "b_chair":  # at its own host, union-a's id
        api = client_for("b_chair", union_b)
    assert api.get(f"/api/v1/homes/assessments/{assessment_a.pk}/").status_code == expected


@pytest.mark.parametrize(("who", "expected"), UNION_WRITE)
def test_writing_the_self_assessment(
    client_for, assessment_a, union_a, union_b, a_vice_chair, who, expected
):
    api = _client(client_for, who, union_a, union_b, vice=a_vice_chair)
    r = api.patch(
        f"/api/v1/homes/assessments/{assessment_a.pk}/",
        {"items": [{"code": "ZZ01", "self_score": "3"}]},
        format="json",
    )
    assert r.status_code == expected
    changed = assessment_a.items.filter(criterion__code="ZZ01", self_score__isnull=False).exists()
    assert changed is (expected == 200)


@pytest.mark.parametrize(("who", "expected"), UNION_WRITE)
def test_submitting(
    client_for, assessment_a, union_a, union_b, a_vice_chair, in_union, who, expected
):
    from federation.homes.services import assessment_save

    with in_union(union_a):
        assessment_save(
            union=union_a,
            assessment=assessment_a,
            items=full_scores(assessment_a, typed=True),
            approval_rate=Decimal("90"),
            actor=None,
        )
    api = _client(client_for, who, union_a, union_b, vice=a_vice_chair)
    assert api.post(f"/api/v1/homes/assessments/{assessment_a.pk}/submit/").status_code == expected
    assessment_a.refresh_from_db()
    assert assessment_a.status == (Status.SUBMITTED if expected == 200 else Status.DRAFT)


def test_union_endpoints_do_not_exist_on_the_federation_host_for_writes(client_for, assessment_a):
    api = client_for("federation_admin")
    assert api.post(f"/api/v1/homes/assessments/{assessment_a.pk}/submit/").status_code == 404
    assert (
        api.patch(f"/api/v1/homes/assessments/{assessment_a.pk}/", {}, format="json").status_code
        == 405
    )


def test_federation_endpoints_do_not_exist_on_a_union_host(client_for, assessment_a, union_a):
    api = client_for("a_chair", union_a)
    assert (
        api.post(
            f"/api/v1/homes/assessments/{assessment_a.pk}/review/",
            {"decision": "accept"},
            format="json",
        ).status_code
        == 404
    )
    assert api.get("/api/v1/homes/rounds/").status_code == 404
