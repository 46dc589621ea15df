"""Bad input gets a clear 400 naming the field, never a 500, and changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from federation.homes.models import Assessment, EvidenceFile, Round, Scheme, Status
from tests.federation.homes.conftest import PDF, PNG, full_scores

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("item", "where"),
    [
        # the criterion's own maximum and code are the service's: one message naming both
        ({"code": "ZZ01", "self_score": "6.01"}, "ZZ01 自评分："),
        ({"code": "XX99", "self_score": "1"}, "验收项目XX99："),
        # types and bounds are the door's: DRF's errors per item and field
        ({"code": "ZZ01", "self_score": "-1"}, ["self_score"]),
        ({"code": "ZZ01", "self_score": "abc"}, ["self_score"]),
        ({"code": "ZZ01", "self_score": "1.005"}, ["self_score"]),
        ({"code": "ZZ01", "self_score": [1]}, ["self_score"]),
        ({"code": "ZZ01", "evidence": 5}, ["evidence"]),
        ("ZZ01", ["non_field_errors"]),
    ],
)
def test_a_bad_self_score_is_a_400_on_items(client_for, assessment_a, union_a, item, where):
    r = client_for("a_chair", union_a).patch(
        f"/api/v1/homes/assessments/{assessment_a.pk}/", {"items": [item]}, format="json"
    )
    assert r.status_code == 400
    assert list(r.json()) == ["items"]
    if isinstance(where, str):
        assert r.json()["items"][0].startswith(where)
    else:
        assert list(r.json()["items"]["0"]) == where
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.NOT_STARTED
    assert not assessment_a.items.filter(self_score__isnull=False).exists()


@pytest.mark.parametrize("rate", ["100.01", "-0.01", "x", "80.123"])
def test_a_bad_approval_rate_is_a_400(client_for, assessment_a, union_a, rate):
    r = client_for("a_chair", union_a).patch(
        f"/api/v1/homes/assessments/{assessment_a.pk}/", {"approval_rate": rate}, format="json"
    )
    assert r.status_code == 400
    assert list(r.json()) == ["approval_rate"]


@pytest.mark.parametrize("body", ['{"items": [', "[1, 2]", '"text"', "null"])
def test_junk_json_is_a_400(client_for, assessment_a, union_a, body):
    r = client_for("a_chair", union_a).generic(
        "PATCH",
        f"/api/v1/homes/assessments/{assessment_a.pk}/",
        body,
        content_type="application/json",
    )
    assert r.status_code == 400
    assert "detail" in r.json()


def test_junk_json_to_the_federation_is_a_400(client_for, assessment_a):
    api = client_for("federation_assessor")
    for path in (
        "/api/v1/homes/rounds/",
        "/api/v1/homes/schemes/",
        f"/api/v1/homes/assessments/{assessment_a.pk}/review/",
    ):
        r = api.generic("POST", path, "{not json", content_type="application/json")
        assert r.status_code == 400, path


def test_review_of_a_union_not_in_the_round_is_a_400(
    client_for, scheme, union_a, union_b, today, fill_and_submit
):
    from federation.homes.services import round_open

    rnd = round_open(
        scheme=scheme,
        title="仅A",
        deadline=today + dt.timedelta(days=3),
        unions=["union-a"],
        actor=None,
    )
    a = rnd.assessments.get()
    fill_and_submit(a, union_a)
    api = client_for("federation_assessor")
    r = api.post(
        f"/api/v1/homes/rounds/{rnd.pk}/review/",
        {"union": "union-b", "decision": "accept"},
        format="json",
    )
    assert (r.status_code, list(r.json())) == (400, ["union"])
    r = api.post(
        f"/api/v1/homes/assessments/{a.pk}/review/",
        {"union": "union-b", "decision": "accept"},
        format="json",
    )
    assert (r.status_code, list(r.json())) == (400, ["union"])
    a.refresh_from_db()
    assert a.status == Status.SUBMITTED


def test_review_by_round_and_union_works_for_a_union_in_the_round(
    client_for, round_ab, assessment_a, union_a, fill_and_submit
):
    fill_and_submit(assessment_a, union_a)
    r = client_for("federation_assessor").post(
        f"/api/v1/homes/rounds/{round_ab.pk}/review/",
        {
            "union": "union-a",
            "items": full_scores(assessment_a, field="score"),
            "decision": "accept",
        },
        format="json",
    )
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["level"]) == ("accepted", "模范")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"items": [{"code": "ZZ01", "score": "7"}], "decision": "save"}, "items"),
        ({"items": [{"code": "ZZ01", "score": "-1"}], "decision": "save"}, "items"),
        ({"decision": "maybe"}, "decision"),
        ({"decision": "return", "comment": "x", "deadline": "2020-01-01"}, "deadline"),
        ({"decision": "return", "deadline": "2099-01-01"}, "comment"),
        ({"decision": "veto"}, "comment"),
        ({"decision": "accept"}, "items"),
    ],
)
def test_bad_review_input_is_a_400(client_for, assessment_a, union_a, fill_and_submit, body, field):
    fill_and_submit(assessment_a, union_a)
    r = client_for("federation_assessor").post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/review/", body, format="json"
    )
    assert r.status_code == 400
    assert field in r.json()
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.SUBMITTED
    assert not assessment_a.items.filter(score__isnull=False).exists()


def test_reviewing_an_assessment_not_submitted_is_a_400(client_for, assessment_a):
    r = client_for("federation_assessor").post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/review/",
        {"decision": "accept"},
        format="json",
    )
    assert (r.status_code, list(r.json())) == (400, ["status"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"unions": ["union-a", "nope"]}, "unions"),
        ({"unions": []}, "unions"),
        ({"unions": "some"}, "unions"),
        ({"unions": ["union-a", "union-a"]}, "unions"),
        ({"deadline": "2020-01-01"}, "deadline"),
        ({"deadline": "31/12/2026"}, "deadline"),
        ({"scheme": 999999}, "scheme"),
        ({"scheme": "x"}, "scheme"),
        ({"title": ""}, "title"),
        ({"kind": "yearly"}, "kind"),
    ],
)
def test_bad_round_input_is_a_400_and_opens_nothing(
    client_for, scheme, today, union_a, change, field
):
    body = {
        "scheme": scheme.pk,
        "title": "R",
        "deadline": str(today + dt.timedelta(days=3)),
        "unions": ["union-a"],
        **change,
    }
    r = client_for("federation_assessor").post("/api/v1/homes/rounds/", body, format="json")
    assert r.status_code == 400
    assert field in r.json()
    assert not Round.objects.exists()


GOOD_SCHEME = {
    "name": "三星级标准",
    "criteria": [
        {
            "code": "A1",
            "category": "组织建设",
            "title": "组织健全",
            "max_points": "60",
            "mandatory": True,
        },
        {"code": "B1", "category": "民主管理", "title": "职代会", "max_points": "40"},
    ],
    "levels": [
        {"name": "一星", "min_score": "60", "stars": 1},
        {"name": "二星", "min_score": "75", "stars": 2},
        {"name": "三星", "min_score": "90", "stars": 3, "min_approval_rate": "85"},
    ],
}


def test_a_scheme_with_stars_is_created(client_for):
    r = client_for("federation_assessor").post("/api/v1/homes/schemes/", GOOD_SCHEME, format="json")
    assert r.status_code == 201
    data = r.json()
    assert (data["name"], data["version"], data["total_points"]) == ("三星级标准", 1, "100.00")
    assert [(lv["name"], lv["stars"], lv["min_approval_rate"]) for lv in data["levels"]] == [
        ("一星", 1, "0.00"),
        ("二星", 2, "0.00"),
        ("三星", 3, "85.00"),
    ]
    again = client_for("federation_assessor").post(
        "/api/v1/homes/schemes/", GOOD_SCHEME, format="json"
    )
    assert again.json()["version"] == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"criteria": []}, "criteria"),
        ({"levels": []}, "levels"),
        (
            {"criteria": [{"code": "A", "category": "c", "title": "t", "max_points": "0"}]},
            "criteria",
        ),
        (
            {"criteria": [{"code": "A", "category": "c", "title": "t", "max_points": "-3"}]},
            "criteria",
        ),
        (
            {
                "criteria": [
                    {"code": "A", "category": "c", "title": "t", "max_points": "5"},
                    {"code": "A", "category": "c", "title": "t", "max_points": "5"},
                ]
            },
            "criteria",
        ),
        (
            {
                "criteria": [
                    {
                        "code": "A",
                        "category": "c",
                        "title": "t",
                        "max_points": "5",
                        "auto_check": "magic",
                    }
                ]
            },
            "criteria",
        ),
        ({"levels": [{"name": "L", "min_score": "101"}]}, "levels"),
        ({"levels": [{"name": "L", "min_score": "60", "stars": 6}]}, "levels"),
        (
            {"levels": [{"name": "L", "min_score": "60"}, {"name": "M", "min_score": "60"}]},
            "levels",
        ),
        ({"levels": [{"name": "L", "min_score": "60", "min_approval_rate": "120"}]}, "levels"),
    ],
)
def test_bad_scheme_input_is_a_400_and_creates_nothing(client_for, change, field):
    before = Scheme.objects.count()
    r = client_for("federation_assessor").post(
        "/api/v1/homes/schemes/", {**GOOD_SCHEME, **change}, format="json"
    )
    assert r.status_code == 400
    assert field in r.json()
    assert Scheme.objects.count() == before


def _upload(client, assessment, name, content, code="ZZ01"):
    return client.post(
        f"/api/v1/homes/assessments/{assessment.pk}/evidence/",
        {"file": SimpleUploadedFile(name, content), "code": code},
        format="multipart",
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("page.html", b"<html>"),
        ("script.svg", b"<svg onload=alert(1)>"),
        ("fake.pdf", PNG),
        ("fake.png", PDF),
        ("noext", PDF),
        ("empty.pdf", b""),
    ],
)
def test_a_forbidden_evidence_file_is_a_400(client_for, assessment_a, union_a, name, content):
    r = _upload(client_for("a_chair", union_a), assessment_a, name, content)
    assert r.status_code == 400
    assert list(r.json()) == ["file"]
    assert not EvidenceFile.objects.exists()


def test_a_too_large_evidence_file_is_a_400(client_for, assessment_a, union_a, settings):
    settings.HOMES_EVIDENCE_MAX_BYTES = 1024
    r = _upload(client_for("a_chair", union_a), assessment_a, "big.pdf", PDF + b"0" * 1024)
    assert r.status_code == 400
    assert list(r.json()) == ["file"]
    assert not EvidenceFile.objects.exists()


def test_evidence_without_a_file_or_for_an_unknown_criterion_is_a_400(
    client_for, assessment_a, union_a
):
    api = client_for("a_chair", union_a)
    r = api.post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/evidence/",
        {"code": "ZZ01"},
        format="multipart",
    )
    assert (r.status_code, list(r.json())) == (400, ["file"])
    r = _upload(api, assessment_a, "ok.pdf", PDF, code="NOPE")
    assert (r.status_code, list(r.json())) == (400, ["code"])


def test_an_allowed_evidence_file_is_stored_under_the_unions_own_path(
    client_for, assessment_a, union_a
):
    r = _upload(client_for("a_chair", union_a), assessment_a, "换届批复.pdf", PDF)
    assert r.status_code == 201
    assert (r.json()["name"], r.json()["code"], r.json()["content_type"]) == (
        "换届批复.pdf",
        "ZZ01",
        "application/pdf",
    )
    stored = EvidenceFile.objects.get()
    assert stored.file.name.startswith(f"homes/union-a/{assessment_a.pk}/")
    assert stored.file.name.endswith(".pdf")
    assert stored.size == len(PDF)


def test_amounts_are_decimals_in_the_database(assessment_a, union_a, fill_and_submit):
    fill_and_submit(assessment_a, union_a, total="79.9")
    a = Assessment.objects.get(pk=assessment_a.pk)
    assert a.self_total == Decimal("79.90")
    assert isinstance(a.self_total, Decimal)


def test_an_evidence_file_name_keeps_no_directory_parts(client_for, assessment_a, union_a):
    r = _upload(client_for("a_chair", union_a), assessment_a, "..\\..\\evil\x07.pdf", PDF)
    assert r.status_code == 201
    assert r.json()["name"] == "evil.pdf"


def test_returning_without_a_date_gives_the_rule_tables_days_for_rectification(
    client_for, assessment_a, union_a, fill_and_submit, today
):
    fill_and_submit(assessment_a, union_a)
    r = client_for("federation_assessor").post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/review/",
        {"decision": "return", "comment": "补材料"},
        format="json",
    )
    assert r.status_code == 200
    assert r.json()["deadline"] == str(today + dt.timedelta(days=15))
