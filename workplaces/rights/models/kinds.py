from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.platform.audit.models import audit_kinds_register


@audit_kinds_register
class RightsAuditKind(models.TextChoices):
    CONTRACT_CREATED = "rights.contract_created", _("Collective contract recorded")
    CONTRACT_UPDATED = "rights.contract_updated", _("Collective contract changed")
    CONTRACT_SIGNED = "rights.contract_signed", _("Collective contract signed")
    CONTRACT_FILED = "rights.contract_filed", _("Collective contract filed")
    CONTRACT_OBJECTED = "rights.contract_objected", _("Labour department objected")
    CONTRACT_TEXT = "rights.contract_text", _("Signed contract text uploaded")
    ROUND_ADDED = "rights.round_added", _("Negotiation round recorded")
    MEDIATION_RECEIVED = "rights.mediation_received", _("Mediation case received")
    MEDIATION_CLOSED = "rights.mediation_closed", _("Mediation case closed")
    COMMITTEE_SET = "rights.committee_set", _("Mediation committee set")
    LEGAL_AID_CREATED = "rights.legal_aid_created", _("Legal aid request recorded")
    LEGAL_AID_REFERRED = "rights.legal_aid_referred", _("Legal aid request referred")
    LEGAL_AID_CLOSED = "rights.legal_aid_closed", _("Legal aid request closed")
    WOMEN_CREATED = "rights.women_created", _("Women's protection record added")
    WOMEN_UPDATED = "rights.women_updated", _("Women's protection record changed")
    WOMEN_READ = "rights.women_read", _("Women's protection record read")
    HEALTH_CHECK = "rights.health_check", _("Women's health check recorded")
    NOMINATION = "rights.nomination", _("三八红旗手 nomination")
