from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomesConfig(AppConfig):
    name = "federation.homes"
    label = "homes"
    verbose_name = _("Staff home")

    def ready(self) -> None:
        from federation.homes.demo import homes_demo_seed
        from federation.platform.accounts import nav
        from federation.platform.accounts.roles import (
            FED_ASSESSOR,
            FED_REPORTING,
            FED_VIEWER,
            VICE_CHAIR,
        )
        from tasks.schedule import PERIODIC_JOBS
        from tenants.demo import DEMO_HOOKS

        readers = (FED_ASSESSOR, FED_REPORTING, FED_VIEWER)
        nav.register("federation", "homes:overview", _("Staff home"), roles=readers, order=30)
        nav.register("union", "union_homes:list", _("Staff home"), roles=(VICE_CHAIR,), order=50)
        for job in HOMES_JOBS:
            if job not in PERIODIC_JOBS:
                PERIODIC_JOBS.append(job)
        if homes_demo_seed not in DEMO_HOOKS:
            DEMO_HOOKS.append(homes_demo_seed)


HOMES_JOBS = [
    (
        "Staff home reminders (daily)",
        "homes.reminders_daily",
        {"minute": "15", "hour": "9"},
        "Reminds unions N days before a self-assessment deadline and before a title's re-check date.",
    ),
]
