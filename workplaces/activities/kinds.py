"""Audit kinds of the activities app (one per action)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.platform.audit.models import audit_kinds_register


@audit_kinds_register
class ActivityAudit(models.TextChoices):
    ACTIVITY_CREATED = "activities.created", _("Activity created")
    ACTIVITY_UPDATED = "activities.updated", _("Activity updated")
    SIGNUP = "activities.signup", _("Signed up for an activity")
    SIGNUP_CANCELLED = "activities.signup_cancelled", _("Activity sign-up cancelled")
    ATTENDANCE = "activities.attendance", _("Attendance recorded")
    AWARD = "activities.award", _("Award recorded")
    PHOTO = "activities.photo", _("Activity photo added")
    PLAN = "activities.plan", _("Activity plan saved")
    COMPETITION = "activities.competition", _("Competition saved")
    ENTRANT = "activities.entrant", _("Competition entrant saved")
    SUGGESTION = "activities.suggestion", _("Rationalisation proposal saved")
    HONOUR = "activities.honour", _("Honour or nomination saved")
    TRAINING = "activities.training", _("Training session saved")
