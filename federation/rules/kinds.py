"""The rule table's audit kinds (registered in ``RulesConfig.ready()``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RulesAuditKind(models.TextChoices):
    CHANGED = "rules.changed", _("Rule value changed")
