from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "federation.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self) -> None:
        from federation.platform.accounts import nav
        from federation.platform.accounts.roles import (
            FED_ASSESSOR,
            FED_DUES,
            FED_REPORTING,
            FED_VIEWER,
        )

        nav.register(
            "federation", "dashboard:home", _("Dashboard"),
            roles=(FED_DUES, FED_ASSESSOR, FED_REPORTING, FED_VIEWER), order=1,
        )
