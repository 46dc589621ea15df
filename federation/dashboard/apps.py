from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "federation.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self) -> None:
        from federation.dashboard import facts
        from federation.platform.accounts import nav
        from federation.platform.accounts.roles import FEDERATION_STAFF

        facts.register()
        nav.register(
            "federation", "dashboard:home", _("Dashboard"), roles=FEDERATION_STAFF, order=1
        )
