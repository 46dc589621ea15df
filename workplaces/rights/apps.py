from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "workplaces.rights"
    label = "rights"
    verbose_name = _("Rights")

    def ready(self) -> None:
        from workplaces.rights import registrations, rule_table

        rule_table.declare()
        registrations.register_all()
