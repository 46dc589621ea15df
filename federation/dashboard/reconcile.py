"""The nightly reconciliation of the roll-ups the dashboard reads.

Union-side services push their counts into ``tenants.UnionRollup`` as facts change; once a
night each union's counts are recounted in its own schema, the roll-up is corrected, and
every value that had drifted is recorded (``RollupDrift``) so the drift is reported, not
silently papered over. Dues notices, staff-home titles and report submissions are public
rows already: the dashboard aggregates them directly and they cannot drift.
"""

from decimal import Decimal

from django.db import transaction
from django_tenants.utils import schema_context

from federation.dashboard.models import RollupDrift
from tenants.models import Union, UnionRollup
from workplaces.members.services import rollup_refresh

ROLLUP_FIELDS = (
    "members_active",
    "members_women",
    "members_migrant",
    "members_retained",
    "member_dues_monthly",
)


def _norm(value) -> str:
    if value is None:
        return "0"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def rollup_reconcile(*, schema_name: str) -> list[RollupDrift]:
    """Recount one union, correct its roll-up, and record each field that had drifted."""
    union = Union.objects.get(schema_name=schema_name)
    with transaction.atomic():
        before = (
            UnionRollup.objects.select_for_update()
            .filter(union=union)
            .values(*ROLLUP_FIELDS)
            .first()
        )
        with schema_context(schema_name):
            after = rollup_refresh(union=union)
        drifts = []
        if before is not None:  # a missing row is a first count, not drift
            drifts = [
                RollupDrift(
                    union=union,
                    field=f,
                    recorded=_norm(before[f]),
                    recounted=_norm(getattr(after, f)),
                )
                for f in ROLLUP_FIELDS
                if _norm(before[f]) != _norm(getattr(after, f))
            ]
            RollupDrift.objects.bulk_create(drifts)
    return drifts


def drift_recent(*, limit: int = 20):
    return RollupDrift.objects.select_related("union")[:limit]
