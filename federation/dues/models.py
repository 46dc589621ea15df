"""Union funds (工会经费): the rule table, declarations, notices, payments and what follows.

All rows live in the public schema, keyed by union (Trade Union Law art. 42/43, see
``statute``; the rules are in ../shared/DESIGN.md, "Union funds"). Every "only once" is a
database constraint.
"""

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import Union
from tenants.validators import validate_credit_code

MONEY: dict[str, Any] = {"max_digits": 16, "decimal_places": 2}
SHARE: dict[str, Any] = {"max_digits": 6, "decimal_places": 4}


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class CollectionMode(models.TextChoices):
    FULL = "full", _("Full collection, workplace share returned")
    SPLIT = "split", _("Split collection, employer pays the upper share only")
    PREPARATORY = "preparatory", _("Preparatory fund (no union yet)")


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("dues status", "Issued")
    PARTIAL = "partial", pgettext_lazy("dues status", "Partly paid")
    PAID = "paid", pgettext_lazy("dues status", "Paid")
    OVERDUE = "overdue", pgettext_lazy("dues status", "Overdue")
    WAIVED = "waived", pgettext_lazy("dues status", "Waived")


OPEN_STATUSES = (NoticeStatus.ISSUED, NoticeStatus.PARTIAL, NoticeStatus.OVERDUE)


class DuesPolicy(models.Model):
    """One row of the dues rule table, in force from ``effective_from`` to ``effective_to``."""

    effective_from = models.DateField(_("effective from"), unique=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    rate = models.DecimalField(_("rate"), default=Decimal("0.0200"), **SHARE)
    period_kind = models.CharField(
        _("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTHLY
    )
    due_day = models.PositiveSmallIntegerField(_("due day"), default=15)
    grace_days = models.PositiveSmallIntegerField(_("grace days"), default=10)
    reminder_every_days = models.PositiveSmallIntegerField(_("remind every (days)"), default=7)
    workplace_share = models.DecimalField(_("workplace share"), default=Decimal("0.6000"), **SHARE)
    upper_share = models.DecimalField(_("upper share"), default=Decimal("0.4000"), **SHARE)
    # the part of the upper share passed on to the city federation (上解)
    city_share = models.DecimalField(
        _("city share of the upper share"), default=Decimal("0.5000"), **SHARE
    )
    small_micro_refund_years = models.JSONField(
        _("small and micro refund years"), default=list, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("dues rule")
        verbose_name_plural = _("dues rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(workplace_share__gte=0)
                & Q(upper_share__gte=0)
                & Q(rate__gt=0)
                & Q(rate__lte=1)
                & Q(city_share__gte=0)
                & Q(city_share__lte=1),
                name="dues_policy_shares_sane",
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="dues_policy_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.effective_from} {self.rate}"


class UnionDuesSettings(models.Model):
    """Per-union dues settings: how the union's funds are collected, and who is reminded."""

    union = models.OneToOneField(Union, on_delete=models.CASCADE, related_name="dues_settings")
    collection_mode = models.CharField(
        _("collection mode"),
        max_length=12,
        choices=[
            (CollectionMode.FULL, CollectionMode.FULL.label),
            (CollectionMode.SPLIT, CollectionMode.SPLIT.label),
        ],
        default=CollectionMode.FULL,
    )
    small_micro = models.BooleanField(_("small or micro enterprise"), default=False)
    contact_email = models.EmailField(_("dues contact email"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("union dues settings")

    def __str__(self) -> str:
        return f"{self.union_id} {self.collection_mode}"


class TargetStatus(models.TextChoices):
    ACTIVE = "active", _("Organizing")
    FOUNDED = "founded", _("Union founded")
    CLOSED = "closed", _("Closed")


class OrganizingTarget(models.Model):
    """An employer in the township without a union yet (建会对象): billed 筹备金 at the same rate."""

    name = models.CharField(_("employer"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    employee_count = models.PositiveIntegerField(_("employees"), default=0)
    status = models.CharField(
        max_length=10, choices=TargetStatus.choices, default=TargetStatus.ACTIVE
    )
    union = models.OneToOneField(
        Union, null=True, blank=True, on_delete=models.SET_NULL, related_name="organizing_target"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizing target")

    def __str__(self) -> str:
        return self.name


def _one_payer(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=(Q(union__isnull=False) & Q(target__isnull=True))
            | (Q(union__isnull=True) & Q(target__isnull=False)),
            name=f"{prefix}_one_payer",
        ),
        models.UniqueConstraint(
            fields=["union", "period"],
            condition=Q(union__isnull=False),
            name=f"{prefix}_once_per_union",
        ),
        models.UniqueConstraint(
            fields=["target", "period"],
            condition=Q(target__isnull=False),
            name=f"{prefix}_once_per_target",
        ),
    ]


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


class Payment(models.Model):
    notice = models.ForeignKey(DuesNotice, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("bank reference"), max_length=64, unique=True)
    recorded_by = models.CharField(max_length=150, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=20, default="manual")  # manual | statement

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("payment")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount}"


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


class Refund(models.Model):
    """A full refund to a small or micro enterprise for a configured year: a record, the notice stays."""

    notice = models.OneToOneField(DuesNotice, on_delete=models.PROTECT, related_name="refund")
    amount = models.DecimalField(**MONEY)
    refunded_on = models.DateField()
    reference = models.CharField(max_length=64, unique=True)
    recorded_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_refund_positive")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount}"


class Reminder(models.Model):
    """A dunning reminder (催收) to one union; at most one per union per day."""

    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="dues_reminders")
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
            models.UniqueConstraint(fields=["union", "sent_on"], name="dues_reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.union_id} {self.sent_on}"


class RemittanceKind(models.TextChoices):
    WORKPLACE_RETURN = "workplace_return", _("Return of the workplace share (回拨)")
    CITY_UPWARD = "city_upward", _("Remittance to the city federation (上解)")


class Remittance(models.Model):
    period = models.CharField(max_length=7, db_index=True)
    kind = models.CharField(max_length=20, choices=RemittanceKind.choices)
    union = models.ForeignKey(
        Union, null=True, blank=True, on_delete=models.PROTECT, related_name="dues_remittances"
    )
    amount = models.DecimalField(**MONEY)
    transferred_on = models.DateField()
    reference = models.CharField(max_length=64, unique=True)
    recorded_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "kind", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_remittance_positive"),
            models.CheckConstraint(
                condition=Q(kind="city_upward", union__isnull=True)
                | Q(kind="workplace_return", union__isnull=False),
                name="dues_remittance_payee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.kind} {self.amount}"


class StatementImport(models.Model):
    """An uploaded bank statement, its lines matched to notices before anything is recorded."""

    file_name = models.CharField(max_length=200)
    uploaded_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class LineStatus(models.TextChoices):
    MATCHED = "matched", _("Matched")
    UNMATCHED = "unmatched", _("Not matched")
    DUPLICATE = "duplicate", _("Reference already used")
    INVALID = "invalid", _("Invalid line")
    RECORDED = "recorded", _("Recorded")


class StatementLine(models.Model):
    statement = models.ForeignKey(StatementImport, on_delete=models.CASCADE, related_name="lines")
    row = models.PositiveIntegerField()
    paid_on = models.DateField(null=True, blank=True)
    amount = models.DecimalField(null=True, blank=True, **MONEY)
    reference = models.CharField(max_length=64, blank=True)
    payer_name = models.CharField(max_length=200, blank=True)
    payer_code = models.CharField(max_length=18, blank=True)
    memo = models.CharField(max_length=300, blank=True)
    notice = models.ForeignKey(DuesNotice, null=True, blank=True, on_delete=models.SET_NULL)
    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=LineStatus.choices)
    message = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["row"]

    def __str__(self) -> str:
        return f"{self.statement_id}:{self.row}"
