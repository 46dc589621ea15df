"""Bounds of an import (issue 15, items 5 and 11), from the rule table.

The membership oracle: an import that writes nothing (a dry run, or a file with errors)
still tells which ID numbers are active members elsewhere in the township. Such lookups
are counted per union and day (``members.index_lookups_per_day``), refused beyond it with
429, and audited; a dry run has its own row cap (``members.dry_run_max_rows``). The 409 /
row error itself is kept.
"""

from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor
from federation.platform.audit.services import audit_record
from federation.platform.errors import DomainError
from federation.rules.selectors import rule_value
from tenants.models import Union
from workplaces.members.audit import MemberAuditKind

DAY = 24 * 3600


class TooManyLookupsError(DomainError):
    """The union has checked too many people against the federation index today."""

    status = 429
    default_code = "index_lookups_exhausted"


def _key(union: Union) -> str:
    return f"members-index-lookups:{union.pk}:{timezone.localdate().isoformat()}"


def lookups_used(*, union: Union) -> int:
    return int(cache.get(_key(union)) or 0)


def lookups_check(*, union: Union, count: int) -> None:
    """Refuse before looking up when the day's allowance would be exceeded."""
    allowed = int(rule_value("members.index_lookups_per_day"))
    if count and lookups_used(union=union) + count > allowed:
        raise TooManyLookupsError(
            _(
                "This union has checked %(n)d people against the federation's member index "
                "today; try again tomorrow or ask the federation."
            )
            % {"n": allowed}
        )


def lookups_spend(*, union: Union, count: int, found: int, dry_run: bool, actor: Actor) -> None:
    """Count and audit lookups that admitted nobody (a dry run or an import refused)."""
    if not count:
        return
    key = _key(union)
    cache.add(key, 0, timeout=DAY)
    try:
        cache.incr(key, count)
    except ValueError:  # expired between add and incr
        cache.set(key, count, timeout=DAY)
    audit_record(
        actor=actor,
        kind=MemberAuditKind.IMPORT_CHECKED,
        object_type="members.import",
        object_id=timezone.localdate().isoformat(),
        after={"checked": count, "active_elsewhere": found, "dry_run": dry_run},
        union_slug=union.slug,
    )


def rows_cap(*, dry_run: bool) -> int:
    key = "members.dry_run_max_rows" if dry_run else "members.import_max_rows"
    return int(rule_value(key))


def import_seconds() -> int:
    return int(rule_value("members.import_seconds"))


def limits_for_reading() -> dict[str, Any]:
    return {
        "max_rows": int(rule_value("members.import_max_rows")),
        "max_unpacked": int(rule_value("members.import_max_unpacked_mb")) * 1024 * 1024,
    }
