"""Where hostile text lands: the registry of (where it is typed, where it lands) pairs.
A landing fetches one rendering (a page, a spreadsheet, a PDF of either host) and names its
kind; a new export or document joins by adding a line to ``LANDINGS``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.security.hostile import YEAR, Clients, Typed
from tests.security.hostile_typed import (
    typed_activity,
    typed_audit_review,
    typed_congress_session,
    typed_congress_suggestion,
    typed_contract,
    typed_festival,
    typed_finance_entry,
    typed_hardship,
    typed_homes,
    typed_honour,
    typed_mediation,
    typed_member,
    typed_news,
    typed_openness,
    typed_proposal,
    typed_rationalisation,
    typed_report,
    typed_training,
    typed_transfer,
    typed_union_profile,
    typed_work_plan,
)


@dataclass(frozen=True)
class Fetch:
    """A GET of ``path`` (``{id}`` placeholders filled from the typing's ids) on one host,
    through the API (token) or a page (a logged-in browser)."""

    path: str
    side: str  # "union" (A), "union_b", "federation"
    via: str  # "api" or "page"

    def __call__(self, c: Clients, ids: dict[str, Any]) -> Any:
        path = self.path.format(**ids)
        if self.via == "page":
            return c.page(self.side).get(path)
        return (c.union_api if self.side == "union" else c.federation_api).get(path)


def _page(path: str, side: str = "union") -> Fetch:
    return Fetch(path, side, "page")


def _api(path: str, side: str = "union") -> Fetch:
    return Fetch(path, side, "api")


def _book(code: str, fmt: str) -> Fetch:
    return _api(f"/api/v1/ledgers/{code}/?format={fmt}&{YEAR}")


@dataclass(frozen=True)
class Landing:
    name: str
    typed: Typed
    kind: str  # xlsx, csv, pdf, html
    fetch: Fetch


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
    # a transfer's reason: typed at union A, read at union B (the federation sees no reason)
    Landing(
        "transfers page of union B", typed_transfer, "html", _page("/members/transfers/", "union_b")
    ),
    # rights and organization pages
    Landing("mediation page", typed_mediation, "html", _page("/rights/mediation/")),
    Landing("openness page", typed_openness, "html", _page("/organization/openness/")),
    Landing("work plan page", typed_work_plan, "html", _page("/organization/plans/{plan}/")),
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
    Landing(
        "session minutes",
        typed_congress_session,
        "pdf",
        _api("/api/v1/congress/sessions/{session}/minutes.pdf"),
    ),
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
