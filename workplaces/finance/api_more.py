"""API of the audit committee (经审) and the member dues ledger (会费)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import AUDIT, FINANCE, ORGANIZATION
from federation.platform.api import page, validated
from workplaces.activities.api import member_or_400
from workplaces.finance import dues_ledger, review, selectors
from workplaces.finance.models import AuditFinding, AuditReview, MemberDues, ReviewKind

AUDIT_BOOKS = union_roles(AUDIT, read=selectors.READERS)
LEDGER = union_roles(FINANCE, read=(AUDIT, ORGANIZATION))


@extend_schema_field(OpenApiTypes.STR)
class MonthField(serializers.Field):
    """A month period ``YYYY-MM`` -> the first day of that month."""

    default_error_messages = {"invalid": "A month such as 2026-05."}

    def to_internal_value(self, data) -> dt.date:
        try:
            year, month = str(data).split("-")
            return dt.date(int(year), int(month), 1)
        except (ValueError, TypeError):
            self.fail("invalid")
            raise

    def to_representation(self, value) -> str:
        return f"{value:%Y-%m}"


class FindingInput(serializers.Serializer):
    description = serializers.CharField(max_length=5000)
    responsible = serializers.CharField(max_length=100)
    deadline = api_fields.DateField()


class ReviewInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReviewKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)
    reviewed_on = api_fields.DateField()
    conclusion = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    findings = FindingInput(many=True, required=False, max_length=100)  # type: ignore[call-arg]


def _finding_out(f: AuditFinding) -> dict:
    return {
        "id": f.pk,
        "description": f.description,
        "responsible": f.responsible,
        "deadline": f.deadline,
        "status": f.status,
        "closed_on": f.closed_on,
        "rectification": f.rectification,
    }


def _review_out(r: AuditReview) -> dict:
    return {
        "id": r.pk,
        "kind": r.kind,
        "year": r.year,
        "title": r.title,
        "reviewed_on": r.reviewed_on,
        "conclusion": r.conclusion,
        "reported_to_members_on": r.reported_to_members_on,
        "findings": [_finding_out(f) for f in r.findings.all()],
    }


class ReviewApi(APIView):
    permission_classes = [AUDIT_BOOKS]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses={200: dict})
    def get(self, request):
        qs = selectors.reviews_list(year=api_fields.year_query(request))
        return page(request, self, qs, _review_out)

    @extend_schema(request=ReviewInput, responses={201: dict})
    def post(self, request):
        row = review.review_create(actor=request.user, **validated(ReviewInput, request.data))
        return Response(_review_out(row), status=201)


class ReviewFindingApi(APIView):
    permission_classes = [AUDIT_BOOKS]

    @extend_schema(request=FindingInput, responses={201: dict})
    def post(self, request, pk: int):
        row = get_object_or_404(AuditReview, pk=pk)
        finding = review.finding_add(
            actor=request.user, review=row, **validated(FindingInput, request.data)
        )
        return Response(_finding_out(finding), status=201)


class ReportedInput(serializers.Serializer):
    on = api_fields.DateField()


class ReviewReportedApi(APIView):
    permission_classes = [AUDIT_BOOKS]

    @extend_schema(request=ReportedInput, responses={200: dict})
    def post(self, request, pk: int):
        row = get_object_or_404(AuditReview, pk=pk)
        row = review.review_reported(
            actor=request.user, review=row, **validated(ReportedInput, request.data)
        )
        return Response(_review_out(row))


class CloseInput(serializers.Serializer):
    closed_on = api_fields.DateField()
    rectification = serializers.CharField(max_length=5000)


class FindingCloseApi(APIView):
    permission_classes = [AUDIT_BOOKS]

    @extend_schema(request=CloseInput, responses={200: dict})
    def post(self, request, pk: int):
        finding = get_object_or_404(AuditFinding, pk=pk)
        data = validated(CloseInput, request.data)
        return Response(
            _finding_out(review.finding_close(actor=request.user, finding=finding, **data))
        )


# --- member dues ledger --------------------------------------------------------------
class MonthInput(serializers.Serializer):
    month = MonthField()


def _member_dues_out(r: MemberDues) -> dict:
    return {
        "member": r.member_id,
        "name": r.member.name,
        "member_no": r.member.member_no,
        "month": f"{r.month:%Y-%m}",
        "wage": f"{r.wage:.2f}",
        "due": f"{r.due:.2f}",
        "paid": f"{r.paid:.2f}",
        "paid_on": r.paid_on,
    }


class DuesMonthApi(APIView):
    permission_classes = [LEDGER]

    @extend_schema(parameters=[OpenApiParameter("month", str)], responses={200: dict})
    def get(self, request):
        data = validated(MonthInput, {"month": request.query_params.get("month", "")})
        qs = MemberDues.objects.filter(month=data["month"]).select_related("member")
        return page(request, self, qs, _member_dues_out)

    @extend_schema(request=MonthInput, responses={200: dict})
    def post(self, request):
        data = validated(MonthInput, request.data)
        created = dues_ledger.dues_month_generate(actor=request.user, month=data["month"])
        return Response({"month": f"{data['month']:%Y-%m}", "created": created})


class CollectionItem(serializers.Serializer):
    member = serializers.IntegerField(min_value=1)
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal("100000")
    )


class CollectionInput(serializers.Serializer):
    month = MonthField()
    reference = serializers.CharField(max_length=64)
    paid_on = api_fields.DateField()
    items = CollectionItem(many=True, required=False, allow_null=True, max_length=20000)  # type: ignore[call-arg]


class DuesCollectionApi(APIView):
    """A bulk entry: ``items`` for a payroll deduction or an import, or none for everyone
    who still owes the month."""

    permission_classes = [union_roles(FINANCE)]

    @extend_schema(request=CollectionInput, responses={201: dict})
    def post(self, request):
        data = validated(CollectionInput, request.data)
        items = data.get("items")
        row = dues_ledger.dues_collect(
            actor=request.user,
            month=data["month"],
            reference=data["reference"],
            paid_on=data["paid_on"],
            items=[dict(i) for i in items] if items is not None else None,
        )
        return Response(
            {
                "id": row.pk,
                "reference": row.reference,
                "total": f"{row.total:.2f}",
                "members": row.members,
            },
            status=201,
        )


class UnpaidApi(APIView):
    permission_classes = [LEDGER]

    @extend_schema(parameters=[OpenApiParameter("upto", str)], responses={200: dict})
    def get(self, request):
        raw = request.query_params.get("upto", "")
        upto = validated(MonthInput, {"month": raw})["month"] if raw else timezone.localdate()
        rows = dues_ledger.unpaid_streaks(upto=upto)
        for r in rows:
            r["owed"] = f"{r['owed']:.2f}"
        return Response({"results": rows})


class DecisionInput(serializers.Serializer):
    member = serializers.IntegerField(min_value=1)
    decided_on = api_fields.DateField()
    decision = serializers.CharField(max_length=300)


class UnpaidDecisionApi(APIView):
    permission_classes = [union_roles(FINANCE, ORGANIZATION)]

    @extend_schema(request=DecisionInput, responses={201: dict})
    def post(self, request):
        data = validated(DecisionInput, request.data)
        member = member_or_400(data["member"])
        assert member is not None
        row = dues_ledger.unpaid_decision_record(
            actor=request.user,
            member=member,
            decided_on=data["decided_on"],
            decision=data["decision"],
        )
        return Response(
            {"id": row.pk, "member": row.member_id, "decision": row.decision}, status=201
        )


union_api = [
    path("api/v1/finance/reviews/", ReviewApi.as_view(), name="api-finance-reviews"),
    path(
        "api/v1/finance/reviews/<int:pk>/findings/",
        ReviewFindingApi.as_view(),
        name="api-finance-review-findings",
    ),
    path(
        "api/v1/finance/reviews/<int:pk>/reported/",
        ReviewReportedApi.as_view(),
        name="api-finance-review-reported",
    ),
    path(
        "api/v1/finance/findings/<int:pk>/close/",
        FindingCloseApi.as_view(),
        name="api-finance-finding-close",
    ),
    path("api/v1/finance/member-dues/", DuesMonthApi.as_view(), name="api-member-dues"),
    path(
        "api/v1/finance/member-dues/collections/",
        DuesCollectionApi.as_view(),
        name="api-member-dues-collections",
    ),
    path("api/v1/finance/member-dues/unpaid/", UnpaidApi.as_view(), name="api-member-dues-unpaid"),
    path(
        "api/v1/finance/member-dues/unpaid/decisions/",
        UnpaidDecisionApi.as_view(),
        name="api-member-dues-decisions",
    ),
]
