from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.platform.audit.models import audit_kinds_register


@audit_kinds_register
class OrgAuditKind(models.TextChoices):
    TERM_CREATED = "org.term_created", _("Committee term recorded")
    TERM_ENDED = "org.term_ended", _("Committee term ended")
    ROLE_GRANTED = "org.role_granted", _("Role granted by a committee seat")
    ROLE_REVOKED = "org.role_revoked", _("Role ended with a committee term")
    APPLICATION = "org.election_application", _("Election application")
    APPLICATION_DECIDED = "org.election_application_decided", _("Election application decided")
    RESULT = "org.election_result", _("Election result")
    RESULT_DECIDED = "org.election_result_decided", _("Election result decided")
    REMINDER = "org.election_reminder", _("Election reminder sent")
    PLAN = "org.plan", _("Work plan")
    PLAN_ITEM = "org.plan_item", _("Work plan item")
    OPENNESS = "org.openness", _("Openness of affairs item")
