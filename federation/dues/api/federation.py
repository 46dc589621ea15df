"""The dues API of the federation host: the rule table, declarations, the cycle, notices,
payments, the summary and remittance. Doors only: parse, call one service or selector."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.dues import documents, selectors, services
from federation.dues.api.inputs import (
    DuesCycleInput,
    DuesNoticeFilterInput,
    DuesPaymentInput,
    DuesPeriodQueryInput,
    DuesPolicyInput,
    DuesRemittanceInput,
    DuesUnionSettingsInput,
    parse,
    policy_args,
)
from federation.dues.api.outputs import (
    DuesCycleOutput,
    DuesDeclarationOutput,
    DuesNoticeOutput,
    DuesPaymentOutput,
    DuesPolicyOutput,
    DuesRemittanceOutput,
    DuesRemittanceReportOutput,
    DuesSummaryOutput,
    DuesUnionSettingsOutput,
    remittance_report,
)
from federation.dues.models import DuesNotice, NoticeStatus
from federation.platform.accounts.permissions import federation_roles
from federation.platform.accounts.roles import FED_DUES, FEDERATION_STAFF
from federation.platform.api import page
from tenants.models import Union

FILTERS = [
    OpenApiParameter("period", str),
    OpenApiParameter("status", enum=NoticeStatus.values),
    OpenApiParameter("union", str),
]


def _filters(request: Request) -> dict:
    return parse(DuesNoticeFilterInput, request.query_params)


def _period_required(request: Request) -> str:
    period = parse(DuesPeriodQueryInput, request.query_params).get("period")
    if not period:  # absent, or ``?period=`` (blank is allowed by the filter serializer)
        raise ValidationError({"period": [_("Give a period (YYYY-MM).")]}, code="required")
    return period.code


class PolicyApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(responses=DuesPolicyOutput)
    def get(self, request: Request) -> Response:
        return Response(DuesPolicyOutput(selectors.policy_in_force(on=timezone.localdate())).data)

    @extend_schema(request=DuesPolicyInput, responses=DuesPolicyOutput)
    def put(self, request: Request) -> Response:
        v = parse(DuesPolicyInput, request.data)
        row = services.policy_set(actor=request.user, **policy_args(v))
        return Response(DuesPolicyOutput(row).data)


class PolicyHistoryApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(responses=DuesPolicyOutput(many=True))
    def get(self, request: Request) -> Response:
        return page(request, self, selectors.policy_list(), DuesPolicyOutput)


class DeclarationListApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=FEDERATION_STAFF)]

    @extend_schema(parameters=[FILTERS[0], FILTERS[2]], responses=DuesDeclarationOutput(many=True))
    def get(self, request: Request) -> Response:
        f = _filters(request)
        qs = selectors.declaration_list(
            period=f["period"].code if f.get("period") else "", union_slug=f["union"]
        )
        return page(request, self, qs.select_related("notice"), DuesDeclarationOutput)


class CycleApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=DuesCycleInput, responses=DuesCycleOutput)
    def post(self, request: Request) -> Response:
        v = parse(DuesCycleInput, request.data)
        result = services.dues_cycle_run(period=v["period"], actor=request.user)
        return Response(DuesCycleOutput(result).data)


class NoticeListApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(parameters=FILTERS, responses=DuesNoticeOutput(many=True))
    def get(self, request: Request) -> Response:
        f = _filters(request)
        qs = selectors.notice_list(
            period=f["period"].code if f.get("period") else "",
            status=f.get("status", ""),
            union_slug=f["union"],
        )
        return page(request, self, qs, DuesNoticeOutput)


class NoticeDetailApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(responses=DuesNoticeOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(DuesNoticeOutput(get_object_or_404(selectors.notice_list(), pk=pk)).data)


class PaymentCreateApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=DuesPaymentInput, responses={201: DuesPaymentOutput})
    def post(self, request: Request, pk: int) -> Response:
        notice = get_object_or_404(DuesNotice, pk=pk)
        v = parse(DuesPaymentInput, request.data)
        payment = services.payment_record(notice=notice, actor=request.user, **v)
        return Response(DuesPaymentOutput(payment).data, status=status.HTTP_201_CREATED)


class SummaryApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(
        parameters=[OpenApiParameter("period", str, required=True)], responses=DuesSummaryOutput
    )
    def get(self, request: Request) -> Response:
        period = parse(DuesPeriodQueryInput, request.query_params).get("period")
        code = period.code if period else (selectors.periods_known() or [""])[0]
        if not code:
            raise ValidationError({"period": [_("Give a period (YYYY-MM).")]}, code="required")
        return Response(DuesSummaryOutput(selectors.dues_period_summary(period=code)).data)


class RemittanceApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=FEDERATION_STAFF)]

    @extend_schema(
        parameters=[OpenApiParameter("period", str, required=True)],
        responses=DuesRemittanceReportOutput,
    )
    def get(self, request: Request) -> Response:
        calc = selectors.remittance_for_period(period=_period_required(request))
        return Response(remittance_report(calc))

    @extend_schema(request=DuesRemittanceInput, responses={201: DuesRemittanceOutput})
    def post(self, request: Request) -> Response:
        v = parse(DuesRemittanceInput, request.data)
        slug = v.pop("union")
        union = None
        if slug:
            union = Union.objects.filter(slug=slug, is_federation=False).first()
            if union is None:
                raise ValidationError({"union": [_("No such union.")]}, code="does_not_exist")
        row = services.remittance_record(union=union, actor=request.user, **v)
        return Response(DuesRemittanceOutput(row).data, status=status.HTTP_201_CREATED)


class UnionSettingsApi(APIView):
    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(responses=DuesUnionSettingsOutput)
    def get(self, request: Request, slug: str) -> Response:
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        return Response(DuesUnionSettingsOutput(selectors.union_settings(union=union)).data)

    @extend_schema(request=DuesUnionSettingsInput, responses=DuesUnionSettingsOutput)
    def put(self, request: Request, slug: str) -> Response:
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        v = parse(DuesUnionSettingsInput, request.data)
        row = services.union_settings_set(union=union, actor=request.user, **v)
        return Response(DuesUnionSettingsOutput(row).data)


class ArrearsPdfApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=FEDERATION_STAFF)]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, slug: str) -> HttpResponse:
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        response = HttpResponse(documents.arrears_pdf(union=union), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="arrears-{union.slug}.pdf"'
        return response
