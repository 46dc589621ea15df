"""Finance API (union host): budget, entries with approval and reversal, vouchers, the
yearly report, budget execution, returned funds, final accounts. Read by the chair, the
finance officer and the audit committee; written by the finance officer (and the chair);
approved by the chair only (the service decides)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import FINANCE
from federation.platform.api import page, validated
from workplaces.finance import returns, selectors, services
from workplaces.finance.models import Attachment, Entry, EntryKind, EntryStatus

MAX_AMOUNT = Decimal("999999999.99")
BOOKS = union_roles(FINANCE, read=selectors.READERS)
APPROVE = union_roles(read=selectors.READERS)  # POST: the chair only (and the service checks)


def year_param(request) -> int:
    raw = request.query_params.get("year", "")
    if raw and not (raw.isdecimal() and 2000 <= int(raw) <= 2100):
        raise serializers.ValidationError({"year": ["A year such as 2026."]})
    return int(raw) if raw else timezone.localdate().year


class BudgetLineInput(serializers.Serializer):
    category = serializers.CharField(max_length=40)
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0"), max_value=MAX_AMOUNT
    )


class BudgetInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    lines = BudgetLineInput(many=True, allow_empty=False, max_length=50)  # type: ignore[call-arg]


class BudgetApi(APIView):
    permission_classes = [BOOKS]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses={200: dict})
    def get(self, request):
        year = year_param(request)
        budget = selectors.budget_of(year=year)
        if budget is None:
            return Response({"detail": "No budget for this year."}, status=404)
        return Response(_budget_out(budget))

    @extend_schema(request=BudgetInput, responses={201: dict})
    def post(self, request):
        data = validated(BudgetInput, request.data)
        budget = services.budget_create(actor=request.user, **data)
        return Response(_budget_out(budget), status=status.HTTP_201_CREATED)


def _budget_out(budget) -> dict:
    return {
        "id": budget.pk,
        "year": budget.year,
        "note": budget.note,
        "lines": [
            {"kind": line.kind, "category": line.category, "amount": f"{line.amount:.2f}"}
            for line in budget.lines.all()
        ],
    }


class EntryInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    category = serializers.CharField(max_length=40)
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0.01"), max_value=MAX_AMOUNT
    )
    on = api_fields.DateField()
    summary = serializers.CharField(max_length=300)
    voucher_no = serializers.CharField(max_length=40, required=False, allow_blank=True)
    cap = serializers.CharField(max_length=40, required=False, allow_blank=True)
    headcount = serializers.IntegerField(
        min_value=1, max_value=100000, required=False, allow_null=True
    )
    committee_decision = serializers.CharField(max_length=300, required=False, allow_blank=True)
    committee_decided_on = api_fields.DateField(required=False, allow_null=True)


class EntryOutput(serializers.ModelSerializer):
    reversal_of = serializers.IntegerField(source="reversal_of_id", allow_null=True)
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = [
            "id",
            "kind",
            "category",
            "amount",
            "on",
            "summary",
            "voucher_no",
            "status",
            "source",
            "cap",
            "headcount",
            "committee_decision",
            "committee_decided_on",
            "author_name",
            "approved_by",
            "approved_at",
            "reject_reason",
            "reversal_of",
            "attachments",
            "created_at",
        ]

    def get_attachments(self, obj) -> list[dict]:
        return [
            {"id": a.pk, "name": a.original_name, "size": a.size} for a in obj.attachments.all()
        ]


class EntryListApi(APIView):
    permission_classes = [BOOKS]

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("kind", enum=EntryKind.values),
            OpenApiParameter("status", enum=EntryStatus.values),
            OpenApiParameter("category", str),
        ],
        responses=EntryOutput(many=True),
    )
    def get(self, request):
        raw = request.query_params.get("year", "")
        qs = selectors.entry_list(
            year=year_param(request) if raw else None,
            kind=request.query_params.get("kind", ""),
            status=request.query_params.get("status", ""),
            category=request.query_params.get("category", ""),
        ).prefetch_related("attachments")
        return page(request, self, qs, EntryOutput)

    @extend_schema(request=EntryInput, responses={201: EntryOutput})
    def post(self, request):
        entry = services.entry_create(actor=request.user, **validated(EntryInput, request.data))
        return Response(EntryOutput(entry).data, status=status.HTTP_201_CREATED)


class EntryDetailApi(APIView):
    permission_classes = [BOOKS]

    @extend_schema(responses=EntryOutput)
    def get(self, request, pk: int):
        return Response(EntryOutput(get_object_or_404(Entry, pk=pk)).data)


class ApproveInput(serializers.Serializer):
    committee_decision = serializers.CharField(max_length=300, required=False, allow_blank=True)
    committee_decided_on = api_fields.DateField(required=False, allow_null=True)


class EntryApproveApi(APIView):
    permission_classes = [APPROVE]

    @extend_schema(request=ApproveInput, responses=EntryOutput)
    def post(self, request, pk: int):
        entry = get_object_or_404(Entry, pk=pk)
        data = validated(ApproveInput, request.data)
        entry = services.entry_approve(actor=request.user, entry=entry, **data)
        return Response(EntryOutput(entry).data)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class EntryRejectApi(APIView):
    permission_classes = [APPROVE]

    @extend_schema(request=ReasonInput, responses=EntryOutput)
    def post(self, request, pk: int):
        entry = get_object_or_404(Entry, pk=pk)
        data = validated(ReasonInput, request.data)
        return Response(
            EntryOutput(services.entry_reject(actor=request.user, entry=entry, **data)).data
        )


class ReverseInput(serializers.Serializer):
    reason = serializers.CharField(max_length=200)
    on = api_fields.DateField(required=False)


class EntryReverseApi(APIView):
    permission_classes = [BOOKS]

    @extend_schema(request=ReverseInput, responses={201: EntryOutput})
    def post(self, request, pk: int):
        entry = get_object_or_404(Entry, pk=pk)
        data = validated(ReverseInput, request.data)
        counter = services.entry_reverse(
            actor=request.user,
            entry=entry,
            on=data.get("on") or timezone.localdate(),
            reason=data["reason"],
        )
        return Response(EntryOutput(counter).data, status=status.HTTP_201_CREATED)


class FileInput(serializers.Serializer):
    file = serializers.FileField()


class AttachmentApi(APIView):
    permission_classes = [BOOKS]
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": FileInput}, responses={201: dict})
    def post(self, request, pk: int):
        entry = get_object_or_404(Entry, pk=pk)
        data = validated(FileInput, request.data)
        row = services.attachment_add(actor=request.user, entry=entry, upload=data["file"])
        return Response({"id": row.pk, "name": row.original_name, "size": row.size}, status=201)


class AttachmentFileApi(APIView):
    permission_classes = [BOOKS]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk: int):
        row = get_object_or_404(Attachment, pk=pk)
        return FileResponse(row.file.open("rb"), content_type=row.content_type)


class ReportApi(APIView):
    """The yearly income-and-spending report: approved entries only."""

    permission_classes = [BOOKS]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses={200: dict})
    def get(self, request):
        return Response(selectors.finance_report(year=year_param(request)))


class ExecutionApi(APIView):
    permission_classes = [BOOKS]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses={200: dict})
    def get(self, request):
        year = year_param(request)
        rows = selectors.budget_execution(year=year)
        for row in rows:
            row["rate"] = None if row["rate"] is None else str(row["rate"])
        return Response({"year": year, "lines": rows})


class ReturnsSyncApi(APIView):
    permission_classes = [union_roles(FINANCE)]

    @extend_schema(request=None, responses={200: dict})
    def post(self, request):
        return Response({"created": returns.funds_return_sync(actor=request.user)})


class YearInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class FinalAccountApi(APIView):
    permission_classes = [BOOKS]

    @extend_schema(request=YearInput, responses={201: dict})
    def post(self, request):
        data = validated(YearInput, request.data)
        row = services.final_account_close(actor=request.user, year=data["year"])
        return Response(
            {"year": row.year, "closed_on": row.closed_on, "totals": row.totals}, status=201
        )


def today() -> dt.date:
    return timezone.localdate()
