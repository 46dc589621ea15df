from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "workplaces.organization"
    label = "organization"
    verbose_name = _("Committee and terms")

    def ready(self) -> None:
        from tasks.schedule import jobs_register
        from tenants import facts
        from workplaces.organization import audit_kinds, rule_table, selectors, sources

        del audit_kinds  # imported for its registration
        rule_table.declare()
        facts.register("organization.term", selectors.fact_term)
        facts.register("organization.pending", selectors.fact_pending)
        facts.register("organization.openness_by_year", selectors.fact_openness_by_year)
        sources.register_all()
        jobs_register(
            "Committee election reminders (daily)",
            "organization.reminders_dispatch",
            {"minute": "20", "hour": "8"},
            "One task per union: 换届 reminders 6 and 1 months before the term ends, weekly once overdue.",
        )
        from workplaces.organization.evidence import register_evidence
        from workplaces.organization.ui import register_ui

        register_ui()
        register_evidence()
