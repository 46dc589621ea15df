from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    name = "workplaces.assets"
    label = "assets"
    verbose_name = _("Activity room and equipment")

    def ready(self) -> None:
        from federation.platform.accounts import nav
        from workplaces.activities.services import ORGANISERS

        nav.register("union", "assets:rooms", _("Room and equipment"), order=43)
        nav.register("union", "assets:equipment", _("Equipment"), roles=ORGANISERS, order=44)
