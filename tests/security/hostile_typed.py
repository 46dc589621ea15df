"""Where a union types hostile text: one function per door of union A, posting the hostile
text into every free-text field it takes (as its chair, through the API a client would
use), returning the ids the landings need."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tests.security.hostile import FORMULA, IN_YEAR, Clients, hostile
from tests.workplaces.members.conftest import member_payload


def _created(response) -> dict[str, Any]:
    assert response.status_code == 201, response.content[:500]
    return response.json()


def _post(c: Clients, path: str, body: dict[str, Any]) -> dict[str, Any]:
    return _created(c.union_api.post(path, body, format="json"))


def _member(c: Clients) -> int:
    group = hostile(60)
    _post(c, "/api/v1/groups/", {"name": group})
    # a member's name takes Chinese characters or letters only (refused at the door)
    body = member_payload(
        group=group,
        position=hostile(60),
        address=hostile(200),
        household_place=hostile(100),
    )
    return _post(c, "/api/v1/members/", body)["id"]


def typed_member(c: Clients) -> dict[str, Any]:
    return {"member": _member(c)}


def typed_activity(c: Clients) -> dict[str, Any]:
    body = {
        "title": hostile(200),
        "kind": "culture",
        "starts_at": f"{IN_YEAR}T14:00:00+08:00",
        "capacity": 10,
        "place": hostile(200),
        "description": hostile(5000),
    }
    return {"activity": _post(c, "/api/v1/activities/", body)["id"]}


def typed_news(c: Clients) -> dict[str, Any]:
    body = {"title": hostile(200), "body": hostile(20000), "event_date": IN_YEAR}
    return {"news": _created(c.union_api.post("/api/v1/news/", body, format="multipart"))["id"]}


def typed_proposal(c: Clients) -> dict[str, Any]:
    body = {
        "title": hostile(200),
        "body": hostile(20000),
        "proposer": hostile(50),
        "seconders": [hostile(49) + "甲", hostile(49) + "乙"],  # not the proposer
    }
    return {"proposal": _post(c, "/api/v1/congress/proposals/", body)["id"]}


def typed_congress_suggestion(c: Clients) -> dict[str, Any]:
    body = {"title": hostile(200), "body": hostile(20000), "proposer": hostile(50)}
    return {"suggestion": _post(c, "/api/v1/congress/suggestions/", body)["id"]}


def typed_contract(c: Clients) -> dict[str, Any]:
    body = {
        "kind": "collective",
        "title": hostile(200),
        "employer": hostile(200),
        "workers_covered": 100,
        "signed_on": IN_YEAR,
        "starts_on": IN_YEAR,
        "ends_on": f"{timezone.localdate().year + 3}-05-31",
        "note": hostile(1000),
    }
    return {"contract": _post(c, "/api/v1/rights/contracts/", body)["id"]}


def typed_finance_entry(c: Clients) -> dict[str, Any]:
    body = {
        "kind": "income",
        "category": "admin_subsidy",
        "amount": "5000.00",
        "on": IN_YEAR,
        "summary": hostile(300),
        "voucher_no": FORMULA,
        "committee_decision": hostile(300),
        "committee_decided_on": IN_YEAR,
    }
    return {"entry": _post(c, "/api/v1/finance/entries/", body)["id"]}


def typed_audit_review(c: Clients) -> dict[str, Any]:
    body = {
        "kind": "special",
        "year": timezone.localdate().year,
        "title": hostile(200),
        "reviewed_on": IN_YEAR,
        "conclusion": hostile(10000),
    }
    return {"review": _post(c, "/api/v1/finance/reviews/", body)["id"]}


def typed_rationalisation(c: Clients) -> dict[str, Any]:
    body = {
        "title": hostile(200),
        "body": hostile(5000),
        "proposer": hostile(100),
        "submitted_on": IN_YEAR,
    }
    return {"suggestion": _post(c, "/api/v1/activities/suggestions/", body)["id"]}


def typed_training(c: Clients) -> dict[str, Any]:
    member = _member(c)
    body = {
        "title": hostile(200),
        "audience": "member",
        "held_on": IN_YEAR,
        "hours": "2.0",
        "place": hostile(200),
        "trainer": hostile(100),
        "content": hostile(5000),
        "members": [member],
    }
    return {"training": _post(c, "/api/v1/activities/training/", body)["id"]}


def typed_honour(c: Clients) -> dict[str, Any]:
    body = {
        "kind": "model_worker",
        "level": "county",
        "member": _member(c),
        "year": timezone.localdate().year,
        "deeds": hostile(10000),
    }
    return {"honour": _post(c, "/api/v1/activities/honours/", body)["id"]}


def typed_hardship(c: Clients) -> dict[str, Any]:
    body = {
        "member": _member(c),
        "category": "deep",
        "household_size": 3,
        "household_income": "900.00",
        "reason": hostile(5000),
        "opened_on": IN_YEAR,
    }
    return {"hardship": _post(c, "/api/v1/welfare/hardship/", body)["id"]}


def typed_festival(c: Clients) -> dict[str, Any]:
    body = {
        "festival": hostile(50),
        "distributed_on": IN_YEAR,
        "amount_per_head": "100.00",
        "goods": hostile(300),
        "members": [_member(c)],
    }
    return {"festival": _post(c, "/api/v1/welfare/festivals/", body)["id"]}


def typed_union_profile(c: Clients) -> dict[str, Any]:
    body = {"employee_count": 201, "note": hostile(300)}
    response = c.union_api.patch("/api/v1/union/", body, format="json")
    assert response.status_code == 200, response.content[:500]
    return {}


def typed_report(c: Clients) -> dict[str, Any]:
    """The federation asks for a report with a text field; the union fills it in."""
    from federation.reports import services

    form = services.form_save(
        code="hostile",
        title="说明表",
        fields=[
            {"key": "members", "label": "会员", "type": "integer"},
            {"key": "note", "label": "说明", "type": "text"},
        ],
    )
    due = timezone.localdate() + dt.timedelta(days=30)
    cycle = services.cycle_open(form=form, period="2026", due_date=due, unions=["union-a"])
    sub = cycle.submissions.get()
    values = {"members": 12, "note": hostile(2000)}
    response = c.union_api.patch(f"/api/v1/reports/{sub.pk}/", {"values": values}, format="json")
    assert response.status_code == 200, response.content[:500]
    response = c.union_api.post(f"/api/v1/reports/{sub.pk}/submit/", {}, format="json")
    assert response.status_code == 200, response.content[:500]
    return {"cycle": cycle.pk, "submission": sub.pk}


def typed_homes(c: Clients) -> dict[str, Any]:
    """The federation opens a staff-home round; the union writes its evidence."""
    from federation.homes.services import round_open, scheme_default_ensure

    scheme = scheme_default_ensure()
    deadline = timezone.localdate() + dt.timedelta(days=10)
    opened = round_open(
        scheme=scheme, title="验收", deadline=deadline, unions=["union-a"], actor="test"
    )
    assessment = opened.assessments.get()
    code = assessment.items.order_by("criterion__order").first().criterion.code
    body = {
        "items": [{"code": code, "self_score": "1", "evidence": hostile(5000)}],
        "survey_note": hostile(300),
    }
    url = f"/api/v1/homes/assessments/{assessment.pk}/"
    response = c.union_api.patch(url, body, format="json")
    assert response.status_code == 200, response.content[:500]
    return {"assessment": assessment.pk}


def typed_transfer(c: Clients) -> dict[str, Any]:
    """Union A sends a member to union B with a reason: B and the federation read it."""
    member = _member(c)
    body = {"to_union": "union-b", "reason": hostile(500)}
    response = c.union_api.post(f"/api/v1/members/{member}/transfer/", body, format="json")
    assert response.status_code == 202, response.content[:500]  # waits for union B
    return {}


def typed_mediation(c: Clients) -> dict[str, Any]:
    body = {
        "received_on": IN_YEAR,
        "applicant": hostile(100),
        "respondent": hostile(200),
        "matter": hostile(5000),
    }
    return {"mediation": _post(c, "/api/v1/rights/mediations/", body)["id"]}


def typed_openness(c: Clients) -> dict[str, Any]:
    body = {
        "title": hostile(200),
        "body": hostile(20000),
        "published_on": IN_YEAR,
        "channel": "board",
    }
    _post(c, "/api/v1/organization/openness/", body)
    return {}


def typed_work_plan(c: Clients) -> dict[str, Any]:
    year = timezone.localdate().year
    plan = _post(c, "/api/v1/organization/plans/", {"title": hostile(200), "year": year})
    item = {"title": hostile(200), "owner": hostile(50), "due_on": IN_YEAR}
    _post(c, f"/api/v1/organization/plans/{plan['id']}/items/", item)
    return {"plan": plan["id"]}


def typed_congress_session(c: Clients) -> dict[str, Any]:
    body = {
        "kind": "workers",
        "title": hostile(200),
        "held_on": IN_YEAR,
        "delegates_total": 30,
        "delegates_present": 25,
    }
    session = _post(c, "/api/v1/congress/sessions/", body)["id"]
    motion = {"title": hostile(200), "yes": 20, "no": 3, "abstain": 2, "resolution": hostile(20000)}
    _post(c, f"/api/v1/congress/sessions/{session}/motions/", motion)
    return {"session": session}
