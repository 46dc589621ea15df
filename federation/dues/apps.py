from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuesConfig(AppConfig):
    name = "federation.dues"
    label = "dues"
    verbose_name = _("Union funds")

    def ready(self) -> None:
        from federation.dues import rule_table
        from federation.dues.demo import dues_demo_seed
        from federation.dues.kinds import DuesAuditKind, DuesRetiredKind
        from federation.platform.accounts import nav
        from federation.platform.accounts.roles import FEDERATION_STAFF, FINANCE, UNION_OFFICERS
        from federation.platform.audit.models import audit_kinds_register
        from tasks.schedule import jobs_register
        from tenants.demo import DEMO_HOOKS

        audit_kinds_register(DuesAuditKind)
        audit_kinds_register(DuesRetiredKind)
        rule_table.declare()
        nav.register("federation", "dues:board", _("Union funds"), roles=FEDERATION_STAFF, order=20)
        nav.register(
            "federation", "dues:remittance", _("Remittance"), roles=FEDERATION_STAFF, order=21
        )
        nav.register(
            "union", "union_dues:page", _("Union funds"), roles=(*UNION_OFFICERS, FINANCE), order=40
        )
        for job in DUES_JOBS:
            jobs_register(*job)
        if dues_demo_seed not in DEMO_HOOKS:
            DEMO_HOOKS.append(dues_demo_seed)


DUES_JOBS = [
    (
        "Dues cycle (monthly)",
        "dues.cycle_dispatch",
        {"minute": "30", "hour": "1", "day_of_month": "1"},
        "Issues the dues notices of the period that just ended: one task per union, "
        "and the organizing targets' preparatory fund notices.",
    ),
    (
        "Dues overdue and reminders (daily)",
        "dues.daily_dispatch",
        {"minute": "0", "hour": "9"},
        "Marks notices overdue after due date + grace days and sends reminders (催收), "
        "to unions and to organizing targets.",
    ),
]
