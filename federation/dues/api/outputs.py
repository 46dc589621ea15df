"""Output serializers of the dues API (field names are the contract of API.md "Dues")."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from federation.dues import selectors
from federation.dues.models import (
    DuesNotice,
    DuesPolicy,
    OrganizingTarget,
    Payment,
    PayrollDeclaration,
    Remittance,
    StatementImport,
    StatementLine,
)
from federation.platform import api_fields

MONEY = {"max_digits": 16, "decimal_places": 2}


def money_text(value: object) -> str:
    return f"{value:.2f}"


class DuesPolicyOutput(serializers.ModelSerializer):
    upward_share = serializers.DecimalField(source="upper_share", max_digits=6, decimal_places=4)
    period = serializers.CharField(source="period_kind")

    class Meta:
        model = DuesPolicy
        fields = [
            "rate",
            "upward_share",
            "workplace_share",
            "city_share",
            "period",
            "due_day",
            "grace_days",
            "reminder_every_days",
            "small_micro_refund_years",
            "effective_from",
            "effective_to",
        ]


class DuesNoticeOutput(serializers.ModelSerializer):
    union: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    target = serializers.SerializerMethodField()
    balance = serializers.DecimalField(read_only=True, max_digits=16, decimal_places=2)

    class Meta:
        model = DuesNotice
        fields = [
            "id",
            "union",
            "target",
            "period",
            "payroll_total",
            "rate",
            "amount_due",
            "amount_paid",
            "balance",
            "due_date",
            "status",
            "reminders_sent",
            "last_reminded_at",
            "collection_mode",
            "amount_issued",
            "grace_until",
        ]

    def get_target(self, obj: DuesNotice) -> str | None:
        return obj.target.credit_code if obj.target_id and obj.target else None


class DuesPaymentOutput(serializers.ModelSerializer):
    notice_status = serializers.CharField(source="notice.status")
    balance = serializers.DecimalField(
        source="notice.balance", read_only=True, max_digits=16, decimal_places=2
    )

    class Meta:
        model = Payment
        fields = [
            "id",
            "notice",
            "amount",
            "paid_on",
            "reference",
            "recorded_by",
            "notice_status",
            "balance",
        ]


class DuesDeclarationOutput(serializers.ModelSerializer):
    union: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    notice = serializers.SerializerMethodField()

    class Meta:
        model = PayrollDeclaration
        fields = [
            "id",
            "union",
            "period",
            "payroll_total",
            "headcount",
            "declared_at",
            "declared_by",
            "corrected_at",
            "corrections",
            "notice",
        ]

    def get_notice(self, obj: PayrollDeclaration) -> int | None:
        notice = getattr(obj, "notice", None)
        return notice.pk if notice else None


class DuesExpectedOutput(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    notice_on = api_fields.DateField()
    due_date = api_fields.DateField()


class DuesUnionDeclarationOutput(DuesDeclarationOutput):
    """A union's own declaration, with what its notice will ask and when (before it exists)."""

    expected = serializers.SerializerMethodField()

    class Meta(DuesDeclarationOutput.Meta):
        fields = [*DuesDeclarationOutput.Meta.fields, "expected"]

    @extend_schema_field(DuesExpectedOutput(allow_null=True))
    def get_expected(self, obj: PayrollDeclaration) -> dict | None:
        expected = selectors.declaration_expected(declaration=obj, today=timezone.localdate())
        return DuesExpectedOutput(expected).data if expected else None


class DuesCycleOutput(serializers.Serializer):
    period = serializers.CharField()
    notices_created = serializers.IntegerField()
    notices_existing = serializers.IntegerField()
    missing_declarations = serializers.ListField(child=serializers.CharField())


class DuesByUnionOutput(serializers.Serializer):
    union = serializers.CharField()
    amount_due = serializers.DecimalField(max_digits=16, decimal_places=2)
    amount_paid = serializers.DecimalField(max_digits=16, decimal_places=2)
    balance = serializers.DecimalField(max_digits=16, decimal_places=2)
    status = serializers.CharField()
    reminders_sent = serializers.IntegerField()


class DuesSummaryOutput(serializers.Serializer):
    period = serializers.CharField()
    unions = serializers.IntegerField()
    amount_due = serializers.DecimalField(max_digits=16, decimal_places=2)
    amount_paid = serializers.DecimalField(max_digits=16, decimal_places=2)
    outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    collection_rate = serializers.DecimalField(max_digits=6, decimal_places=4)
    upward_remittance = serializers.DecimalField(max_digits=16, decimal_places=2)
    by_union = DuesByUnionOutput(many=True)


class DuesRemittanceOutput(serializers.ModelSerializer):
    union: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Remittance
        fields = [
            "id",
            "period",
            "kind",
            "union",
            "amount",
            "transferred_on",
            "reference",
            "recorded_by",
        ]


class DuesRemittanceRowOutput(serializers.Serializer):
    notice = serializers.IntegerField()
    union = serializers.CharField(allow_null=True)
    mode = serializers.CharField()
    received = serializers.CharField()
    workplace_return = serializers.CharField()
    federation_share = serializers.CharField()
    city_upward = serializers.CharField()


class DuesRemittanceReportOutput(serializers.Serializer):
    period = serializers.CharField()
    received = serializers.CharField()
    workplace_return = serializers.CharField()
    federation_share = serializers.CharField()
    city_upward = serializers.CharField()
    city_sent = serializers.CharField()
    returned = serializers.CharField()
    rows = DuesRemittanceRowOutput(many=True)
    transfers = DuesRemittanceOutput(many=True)


def remittance_report(calc: dict) -> dict:
    """The remittance calculation as the API shows it (money as strings with two decimals)."""
    return {
        "period": calc["period"],
        "received": money_text(calc["received"]),
        "workplace_return": money_text(calc["workplace_return"]),
        "federation_share": money_text(calc["federation_share"]),
        "city_upward": money_text(calc["city_upward"]),
        "city_sent": money_text(calc["city_sent"]),
        "returned": money_text(calc["returned_total"]),
        "rows": [
            {
                "notice": r["notice"].pk,
                "union": r["notice"].union.slug if r["notice"].union_id else None,
                "mode": r["mode"],
                "received": money_text(r["received"]),
                "workplace_return": money_text(r["workplace_return"]),
                "federation_share": money_text(r["federation_share"]),
                "city_upward": money_text(r["city_upward"]),
            }
            for r in calc["rows"]
        ],
        "transfers": DuesRemittanceOutput(calc["transfers"], many=True).data,
    }


class DuesStatementLineOutput(serializers.ModelSerializer):
    class Meta:
        model = StatementLine
        fields = [
            "row",
            "paid_on",
            "amount",
            "reference",
            "payer_name",
            "payer_code",
            "memo",
            "notice",
            "payment",
            "status",
            "message",
        ]


class DuesStatementOutput(serializers.ModelSerializer):
    lines = DuesStatementLineOutput(many=True)

    class Meta:
        model = StatementImport
        fields = ["id", "file_name", "created_at", "applied_at", "lines"]


class DuesTargetOutput(serializers.ModelSerializer):
    # null until the employer founds its union
    union: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = OrganizingTarget
        fields = [
            "id",
            "name",
            "credit_code",
            "contact",
            "contact_email",
            "employee_count",
            "status",
            "union",
        ]


class DuesUnionSettingsOutput(serializers.Serializer):
    union = serializers.CharField(source="union.slug")
    collection_mode = serializers.CharField()
    small_micro = serializers.BooleanField()
    contact_email = serializers.CharField()
