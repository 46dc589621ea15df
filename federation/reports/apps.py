from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "federation.reports"
    label = "reports"
    verbose_name = _("Information reporting")

    def ready(self) -> None:
        from federation.platform.accounts import nav
        from federation.platform.accounts.roles import FED_REPORTING, FED_VIEWER, UNION_OFFICERS
        from federation.reports import sources  # noqa: F401 - registers the built-in sources
        from federation.reports.demo import reports_demo_seed
        from tasks.schedule import PERIODIC_JOBS
        from tenants.demo import DEMO_HOOKS

        readers = (FED_REPORTING, FED_VIEWER)
        nav.register("federation", "reports:cycles", _("Reports"), roles=readers, order=40)
        nav.register("federation", "reports:news", _("Work news"), roles=readers, order=41)
        nav.register("union", "union_reports:list", _("Reports"), roles=UNION_OFFICERS, order=50)
        nav.register("union", "union_reports:news", _("Work news"), roles=UNION_OFFICERS, order=51)
        for job in REPORTS_JOBS:
            if job not in PERIODIC_JOBS:
                PERIODIC_JOBS.append(job)
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
