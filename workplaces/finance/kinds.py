"""Audit kinds of the finance app (one per action)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.platform.audit.models import audit_kinds_register


@audit_kinds_register
class FinanceAudit(models.TextChoices):
    BUDGET = "finance.budget", _("Budget saved")
    ENTRY_CREATED = "finance.entry_created", _("Finance entry recorded")
    ENTRY_APPROVED = "finance.entry_approved", _("Expense approved")
    ENTRY_REJECTED = "finance.entry_rejected", _("Expense rejected")
    ENTRY_REVERSED = "finance.entry_reversed", _("Entry reversed by a counter-entry")
    ATTACHMENT = "finance.attachment", _("Voucher attached")
    FUNDS_RETURN = "finance.funds_return", _("Returned union funds booked")
    FINAL_ACCOUNT = "finance.final_account", _("Final accounts closed")
    REVIEW = "finance.review", _("Audit committee review recorded")
    FINDING = "finance.finding", _("Audit finding recorded")
    FINDING_CLOSED = "finance.finding_closed", _("Audit finding rectified")
    DUES_MONTH = "finance.dues_month", _("Member dues month generated")
    DUES_COLLECTED = "finance.dues_collected", _("Member dues collected")
    DUES_IMPORTED = "finance.dues_imported", _("Member dues payments imported")
    UNPAID_DECISION = "finance.unpaid_decision", _("Decision on unpaid member dues")
