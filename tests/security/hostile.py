"""The registry of the hostile-content suite: where a union types free text (``TYPED``)
and every place that text lands (``LANDINGS``: pages, spreadsheets, PDFs of both hosts).

A typing function posts hostile text into every free-text field of one door of union A
(as its chair, through the API a client would use) and returns what the landings need
(ids). A landing fetches one rendering and names its kind ("xlsx", "csv", "pdf",
"html"); ``tests/security/test_hostile_content.py`` checks each kind comes out inert.
A new export or document joins by adding a line to ``LANDINGS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.workplaces.members.conftest import member_payload

# what an attacker types: a DDE formula first (a cell starting with it runs), HTML, ReportLab
# markup that would close the paragraph and embed a file from the server's disk, a
# right-to-left override and a zero-width space, then as many characters as the field takes
FORMULA = "=cmd|' /C calc'!A0"
SCRIPT = "<script>alert(1)</script>"
MARKUP = '</para><img src="/etc/passwd"/><font size="90">'
BIDI = "\u202e\u200b"
LONGEST = 10_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def hostile(limit: int) -> str:
    """The hostile text for a field taking ``limit`` characters: every payload that fits,
    padded to the limit (up to ``LONGEST``) when the field is a long text."""
    text = FORMULA + SCRIPT + BIDI
    if limit >= len(text) + len(MARKUP):
        text = FORMULA + SCRIPT + MARKUP + BIDI
    if limit >= 1000:
        text += "长" * (min(limit, LONGEST) - len(text))
    return text[:limit]


@dataclass
class Clients:
    """Union A's chair (API token), the federation's administrator (API token), and their
    logged-in browsers for the pages (made on first use)."""

    union_api: Any
    federation_api: Any
    union_host: str
    _pages: dict[str, Client]

    def page(self, side: str) -> Client:
        if side not in self._pages:
            host, username = (
                (self.union_host, "a_chair")
                if side == "union"
                else ("localhost", "federation_admin")
            )
            client = Client(HTTP_HOST=host)
            assert (
                client.post(
                    "/accounts/login/", {"username": username, "password": PASSWORD}
                ).status_code
                == 302
            )
            self._pages[side] = client
        return self._pages[side]


Typed = Callable[[Clients], dict[str, Any]]
YEAR = f"from={timezone.localdate().year}-01-01&to={timezone.localdate().year}-12-31"
IN_YEAR = f"{timezone.localdate().year}-06-01"


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


def _get(c: Clients, side: str, path: str):
    api = c.union_api if side == "union" else c.federation_api
    return api.get(path)


def _page(path: str, side: str = "union") -> Callable[[Clients, dict], Any]:
    return lambda c, ids: c.page(side).get(path.format(**ids))


def _api(path: str, side: str = "union") -> Callable[[Clients, dict], Any]:
    return lambda c, ids: _get(c, side, path.format(**ids))


def _book(code: str, fmt: str) -> Callable[[Clients, dict], Any]:
    return _api(f"/api/v1/ledgers/{code}/?format={fmt}&{YEAR}")


@dataclass(frozen=True)
class Landing:
    name: str
    typed: Typed
    kind: str  # xlsx, csv, pdf, html
    fetch: Callable[[Clients, dict], Any]


def _books(typed: Typed, code: str) -> list[Landing]:
    return [
        Landing(f"ledger {code} book ({fmt})", typed, fmt, _book(code, fmt))
        for fmt in ("pdf", "xlsx")
    ]


LANDINGS: list[Landing] = [
    # members: name, group, position, address
    Landing(
        "members export (xlsx)", typed_member, "xlsx", _api("/api/v1/members/export/?format=xlsx")
    ),
    Landing(
        "members export (csv)", typed_member, "csv", _api("/api/v1/members/export/?format=csv")
    ),
    Landing(
        "member registration form", typed_member, "pdf", _page("/members/{member}/registration.pdf")
    ),
    Landing("members page", typed_member, "html", _page("/members/")),
    Landing("member page", typed_member, "html", _page("/members/{member}/")),
    Landing("groups page", typed_member, "html", _page("/members/groups/")),
    *_books(typed_member, "members"),
    *_books(typed_member, "groups"),
    # activities
    Landing("activities page", typed_activity, "html", _page("/activities/")),
    Landing("activity page", typed_activity, "html", _page("/activities/{activity}/")),
    *_books(typed_activity, "activities"),
    *_books(typed_training, "training"),
    Landing("training page", typed_training, "html", _page("/activities/training/")),
    *_books(typed_rationalisation, "rationalisation"),
    Landing(
        "rationalisation page", typed_rationalisation, "html", _page("/activities/suggestions/")
    ),
    Landing(
        "nomination form", typed_honour, "pdf", _page("/activities/honours/{honour}/nomination.pdf")
    ),
    # news: typed at the union, read at the federation
    Landing("federation news page", typed_news, "html", _page("/reports/news/", "federation")),
    Landing("union news page", typed_news, "html", _page("/reports/news/")),
    # reports and the union's profile: typed at the union, read at the federation
    Landing(
        "federation cycle export",
        typed_report,
        "xlsx",
        _api("/api/v1/reports/cycles/{cycle}/export/?format=xlsx", "federation"),
    ),
    Landing(
        "federation submission page",
        typed_report,
        "html",
        _page("/reports/submissions/{submission}/", "federation"),
    ),
    Landing(
        "federation union page",
        typed_union_profile,
        "html",
        _page("/unions/union-a/", "federation"),
    ),
    # the staff home: typed at the union, assessed at the federation
    Landing(
        "federation assessment page",
        typed_homes,
        "html",
        _page("/homes/assessments/{assessment}/", "federation"),
    ),
    Landing(
        "federation self-assessment print",
        typed_homes,
        "pdf",
        _page("/homes/assessments/{assessment}/self-assessment.pdf", "federation"),
    ),
    Landing("union assessment page", typed_homes, "html", _page("/homes/{assessment}/")),
    # congress
    # (the page /congress/books/proposals.pdf draws the same book: one is enough, 8 s each)
    Landing(
        "proposal book (API)", typed_proposal, "pdf", _api("/api/v1/congress/books/proposals.pdf")
    ),
    Landing("proposal page", typed_proposal, "html", _page("/congress/proposals/{proposal}/")),
    *_books(typed_proposal, "proposals"),
    *_books(typed_congress_suggestion, "suggestions"),
    # rights
    Landing("contracts ledger", typed_contract, "pdf", _page("/rights/contracts.pdf")),
    Landing("contract page", typed_contract, "html", _page("/rights/contracts/{contract}/")),
    *_books(typed_contract, "contracts"),
    # finance
    *_books(typed_finance_entry, "finance"),
    *_books(typed_finance_entry, "minutes"),
    Landing("finance entry page", typed_finance_entry, "html", _page("/finance/entries/{entry}/")),
    *_books(typed_audit_review, "minutes"),
    Landing("audit page", typed_audit_review, "html", _page("/finance/audit/")),
    # welfare
    Landing("hardship ledger", typed_hardship, "pdf", _page("/welfare/hardship.pdf")),
    Landing("hardship page", typed_hardship, "html", _page("/welfare/hardship/{hardship}/")),
    *_books(typed_hardship, "hardship"),
    Landing(
        "festival receipts",
        typed_festival,
        "xlsx",
        _page("/welfare/festivals/{festival}/receipts.xlsx"),
    ),
    Landing("festival page", typed_festival, "html", _page("/welfare/festivals/{festival}/")),
]
