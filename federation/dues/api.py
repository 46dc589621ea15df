"""/api/v1/dues/ on both hosts (contract: ../shared/API.md "Dues"). Doors only: parse,
call one service or selector, shape the output."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.dues import selectors, services, statements
from federation.dues.models import (
    CollectionMode,
    DuesNotice,
    DuesPolicy,
    NoticeStatus,
    OrganizingTarget,
    Payment,
    PayrollDeclaration,
    Remittance,
    RemittanceKind,
    StatementImport,
    StatementLine,
)
from federation.dues.periods import period_parse
from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import (
    FED_ASSESSOR,
    FED_DUES,
    FED_REPORTING,
    FED_VIEWER,
    FINANCE,
    UNION_OFFICERS,
)
from federation.platform.api import Conflict, Pagination
from tenants.context import current_union
from tenants.models import Union

READERS = (FED_DUES, FED_ASSESSOR, FED_REPORTING, FED_VIEWER)
MONEY = {"max_digits": 16, "decimal_places": 2}


def _body(request) -> dict:
    if not isinstance(request.data, dict):
        raise ParseError("Send a JSON object.")
    return request.data


def _conflict(exc: services.DuesConflict):
    return Conflict(exc.detail)


# --- output --------------------------------------------------------------------


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
    union = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    target = serializers.SerializerMethodField()
    balance = serializers.DecimalField(read_only=True, **MONEY)

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

    def get_target(self, obj) -> str | None:
        return obj.target.credit_code if obj.target_id else None


class DuesPaymentOutput(serializers.ModelSerializer):
    notice_status = serializers.CharField(source="notice.status")
    balance = serializers.DecimalField(source="notice.balance", read_only=True, **MONEY)

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
    union = serializers.SlugRelatedField(slug_field="slug", read_only=True)
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

    def get_notice(self, obj) -> int | None:
        notice = getattr(obj, "notice", None)
        return notice.pk if notice else None


class DuesCycleOutput(serializers.Serializer):
    period = serializers.CharField()
    notices_created = serializers.IntegerField()
    notices_existing = serializers.IntegerField()
    missing_declarations = serializers.ListField(child=serializers.CharField())


class DuesByUnionOutput(serializers.Serializer):
    union = serializers.CharField()
    amount_due = serializers.DecimalField(**MONEY)
    amount_paid = serializers.DecimalField(**MONEY)
    balance = serializers.DecimalField(**MONEY)
    status = serializers.CharField()
    reminders_sent = serializers.IntegerField()


class DuesSummaryOutput(serializers.Serializer):
    period = serializers.CharField()
    unions = serializers.IntegerField()
    amount_due = serializers.DecimalField(**MONEY)
    amount_paid = serializers.DecimalField(**MONEY)
    outstanding = serializers.DecimalField(**MONEY)
    collection_rate = serializers.DecimalField(max_digits=6, decimal_places=4)
    upward_remittance = serializers.DecimalField(**MONEY)
    by_union = DuesByUnionOutput(many=True)


class DuesRemittanceOutput(serializers.ModelSerializer):
    union = serializers.SlugRelatedField(slug_field="slug", read_only=True)

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


# --- input (strings: the services validate and name the field) -------------------


class DuesTargetOutput(serializers.ModelSerializer):
    union = serializers.SlugRelatedField(slug_field="slug", read_only=True)

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


class DuesTargetInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    credit_code = serializers.CharField(max_length=18)
    contact = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    employee_count = serializers.CharField(required=False, default="0")


class DuesPolicyInput(serializers.Serializer):
    rate = serializers.CharField()
    upward_share = serializers.CharField()
    due_day = serializers.CharField()
    grace_days = serializers.CharField()
    reminder_every_days = serializers.CharField()
    city_share = serializers.CharField(required=False)
    period = serializers.ChoiceField(choices=["monthly", "quarterly"], required=False)
    small_micro_refund_years = serializers.ListField(
        child=serializers.IntegerField(), required=False
    )
    effective_from = serializers.DateField(required=False)


class DuesCycleInput(serializers.Serializer):
    period = serializers.CharField()


class DuesPaymentInput(serializers.Serializer):
    amount = serializers.CharField()
    paid_on = serializers.CharField()
    reference = serializers.CharField()


class DuesDeclarationInput(serializers.Serializer):
    period = serializers.CharField()
    payroll_total = serializers.CharField()
    headcount = serializers.CharField()


class DuesDeclarationCorrectInput(serializers.Serializer):
    payroll_total = serializers.CharField()
    headcount = serializers.CharField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class DuesRemittanceInput(serializers.Serializer):
    period = serializers.CharField()
    kind = serializers.ChoiceField(choices=RemittanceKind.values)
    union = serializers.CharField(required=False, allow_blank=True)
    amount = serializers.CharField()
    transferred_on = serializers.CharField()
    reference = serializers.CharField()


class DuesUnionSettingsInput(serializers.Serializer):
    collection_mode = serializers.ChoiceField(choices=[CollectionMode.FULL, CollectionMode.SPLIT])
    small_micro = serializers.BooleanField(required=False, default=False)
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")


class DuesUnionSettingsOutput(serializers.Serializer):
    union = serializers.CharField(source="union.slug")
    collection_mode = serializers.CharField()
    small_micro = serializers.BooleanField()
    contact_email = serializers.CharField()


def _valid(serializer_class, request, **kwargs):
    data = serializer_class(data=_body(request), **kwargs)
    data.is_valid(raise_exception=True)
    return data.validated_data


def _filters(request) -> dict:
    params = request.query_params
    errors = {}
    period = params.get("period", "").strip()
    state = params.get("status", "").strip()
    if period:
        try:
            period = period_parse(period).code
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if state and state not in NoticeStatus.values:
        errors["status"] = [f"Choose one of: {', '.join(NoticeStatus.values)}."]
    if errors:
        raise ValidationError(errors)
    return {"period": period, "status": state}


def _page(request, view, qs, serializer):
    paginator = Pagination()
    page = paginator.paginate_queryset(qs, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True).data)


FILTERS = [
    OpenApiParameter("period", str),
    OpenApiParameter("status", enum=NoticeStatus.values),
    OpenApiParameter("union", str),
]


# --- federation host ----------------------------------------------------------------


class PolicyApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(responses=DuesPolicyOutput)
    def get(self, request):
        from django.utils import timezone

        return Response(DuesPolicyOutput(selectors.policy_in_force(on=timezone.localdate())).data)

    @extend_schema(request=DuesPolicyInput, responses=DuesPolicyOutput)
    def put(self, request):
        v = _valid(DuesPolicyInput, request)
        row = services.policy_set(
            actor=request.user,
            rate=v["rate"],
            upper_share=v["upward_share"],
            due_day=v["due_day"],
            grace_days=v["grace_days"],
            reminder_every_days=v["reminder_every_days"],
            effective_from=v.get("effective_from"),
            period_kind=v.get("period"),
            city_share=v.get("city_share"),
            small_micro_refund_years=v.get("small_micro_refund_years"),
        )
        return Response(DuesPolicyOutput(row).data)


class PolicyHistoryApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(responses=DuesPolicyOutput(many=True))
    def get(self, request):
        return _page(request, self, selectors.policy_list(), DuesPolicyOutput)


class DeclarationListApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=READERS)]

    @extend_schema(parameters=FILTERS[:1] + FILTERS[2:], responses=DuesDeclarationOutput(many=True))
    def get(self, request):
        f = _filters(request)
        qs = selectors.declaration_list(
            period=f["period"], union_slug=request.query_params.get("union", "")[:40]
        )
        return _page(request, self, qs.select_related("notice"), DuesDeclarationOutput)


class CycleApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=DuesCycleInput, responses=DuesCycleOutput)
    def post(self, request):
        v = _valid(DuesCycleInput, request)
        return Response(
            DuesCycleOutput(services.dues_cycle_run(period=v["period"], actor=request.user)).data
        )


class NoticeListApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(parameters=FILTERS, responses=DuesNoticeOutput(many=True))
    def get(self, request):
        f = _filters(request)
        qs = selectors.notice_list(
            period=f["period"],
            status=f["status"],
            union_slug=request.query_params.get("union", "")[:40],
        )
        return _page(request, self, qs, DuesNoticeOutput)


class NoticeDetailApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(responses=DuesNoticeOutput)
    def get(self, request, pk: int):
        return Response(DuesNoticeOutput(get_object_or_404(selectors.notice_list(), pk=pk)).data)


class PaymentCreateApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=DuesPaymentInput, responses={201: DuesPaymentOutput})
    def post(self, request, pk: int):
        notice = get_object_or_404(DuesNotice, pk=pk)
        v = _valid(DuesPaymentInput, request)
        try:
            payment = services.payment_record(
                notice=notice,
                amount=v["amount"],
                paid_on=v["paid_on"],
                reference=v["reference"],
                actor=request.user,
            )
        except services.DuesConflict as exc:
            raise _conflict(exc) from None
        return Response(DuesPaymentOutput(payment).data, status=status.HTTP_201_CREATED)


class SummaryApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(
        parameters=[OpenApiParameter("period", str, required=True)], responses=DuesSummaryOutput
    )
    def get(self, request):
        f = _filters(request)
        if not f["period"]:
            known = selectors.periods_known()
            if not known:
                raise ValidationError({"period": ["Give a period (YYYY-MM)."]})
            f["period"] = known[0]
        return Response(DuesSummaryOutput(selectors.dues_period_summary(period=f["period"])).data)


class RemittanceApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=READERS)]

    @extend_schema(
        parameters=[OpenApiParameter("period", str, required=True)],
        responses=DuesRemittanceReportOutput,
    )
    def get(self, request):
        f = _filters(request)
        if not f["period"]:
            raise ValidationError({"period": ["Give a period (YYYY-MM)."]})
        calc = selectors.remittance_for_period(period=f["period"])
        money = lambda d: f"{d:.2f}"  # noqa: E731
        return Response(
            {
                "period": calc["period"],
                "received": money(calc["received"]),
                "workplace_return": money(calc["workplace_return"]),
                "federation_share": money(calc["federation_share"]),
                "city_upward": money(calc["city_upward"]),
                "city_sent": money(calc["city_sent"]),
                "returned": money(calc["returned_total"]),
                "rows": [
                    {
                        "notice": r["notice"].pk,
                        "union": r["notice"].union.slug if r["notice"].union_id else None,
                        "mode": r["mode"],
                        "received": money(r["received"]),
                        "workplace_return": money(r["workplace_return"]),
                        "federation_share": money(r["federation_share"]),
                        "city_upward": money(r["city_upward"]),
                    }
                    for r in calc["rows"]
                ],
                "transfers": DuesRemittanceOutput(calc["transfers"], many=True).data,
            }
        )

    @extend_schema(request=DuesRemittanceInput, responses={201: DuesRemittanceOutput})
    def post(self, request):
        v = _valid(DuesRemittanceInput, request)
        union = None
        if v.get("union"):
            union = Union.objects.filter(slug=v["union"], is_federation=False).first()
            if union is None:
                raise ValidationError({"union": ["No such union."]})
        try:
            row = services.remittance_record(
                period=v["period"],
                kind=v["kind"],
                union=union,
                amount=v["amount"],
                transferred_on=v["transferred_on"],
                reference=v["reference"],
                actor=request.user,
            )
        except services.DuesConflict as exc:
            raise _conflict(exc) from None
        return Response(DuesRemittanceOutput(row).data, status=status.HTTP_201_CREATED)


class StatementImportApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={201: DuesStatementOutput},
    )
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Upload a bank statement (csv or xlsx)."]})
        statement = statements.statement_import(upload=upload, actor=request.user)
        return Response(DuesStatementOutput(statement).data, status=status.HTTP_201_CREATED)


class StatementApplyApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=None, responses=DuesStatementOutput)
    def post(self, request, pk: int):
        statement = get_object_or_404(StatementImport, pk=pk)
        return Response(
            DuesStatementOutput(
                statements.statement_apply(statement=statement, actor=request.user)
            ).data
        )


class TargetListApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=READERS)]

    @extend_schema(responses=DuesTargetOutput(many=True))
    def get(self, request):
        return _page(
            request, self, selectors.targets_list().select_related("union"), DuesTargetOutput
        )

    @extend_schema(request=DuesTargetInput, responses={201: DuesTargetOutput})
    def post(self, request):
        v = _valid(DuesTargetInput, request)
        target = services.target_create(actor=request.user, **v)
        return Response(DuesTargetOutput(target).data, status=status.HTTP_201_CREATED)


class TargetDeclarationApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=DuesDeclarationInput, responses={201: DuesDeclarationOutput})
    def post(self, request, pk: int):
        target = get_object_or_404(OrganizingTarget, pk=pk)
        v = _valid(DuesDeclarationInput, request)
        try:
            decl = services.declaration_submit(target=target, actor=request.user, **v)
        except services.DuesConflict as exc:
            raise _conflict(exc) from None
        return Response(DuesDeclarationOutput(decl).data, status=status.HTTP_201_CREATED)


class UnionSettingsApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(responses=DuesUnionSettingsOutput)
    def get(self, request, slug: str):
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        return Response(DuesUnionSettingsOutput(selectors.union_settings(union=union)).data)

    @extend_schema(request=DuesUnionSettingsInput, responses=DuesUnionSettingsOutput)
    def put(self, request, slug: str):
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        v = _valid(DuesUnionSettingsInput, request)
        return Response(
            DuesUnionSettingsOutput(
                services.union_settings_set(union=union, actor=request.user, **v)
            ).data
        )


class ArrearsPdfApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=READERS)]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, slug: str):
        from federation.dues.documents import arrears_pdf

        union = get_object_or_404(Union, slug=slug, is_federation=False)
        response = HttpResponse(arrears_pdf(union=union), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="arrears-{union.slug}.pdf"'
        return response


# --- union host ---------------------------------------------------------------------


class UnionDeclarationsApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(responses=DuesDeclarationOutput(many=True))
    def get(self, request):
        return _page(
            request,
            self,
            selectors.declaration_list(union=current_union()).select_related("notice"),
            DuesDeclarationOutput,
        )

    @extend_schema(request=DuesDeclarationInput, responses={201: DuesDeclarationOutput})
    def post(self, request):
        v = _valid(DuesDeclarationInput, request)
        try:
            decl = services.declaration_submit(union=current_union(), actor=request.user, **v)
        except services.DuesConflict as exc:
            raise _conflict(exc) from None
        return Response(DuesDeclarationOutput(decl).data, status=status.HTTP_201_CREATED)


class UnionDeclarationDetailApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(responses=DuesDeclarationOutput)
    def get(self, request, pk: int):
        return Response(
            DuesDeclarationOutput(
                get_object_or_404(selectors.declaration_list(union=current_union()), pk=pk)
            ).data
        )

    @extend_schema(request=DuesDeclarationCorrectInput, responses=DuesDeclarationOutput)
    def patch(self, request, pk: int):
        decl = get_object_or_404(selectors.declaration_list(union=current_union()), pk=pk)
        v = _valid(DuesDeclarationCorrectInput, request)
        decl = services.declaration_correct(
            declaration=decl,
            payroll_total=v["payroll_total"],
            headcount=v.get("headcount", decl.headcount),
            reason=v.get("reason", ""),
            actor=request.user,
        )
        return Response(DuesDeclarationOutput(decl).data)


class UnionNoticeListApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(parameters=FILTERS[:2], responses=DuesNoticeOutput(many=True))
    def get(self, request):
        f = _filters(request)
        qs = selectors.notice_list(union=current_union(), period=f["period"], status=f["status"])
        return _page(request, self, qs, DuesNoticeOutput)


class UnionNoticeDetailApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(responses=DuesNoticeOutput)
    def get(self, request, pk: int):
        return Response(
            DuesNoticeOutput(
                get_object_or_404(selectors.union_notices(union=current_union()), pk=pk)
            ).data
        )
