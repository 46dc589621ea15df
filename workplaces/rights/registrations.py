"""What the rights app adds to the shared registries, called once from ``ready()``: facts,
navigation, the daily reminders job, report prefill sources, demo."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register_all() -> None:
    from federation.platform.accounts import nav
    from federation.reports.sources import register as source_register
    from tasks.schedule import jobs_register
    from tenants import facts
    from tenants.demo import DEMO_HOOKS
    from workplaces.rights import evidence, selectors
    from workplaces.rights.demo import demo_rights_seed
    from workplaces.rights.roles import RIGHTS_READERS, WOMEN_OFFICERS

    facts.register("rights.contract", selectors.fact_contract)
    facts.register("rights.contracts_in_force", selectors.fact_contracts_in_force)
    facts.register("rights.workers_covered", selectors.fact_workers_covered)
    facts.register("rights.mediation", selectors.fact_mediation)

    nav.register("union", "rights:contracts", _("Rights"), roles=RIGHTS_READERS, order=60)
    nav.register("union", "rights:women", _("Women workers"), roles=WOMEN_OFFICERS, order=62)
    nav.register("federation", "rights_federation:coverage", _("Collective contracts"), order=60)

    jobs_register(
        "Rights reminders (daily)",
        "rights.reminders_dispatch",
        {"minute": "20", "hour": "7"},
        "One task per union: filing due, taking effect, renewal talks, mediation deadlines.",
    )

    # supersedes the reports app's manual placeholder of the annual report's yes/no
    source_register(
        "rights.contract_in_force",
        _("Collective contract signed and in force (yes/no)"),
        evidence.source_contract_in_force,
    )
    source_register(
        "rights.mediation_committee",
        _("Labour dispute mediation committee set up (yes/no)"),
        evidence.source_mediation_committee,
    )
    source_register(
        "rights.contracts_in_force",
        _("Collective contracts in force"),
        evidence.source_fact("rights.contracts_in_force"),
    )
    source_register(
        "rights.workers_covered",
        _("Workers covered by the collective contract"),
        evidence.source_fact("rights.workers_covered"),
    )
    source_register(
        "rights.mediation.received",
        _("Labour dispute cases received this year"),
        evidence.source_by_year("rights.mediation", "received_by_year"),
    )
    source_register(
        "rights.mediation.settled",
        _("Labour dispute cases settled this year"),
        evidence.source_by_year("rights.mediation", "settled_by_year"),
    )
    source_register(
        "welfare.hardship.households",
        _("Hardship households with an open file"),
        evidence.source_hardship_households,
    )
    source_register(
        "welfare.hardship.aid",
        _("Hardship aid given this year (CNY)"),
        evidence.source_hardship_aid,
    )

    demo_rights_seed.demo_order = 60  # type: ignore[attr-defined]
    if demo_rights_seed not in DEMO_HOOKS:
        DEMO_HOOKS.append(demo_rights_seed)
