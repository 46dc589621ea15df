"""What the welfare app adds to the shared registries, called once from ``ready()``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register_all() -> None:
    from federation.platform.accounts import nav
    from tenants import facts
    from tenants.demo import DEMO_HOOKS
    from workplaces.welfare import selectors
    from workplaces.welfare.demo import demo_welfare_seed
    from workplaces.welfare.roles import WELFARE_READERS

    facts.register("welfare.hardship", selectors.fact_hardship)
    facts.register("welfare.visits_by_year", selectors.fact_visits_by_year)
    facts.register("welfare.festival_by_year", selectors.fact_festival_by_year)

    nav.register("union", "welfare:visits", _("Welfare"), roles=WELFARE_READERS, order=64)
    nav.register("federation", "welfare_federation:overview", _("Welfare"), order=62)

    demo_welfare_seed.demo_order = 61  # type: ignore[attr-defined]
    if demo_welfare_seed not in DEMO_HOOKS:
        DEMO_HOOKS.append(demo_welfare_seed)
