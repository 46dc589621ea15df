"""API.md walked as a client that read only API.md: the documented minimal bodies, the
documented statuses and every response field API.md names, with its documented shape.

One test per documented endpoint group; each runs in the session's ready unions and is
rolled back (only the union-registration test creates a schema: that endpoint does).
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import MemberFactory, id_number, union_payload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MONEY = re.compile(r"^-?\d+\.\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def money(value) -> bool:
    return isinstance(value, str) and bool(MONEY.match(value))


def date(value) -> bool:
    return isinstance(value, str) and bool(DATE.match(value))


def paged(response) -> list:
    """The documented list shape; returns the results."""
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert set(body) >= {"count", "next", "previous", "results"}
    assert isinstance(body["count"], int)
    assert isinstance(body["results"], list)
    return body["results"]


def has(body: dict, *keys: str) -> dict:
    assert set(keys) <= set(body), f"missing {set(keys) - set(body)} in {sorted(body)}"
    return body


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fed(client_for):
    return client_for("federation_admin")


@pytest.fixture
def chair(client_for, union_a):
    return client_for("a_chair", union_a)


@pytest.fixture
def member_a(union_a, in_union):
    with in_union(union_a):
        return MemberFactory()


# --- conventions: auth, pagination, errors ----------------------------------------------


def test_a_token_from_the_auth_endpoint_opens_the_api_on_its_host(client_for, union_a):
    from tests.conftest import PASSWORD

    anon = client_for(None, union_a)
    assert anon.get("/api/v1/members/").status_code == 401
    r = anon.post("/api/v1/auth/token/", {"username": "a_chair", "password": PASSWORD})
    assert r.status_code == 200
    anon.credentials(HTTP_AUTHORIZATION=f"Token {r.json()['token']}")
    assert anon.get("/api/v1/members/").status_code == 200


def test_page_size_pages_a_list(chair, union_a, in_union):
    with in_union(union_a):
        MemberFactory.create_batch(2)
    body = chair.get("/api/v1/members/?page_size=1").json()
    assert len(body["results"]) == 1
    assert body["next"] is not None
    assert body["count"] == 2


def test_another_unions_member_is_a_404(client_for, union_b, member_a):
    r = client_for("b_chair", union_b).get(f"/api/v1/members/{member_a.pk}/")
    assert r.status_code == 404


# --- federation host ------------------------------------------------------------------


def test_unions_register_list_read_patch_deactivate(fed):
    r = fed.post("/api/v1/unions/", union_payload("contract-walk"), format="json")
    assert r.status_code == 201, r.json()
    has(r.json(), "slug", "name", "kind", "credit_code", "employee_count", "schema_name")
    has(r.json(), "domain", "status", "member_count", "created_at")
    rows = paged(fed.get("/api/v1/unions/?kind=enterprise&status=active&search=contract"))
    assert [u["slug"] for u in rows] == ["contract-walk"]
    assert fed.get("/api/v1/unions/contract-walk/").json()["slug"] == "contract-walk"
    r = fed.patch("/api/v1/unions/contract-walk/", {"employee_count": 130}, format="json")
    assert r.status_code == 200
    assert r.json()["employee_count"] == 130
    assert fed.post("/api/v1/unions/contract-walk/deactivate/").status_code == 200
    assert fed.get("/api/v1/unions/contract-walk/").json()["status"] != "active"


def test_dues_policy_get_and_put(fed):
    body = {
        "rate": "0.0200",
        "upward_share": "0.4000",
        "due_day": 15,
        "grace_days": 10,
        "reminder_every_days": 7,
    }
    assert set(fed.get("/api/v1/dues/policy/").json()) >= set(body)
    r = fed.put("/api/v1/dues/policy/", body, format="json")
    assert r.status_code == 200, r.json()
    assert {k: r.json()[k] for k in body} == body


def test_dues_declarations_cycle_notices_payments_summary(fed, chair, union_a):
    r = chair.post(
        "/api/v1/dues/declarations/",
        {"period": "2026-10", "payroll_total": "100000.00", "headcount": 50},
        format="json",
    )
    assert r.status_code == 201, r.json()
    again = chair.post(
        "/api/v1/dues/declarations/",
        {"period": "2026-10", "payroll_total": "90000.00", "headcount": 50},
        format="json",
    )
    assert again.status_code == 409
    fix = {"payroll_total": "110000.00"}
    r = chair.patch(f"/api/v1/dues/declarations/{r.json()['id']}/", fix, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["payroll_total"] == "110000.00"
    assert paged(fed.get("/api/v1/dues/declarations/?period=2026-10&union=union-a"))
    r = fed.post("/api/v1/dues/cycles/", {"period": "2026-10"}, format="json")
    assert r.status_code == 200, r.json()
    has(r.json(), "period", "notices_created", "notices_existing", "missing_declarations")
    assert isinstance(r.json()["missing_declarations"], list)
    assert (
        fed.post("/api/v1/dues/cycles/", {"period": "2026-10"}, format="json").json()[
            "notices_created"
        ]
        == 0
    )
    [notice] = paged(fed.get("/api/v1/dues/notices/?period=2026-10&union=union-a"))
    assert notice["status"] in ("issued", "partial", "paid", "overdue", "waived")
    same = f"/api/v1/dues/notices/?period=2026-10&union=union-a&status={notice['status']}"
    assert [n["id"] for n in paged(fed.get(same))] == [notice["id"]]
    has(notice, "id", "union", "period", "payroll_total", "rate", "amount_due", "amount_paid")
    has(notice, "balance", "due_date", "status", "reminders_sent", "last_reminded_at")
    assert all(money(notice[k]) for k in ("payroll_total", "amount_due", "amount_paid", "balance"))
    assert date(notice["due_date"])
    assert [n["id"] for n in paged(chair.get("/api/v1/dues/notices/"))] == [notice["id"]]
    pay = f"/api/v1/dues/notices/{notice['id']}/payments/"
    body = {"amount": "500.00", "paid_on": "2026-11-10", "reference": "BANK-1"}
    assert fed.post(pay, body, format="json").status_code == 201
    assert fed.post(pay, body, format="json").status_code == 409
    assert (
        fed.post(pay, {**body, "amount": "0", "reference": "B2"}, format="json").status_code == 400
    )
    big = {**body, "amount": "99999.00", "reference": "B3"}
    assert fed.post(pay, big, format="json").status_code == 400
    summary = fed.get("/api/v1/dues/summary/?period=2026-10").json()
    has(summary, "period", "unions", "amount_due", "amount_paid", "outstanding")
    has(summary, "collection_rate", "upward_remittance", "by_union")
    assert all(money(summary[k]) for k in ("amount_due", "amount_paid", "outstanding"))
    assert money(summary["upward_remittance"])
    row = has(summary["by_union"][0], "union", "amount_due", "amount_paid", "status")
    assert money(row["amount_due"])
    assert money(row["amount_paid"])


@pytest.fixture
def home_round(client_for, union_a):
    """A scheme and a round over union-a, both through the documented minimal bodies."""
    from tests.federation.homes.conftest import records_clean

    records_clean(union_a)
    fed = client_for("federation_assessor")
    scheme = {
        "name": "合约验收标准",
        "criteria": [
            {"code": "A1", "category": "组织建设", "title": "组织健全", "max_points": 100}
        ],
        "levels": [{"name": "合格", "min_score": 60}],
    }
    r = fed.post("/api/v1/homes/schemes/", scheme, format="json")
    assert r.status_code == 201, r.json()
    deadline = str(timezone.localdate() + timezone.timedelta(days=10))
    body = {"scheme": r.json()["id"], "title": "合约验收", "deadline": deadline}
    r = fed.post("/api/v1/homes/rounds/", {**body, "unions": ["union-a"]}, format="json")
    assert r.status_code == 201, r.json()
    return fed, r.json()["id"]


def _approval_recorded(union, in_union, assessment_id: int) -> None:
    from decimal import Decimal

    from federation.homes.models import Assessment
    from federation.homes.services import assessment_save

    assessment = Assessment.objects.get(pk=assessment_id)
    with in_union(union):
        assessment_save(
            union=union, assessment=assessment, approval_rate=Decimal("90"), actor="chair"
        )


def test_homes_round_self_scores_submit_results_review_certificate(
    home_round, client_for, union_a, in_union
):
    fed, round_id = home_round
    own = client_for("a_chair", union_a)
    [mine] = paged(own.get("/api/v1/homes/assessments/"))
    url = f"/api/v1/homes/assessments/{mine['id']}/"
    over = {"items": [{"code": "A1", "self_score": "101", "evidence": ""}]}
    assert own.patch(url, over, format="json").status_code == 400
    items = {"items": [{"code": "A1", "self_score": "90", "evidence": "制度汇编"}]}
    assert own.patch(url, items, format="json").status_code == 200
    pdf = SimpleUploadedFile("制度.pdf", PDF, content_type="application/pdf")
    r = own.post(url + "evidence/", {"file": pdf}, format="multipart")
    assert r.status_code == 201, r.json()
    _approval_recorded(union_a, in_union, mine["id"])  # a precondition API.md does not name
    r = own.post(url + "submit/")
    assert r.status_code == 200, r.json()
    [row] = paged(fed.get(f"/api/v1/homes/rounds/{round_id}/results/"))
    assert has(row, "union", "status", "self_total", "score", "level")["status"] == "submitted"
    review = {"items": [{"code": "A1", "score": "88", "comment": ""}], "decision": "accept"}
    r = fed.post(url + "review/", {**review, "comment": "好"}, format="json")
    assert r.status_code == 200, r.json()
    assert fed.get(url + "certificate.pdf").status_code == 200


@pytest.mark.xfail(
    strict=True,
    reason="submit also needs approval_rate (members' satisfaction), a field API.md does not "
    "name for PATCH /api/v1/homes/assessments/{id}/: a client following API.md gets a 400",
)
def test_homes_submit_after_the_documented_self_scores(home_round, client_for, union_a):
    own = client_for("a_chair", union_a)
    [mine] = paged(own.get("/api/v1/homes/assessments/"))
    url = f"/api/v1/homes/assessments/{mine['id']}/"
    items = {"items": [{"code": "A1", "self_score": "90", "evidence": "制度汇编"}]}
    assert own.patch(url, items, format="json").status_code == 200
    assert own.post(url + "submit/").status_code == 200


@pytest.mark.xfail(
    strict=True,
    reason="a fresh round's results say status 'not_started', a value API.md does not list "
    "(draft | submitted | returned | accepted)",
)
def test_homes_results_of_a_fresh_round_use_a_documented_status(home_round):
    fed, round_id = home_round
    [row] = paged(fed.get(f"/api/v1/homes/rounds/{round_id}/results/"))
    assert row["status"] in ("draft", "submitted", "returned", "accepted")


def test_reports_form_cycle_status_aggregate_export_accept_return(client_for, union_a):
    fed = client_for("federation_reporter")
    form = {
        "code": "contract-form",
        "title": "合约报表",
        "fields": [
            {
                "key": "members",
                "label": "会员数",
                "type": "integer",
                "required": True,
                "source": "members.active",
                "choices": [],
            }
        ],
        "rules": [],
    }
    r = fed.post("/api/v1/reports/forms/", form, format="json")
    assert r.status_code == 201, r.json()
    due = str(timezone.localdate() + timezone.timedelta(days=10))
    cycle = {"form": r.json()["id"], "period": "2026", "due_date": due, "unions": ["union-a"]}
    r = fed.post("/api/v1/reports/cycles/", cycle, format="json")
    assert r.status_code == 201, r.json()
    cycle_id = r.json()["id"]
    own = client_for("a_chair", union_a)
    [report] = paged(own.get("/api/v1/reports/"))
    assert isinstance(report["values"], dict)
    url = f"/api/v1/reports/{report['id']}/"
    assert own.patch(url, {"values": {"members": "x"}}, format="json").status_code == 400
    assert own.patch(url, {"values": {"members": 12}}, format="json").status_code == 200
    assert own.post(url + "submit/").status_code == 200
    [row] = fed.get(f"/api/v1/reports/cycles/{cycle_id}/status/").json()["results"]
    assert has(row, "union", "status", "submitted_at", "late")["status"] == "submitted"
    agg = fed.get(f"/api/v1/reports/cycles/{cycle_id}/aggregate/").json()
    assert has(agg, "submitted", "expected", "totals")["totals"]["members"] == 12
    assert fed.get(f"/api/v1/reports/cycles/{cycle_id}/export/?format=xlsx").status_code == 200
    sub = f"/api/v1/reports/submissions/{report['id']}/"
    assert fed.post(sub + "return/", {"comment": "请核对"}, format="json").status_code == 200
    assert own.post(url + "submit/").status_code == 200
    assert fed.post(sub + "accept/", {"comment": ""}, format="json").status_code == 200


def test_a_round_and_a_cycle_for_all_unions_cover_both_unions(client_for, union_a, union_b):
    from tests.federation.homes.conftest import records_clean

    records_clean(union_a)
    records_clean(union_b)
    homes = client_for("federation_assessor")
    criteria = [{"code": "A1", "category": "组织建设", "title": "组织健全", "max_points": 100}]
    scheme = {
        "name": "全体验收",
        "criteria": criteria,
        "levels": [{"name": "合格", "min_score": 60}],
    }
    scheme_id = homes.post("/api/v1/homes/schemes/", scheme, format="json").json()["id"]
    due = str(timezone.localdate() + timezone.timedelta(days=10))
    body = {"scheme": scheme_id, "title": "全体", "deadline": due, "unions": "all"}
    r = homes.post("/api/v1/homes/rounds/", body, format="json")
    assert r.status_code == 201, r.json()
    rows = paged(homes.get(f"/api/v1/homes/rounds/{r.json()['id']}/results/"))
    assert {"union-a", "union-b"} <= {row["union"] for row in rows}
    reports = client_for("federation_reporter")
    field = {"key": "n", "label": "人数", "type": "integer", "required": False}
    form = {"code": "all-form", "title": "全体报表", "fields": [field], "rules": []}
    form_id = reports.post("/api/v1/reports/forms/", form, format="json").json()["id"]
    cycle = {"form": form_id, "period": "2026", "due_date": due, "unions": "all"}
    r = reports.post("/api/v1/reports/cycles/", cycle, format="json")
    assert r.status_code == 201, r.json()
    rows = paged(reports.get(f"/api/v1/reports/cycles/{r.json()['id']}/status/"))
    assert {"union-a", "union-b"} <= {row["union"] for row in rows}


def test_dashboard(fed):
    body = fed.get("/api/v1/dashboard/").json()
    has(body, "unions", "members", "women_members", "dues", "homes", "reports", "as_of")
    dues = has(body["dues"], "period", "amount_due", "amount_paid", "collection_rate")
    assert money(dues["amount_due"])
    assert money(dues["amount_paid"])
    has(body["reports"], "open_cycles", "late")
    assert isinstance(body["homes"], dict)


# --- union host: members ----------------------------------------------------------------


def _member_body(**overrides) -> dict:
    body = {
        "name": "张合约",
        "gender": "F",
        "id_number": id_number(birth="19880808", gender="F", seq=7),
        "phone": "13800138000",
        "joined_on": "2026-01-05",
        "employment": "contract",
        "group": None,
        "monthly_wage": "6000.00",
    }
    body.update(overrides)
    return body


def test_members_create_list_get_patch_leave(chair):
    r = chair.post("/api/v1/members/", _member_body(), format="json")
    assert r.status_code == 201, r.json()
    created = has(r.json(), "id", "status", "birth_date", "member_no")
    assert created["birth_date"] == "1988-08-08"
    assert created["status"] == "active"
    assert money(created["monthly_wage"])
    assert created["joined_on"] == "2026-01-05"
    bad = chair.post("/api/v1/members/", _member_body(id_number="123"), format="json")
    assert bad.status_code == 400
    assert "id_number" in bad.json()
    rows = paged(chair.get("/api/v1/members/?search=张合约&status=active&gender=F"))
    assert [m["id"] for m in rows] == [created["id"]]
    url = f"/api/v1/members/{created['id']}/"
    assert chair.get(url).json()["id"] == created["id"]
    assert chair.patch(url, {"phone": "13900139000"}, format="json").status_code == 200
    leave = {"status": "retired", "reason": "退休", "on": "2026-11-01"}
    assert chair.post(url + "leave/", leave, format="json").status_code == 200
    assert chair.get(url).json()["status"] != "active"


def test_member_active_in_another_union_is_409(chair, client_for, union_b):
    body = _member_body()
    assert chair.post("/api/v1/members/", body, format="json").status_code == 201
    other = client_for("b_chair", union_b).post("/api/v1/members/", body, format="json")
    assert other.status_code == 409


def test_members_import_and_export(chair):
    csv = "姓名,性别,身份证号,手机,入会日期,用工形式,月工资\n"
    csv += f"李导入,男,{id_number(birth='19770707', seq=3)},13700137000,2026-02-01,劳务派遣,5000\n"
    upload = SimpleUploadedFile("m.csv", csv.encode(), content_type="text/csv")
    r = chair.post("/api/v1/members/import/", {"file": upload}, format="multipart")
    assert r.status_code == 200, r.json()
    assert has(r.json(), "created", "updated", "errors")["created"] == 1
    for fmt in ("xlsx", "csv"):
        assert chair.get(f"/api/v1/members/export/?format={fmt}").status_code == 200


def test_members_import_dry_run_writes_nothing_valid_only_skips_the_bad_row(chair):
    head = "name,gender,id_number,phone,joined_on,employment,monthly_wage\n"
    good = f"王试,M,{id_number(birth='19790101', seq=4)},13600136000,2026-02-01,regular,5000\n"
    bad = "赵错,M,123,13600136001,2026-02-01,regular,5000\n"
    upload = SimpleUploadedFile("m.csv", (head + good + bad).encode(), content_type="text/csv")
    r = chair.post("/api/v1/members/import/?dry_run=1", {"file": upload}, format="multipart")
    assert r.status_code == 400, r.json()
    has(r.json(), "created", "updated", "errors")
    [error] = r.json()["errors"]
    assert has(error, "row", "column", "message")["row"] == 3
    assert paged(chair.get("/api/v1/members/")) == []
    upload = SimpleUploadedFile("m.csv", (head + good + bad).encode(), content_type="text/csv")
    r = chair.post("/api/v1/members/import/?valid_only=1", {"file": upload}, format="multipart")
    assert r.status_code == 200, r.json()
    assert r.json()["created"] == 1


def test_a_transfer_the_destination_rejects(chair, client_for, union_b, member_a):
    body = {"to_union": "union-b", "reason": "调动"}
    assert (
        chair.post(f"/api/v1/members/{member_a.pk}/transfer/", body, format="json").status_code
        == 202
    )
    dest = client_for("b_chair", union_b)
    [row] = paged(dest.get("/api/v1/transfers/"))
    assert dest.post(f"/api/v1/transfers/{row['id']}/reject/").status_code == 200


def test_member_transfer_and_the_destinations_transfers(chair, client_for, union_b, member_a):
    r = chair.post(
        f"/api/v1/members/{member_a.pk}/transfer/",
        {"to_union": "union-b", "reason": "调动"},
        format="json",
    )
    assert r.status_code == 202, r.json()
    assert has(r.json(), "id", "status")["status"] == "pending"
    dest = client_for("b_chair", union_b)
    [row] = paged(dest.get("/api/v1/transfers/"))
    assert dest.post(f"/api/v1/transfers/{row['id']}/accept/").status_code == 200


# --- union host: the union's own work ---------------------------------------------------


def test_union_profile_and_employee_counts(chair):
    assert "employee_count" in chair.get("/api/v1/union/").json()
    r = chair.patch("/api/v1/union/", {"employee_count": 210}, format="json")
    assert r.status_code == 200
    assert r.json()["employee_count"] == 210
    assert paged(chair.get("/api/v1/union/employee-counts/"))


def test_organization_terms_current_and_the_federation_list(
    chair, fed, union_a, in_union, django_capture_on_commit_callbacks
):
    from tests.workplaces.organization.factories import committee_json, members_bulk

    with in_union(union_a):
        members_bulk(200)
    body = {
        "elected_on": "2024-05-01",
        "term_years": 5,
        "approved_on": "2024-05-10",
        "committee": committee_json(5),
    }
    too_big = chair.post(
        "/api/v1/organization/terms/", {**body, "committee": committee_json(8)}, format="json"
    )
    assert too_big.status_code == 400
    assert "committee" in too_big.json()
    with django_capture_on_commit_callbacks(execute=True):
        r = chair.post("/api/v1/organization/terms/", body, format="json")
    assert r.status_code == 201, r.json()
    term = has(r.json(), "id", "elected_on", "ends_on", "status")
    assert term["elected_on"] == "2024-05-01"
    assert date(term["ends_on"])
    current = chair.get("/api/v1/organization/terms/current/").json()
    has(current, "id", "elected_on", "ends_on", "days_left", "status")
    assert current["ends_on"] == "2029-05-01"
    assert current["status"] == "in_term"
    rows = paged(fed.get("/api/v1/organization/terms/?status=in_term"))
    has(
        next(t for t in rows if t["union"] == "union-a"), "union", "elected_on", "ends_on", "status"
    )


def test_congress_sessions_motions_proposals_and_the_overview(
    chair, fed, django_capture_on_commit_callbacks
):
    session = {
        "kind": "workers",
        "title": "第一届职代会",
        "held_on": "2026-03-01",
        "delegates_total": 50,
        "delegates_present": 45,
    }
    bad = chair.post(
        "/api/v1/congress/sessions/", {**session, "delegates_present": 51}, format="json"
    )
    assert bad.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        r = chair.post("/api/v1/congress/sessions/", session, format="json")
    assert r.status_code == 201, r.json()
    assert has(r.json(), "id", "quorate")["quorate"] is True
    motions = f"/api/v1/congress/sessions/{r.json()['id']}/motions/"
    motion = {"title": "集体合同草案", "yes": 40, "no": 3, "abstain": 2}
    assert chair.post(motions, {**motion, "yes": 41}, format="json").status_code == 400
    r = chair.post(motions, motion, format="json")
    assert r.status_code == 201, r.json()
    assert has(r.json(), "id", "passed")["passed"] is True
    thin = chair.post(
        "/api/v1/congress/sessions/", {**session, "delegates_present": 10}, format="json"
    )
    assert thin.json()["quorate"] is False
    late = f"/api/v1/congress/sessions/{thin.json()['id']}/motions/"
    assert (
        chair.post(late, {**motion, "yes": 5, "no": 0, "abstain": 0}, format="json").status_code
        == 409
    )
    proposal = {
        "title": "食堂改善",
        "body": "增加夜班餐",
        "proposer": "王五",
        "seconders": ["赵六", "钱七"],
    }
    r = chair.post("/api/v1/congress/proposals/", proposal, format="json")
    assert r.status_code == 201, r.json()
    url = f"/api/v1/congress/proposals/{has(r.json(), 'id', 'status')['id']}/"
    review = {"decision": "accept", "reason": "", "department": "后勤部"}
    assert chair.post(url + "review/", review, format="json").status_code == 200
    assert chair.post(url + "answer/", {"answer": "已增加"}, format="json").status_code == 200
    rate = {"satisfaction": "satisfied"}
    assert chair.post(url + "rate/", rate, format="json").status_code == 200
    rows = paged(fed.get("/api/v1/congress/overview/?year=2026"))
    has(next(u for u in rows if u["union"] == "union-a"), "union", "sessions", "last_held_on")


def test_rights_contracts_mediations_and_the_coverage(
    chair, fed, django_capture_on_commit_callbacks
):
    contract = {
        "kind": "collective",
        "signed_on": "2026-01-10",
        "starts_on": "2026-02-01",
        "ends_on": "2029-01-31",
        "filed_on": "2026-01-20",
    }
    long = {**contract, "ends_on": "2030-02-01"}
    assert chair.post("/api/v1/rights/contracts/", long, format="json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        r = chair.post("/api/v1/rights/contracts/", contract, format="json")
    assert r.status_code == 201, r.json()
    has(r.json(), "id", "filing_due", "effective_on", "renewal_from", "status")
    assert all(date(r.json()[k]) for k in ("filing_due", "effective_on", "renewal_from"))
    mediation = {
        "received_on": "2026-11-01",
        "applicant": "职工甲",
        "respondent": "公司",
        "matter": "加班费",
    }
    r = chair.post("/api/v1/rights/mediations/", mediation, format="json")
    assert r.status_code == 201, r.json()
    assert date(has(r.json(), "id", "deadline", "status")["deadline"])
    close = {"outcome": "settled", "closed_on": "2026-11-10", "note": "达成协议"}
    url = f"/api/v1/rights/mediations/{r.json()['id']}/close/"
    assert chair.post(url, close, format="json").status_code == 200
    rows = paged(fed.get("/api/v1/rights/contracts/coverage/"))
    row = has(next(u for u in rows if u["union"] == "union-a"), "union", "collective")
    has(row["collective"], "status", "ends_on")


def test_welfare_visits_and_hardship(chair, member_a):
    visit = {
        "member": member_a.pk,
        "reason": "illness",
        "visited_on": "2026-04-01",
        "amount": "600.00",
        "note": "住院慰问",
    }
    r = chair.post("/api/v1/welfare/visits/", visit, format="json")
    assert r.status_code == 201, r.json()
    over = {**visit, "visited_on": "2026-05-01", "amount": "99999.00"}
    r = chair.post("/api/v1/welfare/visits/", over, format="json")
    assert r.status_code == 400
    assert "amount" in r.json()
    hardship = {
        "member": member_a.pk,
        "category": "deep",
        "household_size": 3,
        "household_income": "12000.00",
        "reason": "重病",
    }
    r = chair.post("/api/v1/welfare/hardship/", hardship, format="json")
    assert r.status_code == 201, r.json()
    assert chair.post("/api/v1/welfare/hardship/", hardship, format="json").status_code == 409
    url = f"/api/v1/welfare/hardship/{r.json()['id']}/"
    today = str(timezone.localdate())
    aid = {"amount": "1000.00", "given_on": today, "kind": "cash"}
    assert chair.post(url + "aid/", aid, format="json").status_code == 201
    close = {"reason": "已脱困", "on": today}
    assert chair.post(url + "close/", close, format="json").status_code == 200


def test_activities_signups_and_attendance(chair, union_a, in_union):
    with in_union(union_a):
        first, second = MemberFactory(), MemberFactory()
    activity = {
        "title": "拔河比赛",
        "kind": "sports",
        "starts_at": "2026-12-20T09:00:00+08:00",
        "capacity": 1,
    }
    r = chair.post("/api/v1/activities/", activity, format="json")
    assert r.status_code == 201, r.json()
    url = f"/api/v1/activities/{r.json()['id']}/"
    assert chair.post(url + "signups/", {"member": first.pk}, format="json").status_code == 201
    assert chair.post(url + "signups/", {"member": first.pk}, format="json").status_code == 409
    assert chair.post(url + "signups/", {"member": second.pk}, format="json").status_code == 409
    r = chair.post(url + "attendance/", {"members": [first.pk]}, format="json")
    assert r.status_code == 200, r.json()


def test_finance_budgets_entries_approval_and_report(chair, client_for, union_a):
    budget = {"year": 2026, "lines": [{"category": "职工活动支出", "amount": "50000.00"}]}
    r = chair.post("/api/v1/finance/budgets/", budget, format="json")
    assert r.status_code == 201, r.json()
    author = client_for("a_finance", union_a)
    expense = {
        "kind": "expense",
        "category": "职工活动支出",
        "amount": "800.00",
        "on": "2026-11-03",
        "summary": "拔河比赛奖品",
    }
    r = author.post("/api/v1/finance/entries/", expense, format="json")
    assert r.status_code == 201, r.json()
    has(r.json(), "id", "status")
    assert has(r.json(), "status")["status"] != "approved"
    before = chair.get("/api/v1/finance/report/?year=2026").json()["expense"]
    assert before["activities"] == "0.00"
    approve = f"/api/v1/finance/entries/{r.json()['id']}/approve/"
    assert author.post(approve).status_code == 403
    assert chair.post(approve).status_code == 200
    report = chair.get("/api/v1/finance/report/?year=2026").json()
    has(report, "year", "income", "expense", "budget", "balance")
    assert money(report["balance"])
    assert report["expense"]["activities"] == "800.00"
    assert all(money(v) for v in report["expense"].values())
    assert report["expense"]
    assert all(money(v) for v in report["budget"].values())
    assert report["budget"]
