from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    name = "workplaces.ledgers"
    label = "ledgers"
    verbose_name = _("Ledgers")

    def ready(self) -> None:
        from workplaces.ledgers import rule_table
        from workplaces.ledgers.books import register_builtin
        from workplaces.ledgers.module_books import register_module_books
        from workplaces.ledgers.views import nav_register

        rule_table.declare()
        register_builtin()
        register_module_books()
        nav_register()
