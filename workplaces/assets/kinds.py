"""Audit kinds of the assets app (one per action)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.platform.audit.models import audit_kinds_register


@audit_kinds_register
class AssetAudit(models.TextChoices):
    ROOM = "assets.room", _("Room saved")
    BOOKING = "assets.booking", _("Room booked")
    BOOKING_CANCELLED = "assets.booking_cancelled", _("Room booking cancelled")
    EQUIPMENT = "assets.equipment", _("Equipment added")
    LENDING = "assets.lending", _("Equipment lent")
    RETURNED = "assets.returned", _("Equipment returned")
    DAMAGE = "assets.damage", _("Damage recorded")
