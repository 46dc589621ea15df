from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "workplaces.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from workplaces.activities import federation_side, rule_table
        from workplaces.activities.pages import nav_register

        rule_table.declare()
        federation_side.register_all()
        nav_register()
