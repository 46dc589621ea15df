from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "workplaces.welfare"
    label = "welfare"
    verbose_name = _("Welfare")

    def ready(self) -> None:
        from workplaces.welfare import registrations, rule_table

        rule_table.declare()
        registrations.register_all()
