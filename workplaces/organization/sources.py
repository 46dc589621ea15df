"""Report prefill sources of this module (``federation.reports.sources``): they read the
public facts only, so a report cycle prefills every union from the federation side."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def _fact(union: Any, key: str) -> Any:
    from tenants.facts import fact_value

    return fact_value(union=union, key=key)


def committee_size(union: Any) -> int | None:
    fact = _fact(union, "organization.term")
    return None if fact is None else int(fact.get("committee_size") or 0)


def women_on_committee(union: Any) -> int | None:
    fact = _fact(union, "organization.term")
    return None if fact is None else int(fact.get("women_on_committee") or 0)


def register_all() -> None:
    from federation.reports.sources import register

    register("organization.committee_size", _("Committee members (current term)"), committee_size)
    register(
        "organization.women_on_committee",
        _("Women on the committee (current term)"),
        women_on_committee,
    )
