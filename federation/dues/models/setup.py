"""The dues rule table, per-union settings and organizing targets."""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from federation.dues.models._common import SHARE, CollectionMode, PeriodKind, TargetStatus
from tenants.models import Union
from tenants.validators import validate_credit_code


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
