"""The audit kinds of the member register: one per action (registered with the platform)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.platform.audit.models import audit_kinds_register


@audit_kinds_register
class MemberAuditKind(models.TextChoices):
    CREATED = "member.created", _("Member added")
    UPDATED = "member.updated", _("Member updated")
    LEFT = "member.left", _("Member left")
    REINSTATED = "member.reinstated", _("Membership reinstated")
    TRANSFER_STARTED = "member.transfer_started", _("Transfer started")
    TRANSFER_ACCEPTED = "member.transfer_accepted", _("Transferred in")
    TRANSFERRED_OUT = "member.transferred_out", _("Transferred out")
    TRANSFER_REJECTED = "member.transfer_rejected", _("Transfer rejected")
    TRANSFER_CANCELLED = "member.transfer_cancelled", _("Transfer cancelled")
    APPLICATION_SUBMITTED = "member.application_submitted", _("Application submitted")
    APPLICATION_APPROVED = "member.application_approved", _("Application approved")
    APPLICATION_REJECTED = "member.application_rejected", _("Application rejected")
    GROUP_CREATED = "member.group_created", _("Union group created")
    GROUP_UPDATED = "member.group_updated", _("Union group updated")
    DUES_RULE_SET = "member.dues_rule_set", _("Member dues rule set")
    REVEALED = "member.revealed", _("ID number and phone revealed")
    IMPORT_CHECKED = "member.import_checked", _("Import checked against the federation index")


@audit_kinds_register
class MemberRetiredKind(models.TextChoices):
    """Kinds of rows written before one kind per action (never written now): registered so
    that those rows still read with a label."""

    STATUS = "member.status", _("Membership status changed")
    TRANSFER = "member.transfer", _("Member transfer")
    APPLICATION = "member.application", _("Membership application")
