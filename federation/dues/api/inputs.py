"""Input serializers of the dues API: real types and bounds, so services receive Python
values. The dues pages parse their forms with the same serializers (``parse``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework import serializers
from rest_framework.exceptions import ParseError

from federation.dues.api.fields import MoneyField, PeriodField, ReferenceField, ShareField
from federation.dues.models import CollectionMode, NoticeStatus, PeriodKind, RemittanceKind
from federation.platform import api_fields

HEADCOUNT_MAX = 1_000_000

# the Chinese names of the fields, for messages on the pages ("金额：…", never "amount: …")
FIELD_LABELS: dict[str, Any] = {
    "amount": pgettext_lazy("dues field", "Amount"),
    "paid_on": pgettext_lazy("dues field", "Paid on"),
    "reference": pgettext_lazy("dues field", "Bank reference"),
    "refunded_on": pgettext_lazy("dues field", "Refunded on"),
    "reason": pgettext_lazy("dues field", "Reason"),
    "period": pgettext_lazy("dues field", "Period"),
    "payroll_total": pgettext_lazy("dues field", "Payroll total"),
    "headcount": pgettext_lazy("dues field", "Headcount"),
    "rate": pgettext_lazy("dues field", "Contribution rate"),
    "upward_share": pgettext_lazy("dues field", "Upper share"),
    "city_share": pgettext_lazy("dues field", "City part of the upper share"),
    "due_day": pgettext_lazy("dues field", "Due day"),
    "grace_days": pgettext_lazy("dues field", "Grace days"),
    "reminder_every_days": pgettext_lazy("dues field", "Remind every (days)"),
    "effective_from": pgettext_lazy("dues field", "Effective from"),
    "small_micro_refund_years": pgettext_lazy("dues field", "Small and micro refund years"),
    "kind": pgettext_lazy("dues field", "Kind"),
    "union": pgettext_lazy("dues field", "Union"),
    "transferred_on": pgettext_lazy("dues field", "Transferred on"),
    "name": pgettext_lazy("dues field", "Employer"),
    "credit_code": pgettext_lazy("dues field", "Credit code"),
    "contact": pgettext_lazy("dues field", "Contact"),
    "contact_email": pgettext_lazy("dues field", "Contact email"),
    "employee_count": pgettext_lazy("dues field", "Employees"),
    "collection_mode": pgettext_lazy("dues field", "Collection mode"),
    "small_micro": pgettext_lazy("dues field", "Small or micro enterprise"),
    "notice": pgettext_lazy("dues field", "Notice"),
    "target": pgettext_lazy("dues field", "Employer"),
    "file": pgettext_lazy("dues field", "File"),
    "status": pgettext_lazy("dues field", "Status"),
    "non_field_errors": pgettext_lazy("dues field", "Error"),
    "__all__": pgettext_lazy("dues field", "Error"),
}


def body(data: Any) -> Any:
    if not hasattr(data, "get"):
        raise ParseError(_("Send a JSON object."))
    return data


def policy_args(v: dict[str, Any]) -> dict[str, Any]:
    """The validated ``DuesPolicyInput`` (API and page) as ``policy_set``'s arguments."""
    return {
        "rate": v["rate"],
        "upper_share": v["upward_share"],
        "due_day": v["due_day"],
        "grace_days": v["grace_days"],
        "reminder_every_days": v["reminder_every_days"],
        "effective_from": v.get("effective_from"),
        "period_kind": v.get("period"),
        "city_share": v.get("city_share"),
        "small_micro_refund_years": v.get("small_micro_refund_years"),
    }


def parse(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    """Validate ``data`` (a JSON object or a POST QueryDict); a 400 naming the fields."""
    serializer = serializer_class(data=body(data))
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class DuesPolicyInput(serializers.Serializer):
    rate = ShareField()
    upward_share = ShareField()
    due_day = serializers.IntegerField(min_value=1, max_value=28)
    grace_days = serializers.IntegerField(min_value=0, max_value=365)
    reminder_every_days = serializers.IntegerField(min_value=1, max_value=365)
    city_share = ShareField(required=False)
    period = serializers.ChoiceField(choices=PeriodKind.values, required=False)
    small_micro_refund_years = serializers.ListField(
        child=serializers.IntegerField(min_value=2000, max_value=2100),
        required=False,
        max_length=100,
    )
    effective_from = api_fields.DateField(required=False)


class DuesCycleInput(serializers.Serializer):
    period = PeriodField()


class DuesPaymentInput(serializers.Serializer):
    amount = MoneyField()
    paid_on = api_fields.DateField()
    reference = ReferenceField()


class DuesRefundInput(serializers.Serializer):
    refunded_on = api_fields.DateField()
    reference = ReferenceField()


class DuesWaiveInput(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class DuesDeclarationInput(serializers.Serializer):
    period = PeriodField()
    payroll_total = MoneyField(allow_zero=True)
    headcount = serializers.IntegerField(min_value=0, max_value=HEADCOUNT_MAX)


class DuesTargetDeclarationInput(DuesDeclarationInput):
    target = serializers.IntegerField(min_value=1, required=False)


class DuesDeclarationCorrectInput(serializers.Serializer):
    payroll_total = MoneyField(allow_zero=True)
    headcount = serializers.IntegerField(min_value=0, max_value=HEADCOUNT_MAX, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class DuesRemittanceInput(serializers.Serializer):
    period = PeriodField()
    kind = serializers.ChoiceField(choices=RemittanceKind.values)
    union = serializers.SlugField(required=False, allow_blank=True, max_length=40, default="")
    amount = MoneyField()
    transferred_on = api_fields.DateField()
    reference = ReferenceField()


class DuesTargetInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    credit_code = serializers.CharField(max_length=18)
    contact = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    employee_count = serializers.IntegerField(
        min_value=0, max_value=HEADCOUNT_MAX, required=False, default=0
    )


class DuesUnionSettingsInput(serializers.Serializer):
    collection_mode = serializers.ChoiceField(choices=[CollectionMode.FULL, CollectionMode.SPLIT])
    small_micro = serializers.BooleanField(required=False, default=False)
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")


class DuesNoticeFilterInput(serializers.Serializer):
    period = PeriodField(required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=NoticeStatus.values, required=False, allow_blank=True)
    union = serializers.CharField(required=False, max_length=40, allow_blank=True, default="")


class DuesPeriodQueryInput(serializers.Serializer):
    period = PeriodField(required=False, allow_blank=True)
