from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HardshipConfig(AppConfig):
    name = "federation.hardship"
    label = "hardship"
    verbose_name = _("Hardship households (township index)")
