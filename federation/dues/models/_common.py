"""Choices and field options shared by the dues models."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


class TargetStatus(models.TextChoices):
    ACTIVE = "active", _("Organizing")
    FOUNDED = "founded", _("Union founded")
    CLOSED = "closed", _("Closed")


class RemittanceKind(models.TextChoices):
    WORKPLACE_RETURN = "workplace_return", _("Return of the workplace share (回拨)")
    CITY_UPWARD = "city_upward", _("Remittance to the city federation (上解)")


class LineStatus(models.TextChoices):
    MATCHED = "matched", _("Matched")
    UNMATCHED = "unmatched", _("Not matched")
    DUPLICATE = "duplicate", _("Reference already used")
    INVALID = "invalid", _("Invalid line")
    RECORDED = "recorded", _("Recorded")


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
