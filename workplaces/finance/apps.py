from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "workplaces.finance"
    label = "finance"
    verbose_name = _("Union finance")

    def ready(self) -> None:
        from workplaces.finance import federation_side, rule_table
        from workplaces.finance.pages import nav_register

        rule_table.declare()
        federation_side.register_all()
        nav_register()
