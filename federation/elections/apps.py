from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    """Election applications and results (换届) the federation approves: public rows keyed
    by union. The union's own committee and terms live in ``workplaces.organization``."""

    name = "federation.elections"
    label = "elections"
    verbose_name = _("Union elections")
