from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "federation.reports"
    label = "reports"
    verbose_name = _("Information reporting")

    def ready(self) -> None:
        from federation.platform.accounts import nav
        from federation.platform.accounts.roles import FEDERATION_STAFF, UNION_OFFICERS
        from federation.platform.audit.models import audit_kinds_register
        from federation.reports import sources  # noqa: F401 - registers the built-in sources
        from federation.reports.demo import reports_demo_seed
        from federation.reports.models import ReportsAuditKind
        from tasks.schedule import jobs_register
        from tenants.demo import DEMO_HOOKS

        audit_kinds_register(ReportsAuditKind)
        staff = FEDERATION_STAFF
        nav.register("federation", "reports:cycles", _("Reports"), roles=staff, order=40)
        nav.register("federation", "reports:news", _("Work news"), roles=staff, order=41)
        nav.register("union", "union_reports:list", _("Reports"), roles=UNION_OFFICERS, order=50)
        nav.register("union", "union_reports:news", _("Work news"), roles=UNION_OFFICERS, order=51)
        for job in REPORTS_JOBS:
            jobs_register(*job)
        if reports_demo_seed not in DEMO_HOOKS:
            DEMO_HOOKS.append(reports_demo_seed)


REPORTS_JOBS = [
    (
        "Report reminders (daily)",
        "reports.reminders_daily",
        {"minute": "20", "hour": "9"},
        "Reminds unions of reports due soon and of late reports (信息报送催报).",
    ),
]
