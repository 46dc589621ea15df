"""What the rights app adds to the shared registries, called once from ``ready()``: facts,
navigation, periodic jobs, report prefill sources, staff-home evidence, demo data."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register_all() -> None:
    from federation.platform.accounts import nav
    from tenants import facts
    from workplaces.rights import selectors
    from workplaces.rights.roles import RIGHTS_READERS, WOMEN_OFFICERS

    facts.register("rights.contract", selectors.fact_contract)
    facts.register("rights.contracts_in_force", selectors.fact_contracts_in_force)
    facts.register("rights.workers_covered", selectors.fact_workers_covered)
    facts.register("rights.mediation", selectors.fact_mediation)

    nav.register("union", "rights:contracts", _("Rights"), roles=RIGHTS_READERS, order=60)
    nav.register("union", "rights:women", _("Women workers"), roles=WOMEN_OFFICERS, order=62)
    nav.register("federation", "rights_federation:coverage", _("Collective contracts"), order=60)
