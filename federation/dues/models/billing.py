"""Declarations, notices and what follows a notice: adjustments, reminders, credits."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from federation.dues.models._common import (
    MONEY,
    SHARE,
    CollectionMode,
    NoticeStatus,
    _one_payer,
)
from federation.dues.models.setup import DuesPolicy, OrganizingTarget
from tenants.models import Union


class PayrollDeclaration(models.Model):
    """A union's (or organizing target's) payroll total (工资总额) for one period."""

    union = models.ForeignKey(
        Union, null=True, blank=True, on_delete=models.PROTECT, related_name="payroll_declarations"
    )
    target = models.ForeignKey(
        OrganizingTarget,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    period = models.CharField(_("period"), max_length=7)
    period_start = models.DateField()
    payroll_total = models.DecimalField(_("payroll total"), **MONEY)
    headcount = models.PositiveIntegerField(_("headcount"))
    declared_at = models.DateTimeField(auto_now_add=True)
    declared_by = models.CharField(max_length=150, blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    corrections = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-period_start", "union_id"]
        verbose_name = _("payroll declaration")
        constraints = [
            *_one_payer("dues_declaration"),
            models.CheckConstraint(
                condition=Q(payroll_total__gte=0), name="dues_declaration_payroll_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payer} {self.period}"

    @property
    def payer(self):
        return self.union or self.target


class DuesNotice(models.Model):
    """One dues notice per payer and period. Shares are frozen from the rule row in force."""

    union = models.ForeignKey(
        Union, null=True, blank=True, on_delete=models.PROTECT, related_name="dues_notices"
    )
    target = models.ForeignKey(
        OrganizingTarget, null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    declaration = models.OneToOneField(
        PayrollDeclaration, null=True, blank=True, on_delete=models.PROTECT, related_name="notice"
    )
    policy = models.ForeignKey(DuesPolicy, null=True, blank=True, on_delete=models.PROTECT)
    period = models.CharField(_("period"), max_length=7)
    period_start = models.DateField(db_index=True)
    collection_mode = models.CharField(max_length=12, choices=CollectionMode.choices)
    payroll_total = models.DecimalField(_("payroll total"), **MONEY)
    rate = models.DecimalField(_("rate"), **SHARE)
    workplace_share = models.DecimalField(**SHARE)
    upper_share = models.DecimalField(**SHARE)
    city_share = models.DecimalField(**SHARE)
    amount_issued = models.DecimalField(_("amount first issued"), **MONEY)
    amount_due = models.DecimalField(_("amount due"), **MONEY)
    amount_paid = models.DecimalField(_("amount paid"), default=Decimal("0.00"), **MONEY)
    status = models.CharField(
        max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.ISSUED, db_index=True
    )
    due_date = models.DateField(_("due date"))
    grace_until = models.DateField(_("overdue after"))
    reminders_sent = models.PositiveIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    overdue_since = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "union_id", "target_id"]
        verbose_name = _("dues notice")
        constraints = [
            *_one_payer("dues_notice"),
            models.CheckConstraint(
                condition=Q(amount_paid__gte=0), name="dues_notice_paid_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"DN-{self.pk} {self.period}"

    @property
    def number(self) -> str:
        return f"DN-{self.pk}"

    @property
    def balance(self) -> Decimal:
        return self.amount_due - self.amount_paid

    @property
    def payer(self):
        return self.union or self.target


class Adjustment(models.Model):
    """A change of a notice's amount after money was paid: never a silent change."""

    notice = models.ForeignKey(DuesNotice, on_delete=models.PROTECT, related_name="adjustments")
    old_payroll = models.DecimalField(**MONEY)
    new_payroll = models.DecimalField(**MONEY)
    old_amount = models.DecimalField(**MONEY)
    new_amount = models.DecimalField(**MONEY)
    delta = models.DecimalField(**MONEY)
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.notice_id} {self.delta}"


class Reminder(models.Model):
    """A dunning reminder (催收) to one union or organizing target; at most one a day each."""

    union = models.ForeignKey(
        Union, null=True, blank=True, on_delete=models.PROTECT, related_name="dues_reminders"
    )
    target = models.ForeignKey(
        OrganizingTarget,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reminders",
    )
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    notices = models.ManyToManyField(DuesNotice, related_name="reminders")
    outstanding = models.DecimalField(**MONEY)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    email = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["sent_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["union", "sent_on"], name="dues_reminder_once_a_day"),
            models.UniqueConstraint(
                fields=["target", "sent_on"],
                condition=Q(target__isnull=False),
                name="dues_reminder_target_once_a_day",
            ),
            models.CheckConstraint(
                condition=Q(union__isnull=False) | Q(target__isnull=False),
                name="dues_reminder_has_payer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.union_id or self.target_id} {self.sent_on}"


class DuesCredit(models.Model):
    """Money paid on a notice beyond what it finally asks (a downward correction after
    payment): carried to the payer's next notice, never lost. ``applied_to`` is set when a
    notice took it; a part left over becomes a new credit row."""

    union = models.ForeignKey(
        Union, null=True, blank=True, on_delete=models.PROTECT, related_name="dues_credits"
    )
    target = models.ForeignKey(
        OrganizingTarget, null=True, blank=True, on_delete=models.PROTECT, related_name="credits"
    )
    source = models.ForeignKey(DuesNotice, on_delete=models.PROTECT, related_name="credits_made")
    amount = models.DecimalField(_("amount"), **MONEY)
    applied_to = models.ForeignKey(
        DuesNotice,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credits_taken",
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_credit_positive"),
            models.CheckConstraint(
                condition=(Q(union__isnull=False) & Q(target__isnull=True))
                | (Q(union__isnull=True) & Q(target__isnull=False)),
                name="dues_credit_one_payer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.amount}"
