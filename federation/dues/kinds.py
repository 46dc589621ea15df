"""The audit kinds of the union funds: one per action (registered in ``apps.ready``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DuesRetiredKind(models.TextChoices):
    """Kinds of rows written before one kind per action (never written now): registered so
    that those rows still read with a label."""

    DECLARATION = "dues.declaration", _("Payroll declaration")
    NOTICE = "dues.notice", _("Dues notice")
    PAYMENT = "dues.payment", _("Dues payment")
    ADJUSTMENT = "dues.adjustment", _("Dues adjustment")
    REFUND = "dues.refund", _("Dues refund")
    REMITTANCE = "dues.remittance", pgettext_lazy("audit event", "Remittance")
    POLICY = "dues.policy", _("Dues rule changed")


class DuesAuditKind(models.TextChoices):
    POLICY_SET = "dues.policy.set", _("Dues rule row saved")
    SETTINGS_SET = "dues.settings.set", _("Union dues settings saved")
    DECLARATION_SUBMITTED = "dues.declaration.submitted", _("Payroll declared")
    DECLARATION_CORRECTED = "dues.declaration.corrected", _("Payroll declaration corrected")
    NOTICE_ISSUED = "dues.notice.issued", _("Dues notice issued")
    NOTICE_RECOMPUTED = "dues.notice.recomputed", _("Dues notice recomputed before payment")
    NOTICE_ADJUSTED = "dues.notice.adjusted", _("Dues notice adjusted after payment")
    NOTICE_WAIVED = "dues.notice.waived", _("Dues notice waived")
    NOTICE_OVERDUE = "dues.notice.overdue", _("Dues notice overdue")
    REMINDER_SENT = "dues.reminder.sent", _("Dues reminder sent")
    PAYMENT_RECORDED = "dues.payment.recorded", _("Dues payment recorded")
    REFUND_RECORDED = "dues.refund.recorded", _("Dues refund recorded")
    CREDIT_CARRIED = "dues.credit.carried", _("Dues overpayment carried as a credit")
    CREDIT_APPLIED = "dues.credit.applied", _("Dues credit applied to a notice")
    REMITTANCE_RECORDED = "dues.remittance.recorded", _("Dues transfer recorded")
    TARGET_REGISTERED = "dues.target.registered", _("Organizing target registered")
    TARGET_FOUNDED = "dues.target.founded", _("Organizing target founded its union")
    STATEMENT_IMPORTED = "dues.statement.imported", _("Bank statement imported")
