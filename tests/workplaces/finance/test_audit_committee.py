"""The audit committee (经审): reviews with findings, a responsible person, a deadline
and its closing; only the committee records them; the chair and finance read them."""

import pytest

from workplaces.finance.models import AuditFinding, AuditReview

pytestmark = pytest.mark.django_db

REVIEW = {
    "kind": "budget",
    "year": 2026,
    "title": "2026年度预算审查",
    "reviewed_on": "2026-02-20",
    "conclusion": "基本合理",
    "findings": [
        {"description": "凭证缺少经办人签字", "responsible": "王会计", "deadline": "2026-03-31"}
    ],
}


@pytest.fixture
def audit_api(login_api, union_a):
    return login_api(union_a, "a_life_audit", "audit")


def test_the_audit_committee_records_a_review_with_an_open_finding(audit_api):
    response = audit_api.post("/api/v1/finance/reviews/", REVIEW, format="json")
    assert response.status_code == 201
    finding = response.json()["findings"][0]
    assert finding["status"] == "open"
    assert finding["responsible"] == "王会计"
    assert finding["deadline"] == "2026-03-31"


def test_closing_a_finding_needs_the_rectification_and_happens_once(audit_api, union_a, in_union):
    finding = audit_api.post("/api/v1/finance/reviews/", REVIEW, format="json").json()["findings"][
        0
    ]
    url = f"/api/v1/finance/findings/{finding['id']}/close/"
    assert (
        audit_api.post(
            url, {"closed_on": "2026-03-20", "rectification": " "}, format="json"
        ).status_code
        == 400
    )
    ok = audit_api.post(url, {"closed_on": "2026-03-20", "rectification": "已补签"}, format="json")
    assert ok.status_code == 200
    assert ok.json()["status"] == "closed"
    assert (
        audit_api.post(
            url, {"closed_on": "2026-03-21", "rectification": "x"}, format="json"
        ).status_code
        == 409
    )
    with in_union(union_a):
        assert AuditFinding.objects.get().closed_on.isoformat() == "2026-03-20"


def test_the_finance_officer_reads_but_cannot_record_reviews(
    client_for, union_a, audit_api, in_union
):
    audit_api.post("/api/v1/finance/reviews/", REVIEW, format="json")
    finance = client_for("a_finance", union_a)
    assert finance.get("/api/v1/finance/reviews/").json()["count"] == 1
    assert finance.post("/api/v1/finance/reviews/", REVIEW, format="json").status_code == 403
    assert client_for("a_member", union_a).get("/api/v1/finance/reviews/").status_code == 403
    with in_union(union_a):
        assert AuditReview.objects.count() == 1


def test_a_deadline_before_the_review_is_a_400(audit_api):
    bad = {**REVIEW, "findings": [{**REVIEW["findings"][0], "deadline": "2026-01-01"}]}
    response = audit_api.post("/api/v1/finance/reviews/", bad, format="json")
    assert response.status_code == 400
    assert "deadline" in response.json()


def test_the_review_is_reported_to_the_members(audit_api):
    review = audit_api.post("/api/v1/finance/reviews/", REVIEW, format="json").json()
    response = audit_api.post(
        f"/api/v1/finance/reviews/{review['id']}/reported/", {"on": "2026-04-01"}, format="json"
    )
    assert response.json()["reported_to_members_on"] == "2026-04-01"


def test_another_unions_finding_is_a_404(login_api, union_b, audit_api):
    b_audit = login_api(union_b, "b_life_audit", "audit")
    finding = b_audit.post("/api/v1/finance/reviews/", REVIEW, format="json").json()["findings"][0]
    response = audit_api.post(
        f"/api/v1/finance/findings/{finding['id']}/close/",
        {"closed_on": "2026-03-20", "rectification": "x"},
        format="json",
    )
    assert response.status_code == 404


def test_closing_the_year_freezes_its_entries(client_for, union_a, union_a_chair_api):
    finance = client_for("a_finance", union_a)
    finance.post(
        "/api/v1/finance/entries/",
        {
            "kind": "income",
            "category": "dues",
            "amount": "10.00",
            "on": "2025-05-01",
            "summary": "会费",
        },
        format="json",
    )
    closed = finance.post("/api/v1/finance/final-accounts/", {"year": 2025}, format="json")
    assert closed.status_code == 201
    assert closed.json()["totals"]["income"]["dues"] == "10.00"
    late = finance.post(
        "/api/v1/finance/entries/",
        {
            "kind": "income",
            "category": "dues",
            "amount": "1.00",
            "on": "2025-12-31",
            "summary": "补录",
        },
        format="json",
    )
    assert late.status_code == 409
    assert late.json()["code"] == "year_closed"
