"""What the federation sees of union life: facts pushed from inside the union, report
prefill sources and staff-home evidence reading those facts (public rows only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants import facts


def _year() -> str:
    return str(timezone.localdate().year)


def _fact_year(union, key: str, year: str | None = None, default: Any = 0) -> Any:
    value = facts.fact_value(union=union, key=key)
    if value is None:
        return None
    return value.get(year or _year(), default)


def activities_held(union) -> int | None:
    return _fact_year(union, "activities.held_by_year")


def activities_participants(union) -> int | None:
    return _fact_year(union, "activities.participants_by_year")


def training_hours(union) -> str | None:
    return _fact_year(union, "activities.training_hours_by_year", default="0")


def model_workers(union) -> int | None:
    return facts.fact_value(union=union, key="activities.model_workers")


def _register_facts() -> None:
    from workplaces.activities import selectors

    facts.register("activities.held_by_year", selectors.held_by_year)
    facts.register("activities.participants_by_year", selectors.participants_by_year)
    facts.register("activities.training_hours_by_year", selectors.training_hours_by_year)
    facts.register("activities.trainings_by_year", selectors.trainings_by_year)
    facts.register("activities.model_workers", selectors.model_workers)
    facts.register("activities.model_worker_roster", selectors.model_worker_roster)
    facts.register("activities.honours_by_year", selectors.honours_by_year)


def _register_sources() -> None:
    from federation.reports import sources

    sources.register("activities.held", gettext_lazy("Activities held this year"), activities_held)
    # supersedes the reports module's manual placeholder of the same meaning
    sources.register("activities.count", gettext_lazy("Activities held this year"), activities_held)
    sources.register(
        "activities.participants",
        gettext_lazy("Activity participants this year"),
        activities_participants,
    )
    sources.register(
        "activities.training_hours", gettext_lazy("Training person-hours this year"), training_hours
    )
    sources.register("activities.model_workers", gettext_lazy("Model workers"), model_workers)


def _register_checks() -> None:
    from federation.homes.checks import FAIL, NO_DATA, PASS, CheckResult, auto_check

    @auto_check("activities_held", gettext_lazy("Activities held this year"))
    def auto_activities_held(*, union, on: dt.date) -> CheckResult:
        held = facts.fact_value(union=union, key="activities.held_by_year")
        if held is None:
            return CheckResult(NO_DATA, _("No activity records in the app yet."))
        count = held.get(str(on.year), 0)
        participants = (
            facts.fact_value(union=union, key="activities.participants_by_year") or {}
        ).get(str(on.year), 0)
        return CheckResult(
            PASS if count else FAIL,
            _("%(n)s activities held this year, %(p)s participations.")
            % {"n": count, "p": participants},
            str(count),
        )

    @auto_check("training_held", gettext_lazy("Training of cadres and members this year"))
    def auto_training(*, union, on: dt.date) -> CheckResult:
        sessions = facts.fact_value(union=union, key="activities.trainings_by_year")
        if sessions is None:
            return CheckResult(NO_DATA, _("No training records in the app yet."))
        count = sessions.get(str(on.year), 0)
        hours = (facts.fact_value(union=union, key="activities.training_hours_by_year") or {}).get(
            str(on.year), "0"
        )
        return CheckResult(
            PASS if count else FAIL,
            _("%(n)s training sessions, %(h)s person-hours this year.") % {"n": count, "h": hours},
            str(count),
        )


def _register_demo() -> None:
    from tenants.demo import DEMO_HOOKS
    from workplaces.activities.demo import demo_activities_seed

    demo_activities_seed.demo_order = 60  # type: ignore[attr-defined]
    if demo_activities_seed not in DEMO_HOOKS:
        DEMO_HOOKS.append(demo_activities_seed)


def register_all() -> None:
    _register_facts()
    _register_sources()
    _register_checks()
    _register_demo()
