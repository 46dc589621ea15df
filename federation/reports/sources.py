"""Prefill sources: one named function per fact a report can ask for.

Each function takes the union (a public ``tenants.Union`` row) and returns a value, or
None when nothing in the app can answer it yet (the union then enters it by hand).
Functions read public data only (roll-up rows pushed by the union-side modules), so a
cycle can prefill every union from the federation side without entering their schemas.
New modules add theirs with ``register``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Source:
    name: str
    label: Any
    func: Callable[[Any], Any]


_SOURCES: dict[str, Source] = {}


def register(name: str, label, func: Callable[[Any], Any]) -> None:
    """Add or replace a source (replacing lets a module supersede a manual placeholder)."""
    _SOURCES[name] = Source(name, label, func)


def source_get(name: str) -> Source | None:
    return _SOURCES.get(name)


def source_names() -> list[str]:
    return sorted(_SOURCES)


def sources_all() -> list[Source]:
    return [_SOURCES[n] for n in source_names()]


def source_value(name: str, union) -> Any:
    source = _SOURCES.get(name)
    return None if source is None else source.func(union)


def _rollup(union):
    from tenants.models import UnionRollup

    cache = getattr(union, "_reports_rollup", False)
    if cache is False:
        cache = UnionRollup.objects.filter(union_id=union.pk).first()
        union._reports_rollup = cache
    return cache


def _rollup_field(field: str) -> Callable[[Any], int]:
    def read(union) -> int:
        rollup = _rollup(union)
        return getattr(rollup, field) if rollup is not None else 0

    return read


def _manual(union) -> None:
    return None


register("members.active", _("Active members (roll-up)"), _rollup_field("members_active"))
register(
    "members.active.women", _("Active women members (roll-up)"), _rollup_field("members_women")
)
register(
    "members.active.migrant",
    _("Active migrant-worker members (roll-up)"),
    _rollup_field("members_migrant"),
)
register("members.retained", _("Retained members (roll-up)"), _rollup_field("members_retained"))


def _employees(union: Any) -> int | None:
    """The effective employee count: the latest of the registered count and the headcount
    declared for dues (so a report never divides members by a count frozen at registration)."""
    from tenants.selectors import employees_effective

    found = employees_effective(union)
    return found.count if found is not None else None


register("employees", _("Employees (latest of register and dues declaration)"), _employees)
# no module answers these yet: registered so forms can name them, manual until one does
register("union_staff", _("Full-time union staff (manual for now)"), _manual)
register("congress.delegates", _("Congress delegates (manual for now)"), _manual)
register("congress.held", _("Congress held this year (manual for now)"), _manual)
register("activities.count", _("Activities held (manual for now)"), _manual)
register("rights.contract_in_force", _("Collective contract in force (manual for now)"), _manual)
