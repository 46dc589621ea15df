"""Report prefill sources of the congress module, read from the public facts."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _fact(union: Any, key: str) -> Any:
    from tenants.facts import fact_value

    return fact_value(union=union, key=key)


def congress_held(union: Any) -> int | None:
    """Sessions held this year (0 = not held); None when the union has no record."""
    fact = _fact(union, "congress.sessions_by_year")
    return None if fact is None else int(fact.get(str(timezone.localdate().year), 0))


def congress_held_yes_no(union: Any) -> str | None:
    """The annual report's yes/no "congress held this year" (是/否), from the same fact."""
    held = congress_held(union)
    if held is None:
        return None
    return "是" if held > 0 else "否"


def delegates(union: Any) -> int | None:
    fact = _fact(union, "congress.delegates")
    return None if fact is None else int(fact)


def _proposals(union: Any, field: str) -> int | None:
    fact = _fact(union, "congress.proposals_by_year")
    if fact is None:
        return None
    return int((fact.get(str(timezone.localdate().year)) or {}).get(field, 0))


def proposals_received(union: Any) -> int | None:
    return _proposals(union, "received")


def proposals_answered(union: Any) -> int | None:
    return _proposals(union, "answered")


def register_all() -> None:
    from federation.reports.sources import register

    register("congress.held", _("Congress sessions held this year"), congress_held)
    register("congress.held_yes_no", _("Congress held this year (yes/no)"), congress_held_yes_no)
    register("congress.delegates", _("Congress delegates"), delegates)
    register("congress.proposals_received", _("Proposals received this year"), proposals_received)
    register("congress.proposals_answered", _("Proposals answered this year"), proposals_answered)
