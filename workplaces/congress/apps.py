from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "workplaces.congress"
    label = "congress"
    verbose_name = _("Congress")

    def ready(self) -> None:
        from federation.platform.accounts import nav
        from federation.platform.accounts.roles import (
            FEDERATION_STAFF,
            GROUP_LEADER,
            MEMBER,
            UNION_OFFICERS,
        )
        from tenants import facts
        from tenants.demo import DEMO_HOOKS
        from workplaces.congress import audit_kinds, rule_table, selectors, sources
        from workplaces.congress.demo import congress_demo_seed

        del audit_kinds  # imported for its registration
        rule_table.declare()
        facts.register("congress.last_held_on", selectors.fact_last_held_on)
        facts.register("congress.sessions_by_year", selectors.fact_sessions_by_year)
        facts.register("congress.delegates", selectors.fact_delegates)
        facts.register("congress.proposals_by_year", selectors.fact_proposals_by_year)
        sources.register_all()
        nav.register("union", "congress:home", _("Congress"), roles=UNION_OFFICERS, order=32)
        nav.register(
            "union", "congress:proposals", _("Proposals"), roles=(MEMBER, GROUP_LEADER), order=33
        )
        nav.register(
            "union",
            "congress:evaluations",
            _("Democratic evaluation"),
            roles=(MEMBER, GROUP_LEADER),
            order=34,
        )
        nav.register(
            "federation", "fed_congress:overview", _("Congresses"), roles=FEDERATION_STAFF, order=36
        )
        congress_demo_seed.demo_order = 61  # type: ignore[attr-defined]
        if congress_demo_seed not in DEMO_HOOKS:
            DEMO_HOOKS.append(congress_demo_seed)
