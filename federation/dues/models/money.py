"""Money moving: payments, refunds, transfers (回拨 / 上解) and bank statements."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from federation.dues.models._common import MONEY, LineStatus, RemittanceKind
from federation.dues.models.billing import DuesNotice
from tenants.models import Union


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


class Refund(models.Model):
    """A full refund to a small or micro enterprise for a configured year: a record, the
    notice stays. ``amount`` is what the federation pays out now: what was paid less what
    already left it for this notice (the workplace share returned, the city share passed
    up), kept in ``netted_returned`` / ``netted_city``."""

    notice = models.OneToOneField(DuesNotice, on_delete=models.PROTECT, related_name="refund")
    amount = models.DecimalField(**MONEY)
    netted_returned = models.DecimalField(default=Decimal("0.00"), **MONEY)
    netted_city = models.DecimalField(default=Decimal("0.00"), **MONEY)
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
