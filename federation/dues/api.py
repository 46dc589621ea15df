"""/api/v1/dues/ on both hosts (contract: ../shared/API.md "Dues"). Doors only: parse,
call one service or selector, shape the output."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.accounts.api_common import Conflict, Pagination
from federation.accounts.permissions import federation_roles, union_roles
from federation.accounts.roles import (
    FED_ASSESSOR,
    FED_DUES,
    FED_REPORTING,
    FED_VIEWER,
    FINANCE,
    UNION_OFFICERS,
)
from federation.dues import selectors, services, statements
from federation.dues.models import (
    CollectionMode,
    DuesNotice,
    DuesPolicy,
    NoticeStatus,
    Payment,
    PayrollDeclaration,
    Remittance,
    RemittanceKind,
    StatementImport,
    StatementLine,
)
from federation.dues.periods import period_parse
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


class PolicyOutput(serializers.ModelSerializer):
    upward_share = serializers.DecimalField(source="upper_share", max_digits=6, decimal_places=4)
    period = serializers.CharField(source="period_kind")

    class Meta:
        model = DuesPolicy
        fields = [
            "rate", "upward_share", "workplace_share", "city_share", "period", "due_day", "grace_days",
            "reminder_every_days", "small_micro_refund_years", "effective_from", "effective_to",
        ]


class NoticeOutput(serializers.ModelSerializer):
    union = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    target = serializers.SerializerMethodField()
    balance = serializers.DecimalField(read_only=True, **MONEY)

    class Meta:
        model = DuesNotice
        fields = [
            "id", "union", "target", "period", "payroll_total", "rate", "amount_due", "amount_paid",
            "balance", "due_date", "status", "reminders_sent", "last_reminded_at", "collection_mode",
            "amount_issued", "grace_until",
        ]

    def get_target(self, obj) -> str | None:
        return obj.target.credit_code if obj.target_id else None


class PaymentOutput(serializers.ModelSerializer):
    notice_status = serializers.CharField(source="notice.status")
    balance = serializers.DecimalField(source="notice.balance", read_only=True, **MONEY)

    class Meta:
        model = Payment
        fields = ["id", "notice", "amount", "paid_on", "reference", "recorded_by", "notice_status", "balance"]


class DeclarationOutput(serializers.ModelSerializer):
    union = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    notice = serializers.SerializerMethodField()

    class Meta:
        model = PayrollDeclaration
        fields = ["id", "union", "period", "payroll_total", "headcount", "declared_at", "declared_by",
                  "corrected_at", "corrections", "notice"]

    def get_notice(self, obj) -> int | None:
        notice = getattr(obj, "notice", None)
        return notice.pk if notice else None


class CycleOutput(serializers.Serializer):
    period = serializers.CharField()
    notices_created = serializers.IntegerField()
    notices_existing = serializers.IntegerField()
    missing_declarations = serializers.ListField(child=serializers.CharField())


class ByUnionOutput(serializers.Serializer):
    union = serializers.CharField()
    amount_due = serializers.DecimalField(**MONEY)
    amount_paid = serializers.DecimalField(**MONEY)
    balance = serializers.DecimalField(**MONEY)
    status = serializers.CharField()
    reminders_sent = serializers.IntegerField()


class SummaryOutput(serializers.Serializer):
    period = serializers.CharField()
    unions = serializers.IntegerField()
    amount_due = serializers.DecimalField(**MONEY)
    amount_paid = serializers.DecimalField(**MONEY)
    outstanding = serializers.DecimalField(**MONEY)
    collection_rate = serializers.DecimalField(max_digits=6, decimal_places=4)
    upward_remittance = serializers.DecimalField(**MONEY)
    by_union = ByUnionOutput(many=True)


class RemittanceOutput(serializers.ModelSerializer):
    union = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Remittance
        fields = ["id", "period", "kind", "union", "amount", "transferred_on", "reference", "recorded_by"]


class LineOutput(serializers.ModelSerializer):
    class Meta:
        model = StatementLine
        fields = ["row", "paid_on", "amount", "reference", "payer_name", "payer_code", "memo", "notice",
                  "payment", "status", "message"]


class StatementOutput(serializers.ModelSerializer):
    lines = LineOutput(many=True)

    class Meta:
        model = StatementImport
        fields = ["id", "file_name", "created_at", "applied_at", "lines"]


# --- input (strings: the services validate and name the field) -------------------


class PolicyInput(serializers.Serializer):
    rate = serializers.CharField()
    upward_share = serializers.CharField()
    due_day = serializers.CharField()
    grace_days = serializers.CharField()
    reminder_every_days = serializers.CharField()
    city_share = serializers.CharField(required=False)
    period = serializers.ChoiceField(choices=["monthly", "quarterly"], required=False)
    small_micro_refund_years = serializers.ListField(child=serializers.IntegerField(), required=False)
    effective_from = serializers.DateField(required=False)


class CycleInput(serializers.Serializer):
    period = serializers.CharField()


class PaymentInput(serializers.Serializer):
    amount = serializers.CharField()
    paid_on = serializers.CharField()
    reference = serializers.CharField()


class DeclarationInput(serializers.Serializer):
    period = serializers.CharField()
    payroll_total = serializers.CharField()
    headcount = serializers.CharField()


class DeclarationCorrectInput(serializers.Serializer):
    payroll_total = serializers.CharField()
    headcount = serializers.CharField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class RemittanceInput(serializers.Serializer):
    period = serializers.CharField()
    kind = serializers.ChoiceField(choices=RemittanceKind.values)
    union = serializers.CharField(required=False, allow_blank=True)
    amount = serializers.CharField()
    transferred_on = serializers.CharField()
    reference = serializers.CharField()


class UnionSettingsInput(serializers.Serializer):
    collection_mode = serializers.ChoiceField(choices=[CollectionMode.FULL, CollectionMode.SPLIT])
    small_micro = serializers.BooleanField(required=False, default=False)
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")


class UnionSettingsOutput(serializers.Serializer):
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


FILTERS = [OpenApiParameter("period", str), OpenApiParameter("status", enum=NoticeStatus.values),
           OpenApiParameter("union", str)]


# --- federation host ----------------------------------------------------------------


class PolicyApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(responses=PolicyOutput)
    def get(self, request):
        from django.utils import timezone

        return Response(PolicyOutput(selectors.policy_in_force(on=timezone.localdate())).data)

    @extend_schema(request=PolicyInput, responses=PolicyOutput)
    def put(self, request):
        v = _valid(PolicyInput, request)
        row = services.policy_set(
            actor=request.user, rate=v["rate"], upper_share=v["upward_share"], due_day=v["due_day"],
            grace_days=v["grace_days"], reminder_every_days=v["reminder_every_days"],
            effective_from=v.get("effective_from"), period_kind=v.get("period"),
            city_share=v.get("city_share"), small_micro_refund_years=v.get("small_micro_refund_years"),
        )
        return Response(PolicyOutput(row).data)


class PolicyHistoryApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(responses=PolicyOutput(many=True))
    def get(self, request):
        return _page(request, self, selectors.policy_list(), PolicyOutput)


class DeclarationListApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=READERS)]

    @extend_schema(parameters=FILTERS[:1] + FILTERS[2:], responses=DeclarationOutput(many=True))
    def get(self, request):
        f = _filters(request)
        qs = selectors.declaration_list(period=f["period"], union_slug=request.query_params.get("union", "")[:40])
        return _page(request, self, qs.select_related("notice"), DeclarationOutput)


class CycleApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=CycleInput, responses=CycleOutput)
    def post(self, request):
        v = _valid(CycleInput, request)
        return Response(CycleOutput(services.dues_cycle_run(period=v["period"], actor=request.user)).data)


class NoticeListApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(parameters=FILTERS, responses=NoticeOutput(many=True))
    def get(self, request):
        f = _filters(request)
        qs = selectors.notice_list(period=f["period"], status=f["status"],
                                   union_slug=request.query_params.get("union", "")[:40])
        return _page(request, self, qs, NoticeOutput)


class NoticeDetailApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(responses=NoticeOutput)
    def get(self, request, pk: int):
        return Response(NoticeOutput(get_object_or_404(selectors.notice_list(), pk=pk)).data)


class PaymentCreateApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=PaymentInput, responses={201: PaymentOutput})
    def post(self, request, pk: int):
        notice = get_object_or_404(DuesNotice, pk=pk)
        v = _valid(PaymentInput, request)
        try:
            payment = services.payment_record(notice=notice, amount=v["amount"], paid_on=v["paid_on"],
                                              reference=v["reference"], actor=request.user)
        except services.DuesConflict as exc:
            raise _conflict(exc) from None
        return Response(PaymentOutput(payment).data, status=status.HTTP_201_CREATED)


class SummaryApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(parameters=[OpenApiParameter("period", str, required=True)], responses=SummaryOutput)
    def get(self, request):
        f = _filters(request)
        if not f["period"]:
            known = selectors.periods_known()
            if not known:
                raise ValidationError({"period": ["Give a period (YYYY-MM)."]})
            f["period"] = known[0]
        return Response(SummaryOutput(selectors.dues_period_summary(period=f["period"])).data)


class RemittanceApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=READERS)]

    @extend_schema(parameters=[OpenApiParameter("period", str, required=True)])
    def get(self, request):
        f = _filters(request)
        if not f["period"]:
            raise ValidationError({"period": ["Give a period (YYYY-MM)."]})
        calc = selectors.remittance_for_period(period=f["period"])
        money = lambda d: f"{d:.2f}"  # noqa: E731
        return Response({
            "period": calc["period"],
            "received": money(calc["received"]),
            "workplace_return": money(calc["workplace_return"]),
            "federation_share": money(calc["federation_share"]),
            "city_upward": money(calc["city_upward"]),
            "city_sent": money(calc["city_sent"]),
            "returned": money(calc["returned_total"]),
            "rows": [
                {"notice": r["notice"].pk, "union": r["notice"].union.slug if r["notice"].union_id else None,
                 "mode": r["mode"], "received": money(r["received"]), "workplace_return": money(r["workplace_return"]),
                 "federation_share": money(r["federation_share"]), "city_upward": money(r["city_upward"])}
                for r in calc["rows"]
            ],
            "transfers": RemittanceOutput(calc["transfers"], many=True).data,
        })

    @extend_schema(request=RemittanceInput, responses={201: RemittanceOutput})
    def post(self, request):
        v = _valid(RemittanceInput, request)
        union = None
        if v.get("union"):
            union = Union.objects.filter(slug=v["union"], is_federation=False).first()
            if union is None:
                raise ValidationError({"union": ["No such union."]})
        try:
            row = services.remittance_record(period=v["period"], kind=v["kind"], union=union, amount=v["amount"],
                                             transferred_on=v["transferred_on"], reference=v["reference"],
                                             actor=request.user)
        except services.DuesConflict as exc:
            raise _conflict(exc) from None
        return Response(RemittanceOutput(row).data, status=status.HTTP_201_CREATED)


class StatementImportApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}},
                   responses={201: StatementOutput})
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Upload a bank statement (csv or xlsx)."]})
        statement = statements.statement_import(upload=upload, actor=request.user)
        return Response(StatementOutput(statement).data, status=status.HTTP_201_CREATED)


class StatementApplyApi(APIView):
    permission_classes = [federation_roles(FED_DUES)]

    @extend_schema(request=None, responses=StatementOutput)
    def post(self, request, pk: int):
        statement = get_object_or_404(StatementImport, pk=pk)
        return Response(StatementOutput(statements.statement_apply(statement=statement, actor=request.user)).data)


class UnionSettingsApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(responses=UnionSettingsOutput)
    def get(self, request, slug: str):
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        return Response(UnionSettingsOutput(selectors.union_settings(union=union)).data)

    @extend_schema(request=UnionSettingsInput, responses=UnionSettingsOutput)
    def put(self, request, slug: str):
        union = get_object_or_404(Union, slug=slug, is_federation=False)
        v = _valid(UnionSettingsInput, request)
        return Response(UnionSettingsOutput(services.union_settings_set(union=union, actor=request.user, **v)).data)


class ArrearsPdfApi(APIView):
    permission_classes = [federation_roles(FED_DUES, read=READERS)]

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request, slug: str):
        from federation.dues.documents import arrears_pdf

        union = get_object_or_404(Union, slug=slug, is_federation=False)
        response = HttpResponse(arrears_pdf(union=union), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="arrears-{union.slug}.pdf"'
        return response


# --- union host ---------------------------------------------------------------------


class UnionDeclarationsApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(responses=DeclarationOutput(many=True))
    def get(self, request):
        return _page(request, self, selectors.declaration_list(union=current_union()).select_related("notice"), DeclarationOutput)

    @extend_schema(request=DeclarationInput, responses={201: DeclarationOutput})
    def post(self, request):
        v = _valid(DeclarationInput, request)
        try:
            decl = services.declaration_submit(union=current_union(), actor=request.user, **v)
        except services.DuesConflict as exc:
            raise _conflict(exc) from None
        return Response(DeclarationOutput(decl).data, status=status.HTTP_201_CREATED)


class UnionDeclarationDetailApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(responses=DeclarationOutput)
    def get(self, request, pk: int):
        return Response(DeclarationOutput(get_object_or_404(selectors.declaration_list(union=current_union()), pk=pk)).data)

    @extend_schema(request=DeclarationCorrectInput, responses=DeclarationOutput)
    def patch(self, request, pk: int):
        decl = get_object_or_404(selectors.declaration_list(union=current_union()), pk=pk)
        v = _valid(DeclarationCorrectInput, request)
        decl = services.declaration_correct(declaration=decl, payroll_total=v["payroll_total"],
                                            headcount=v.get("headcount", decl.headcount),
                                            reason=v.get("reason", ""), actor=request.user)
        return Response(DeclarationOutput(decl).data)


class UnionNoticeListApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(parameters=FILTERS[:2], responses=NoticeOutput(many=True))
    def get(self, request):
        f = _filters(request)
        qs = selectors.notice_list(union=current_union(), period=f["period"], status=f["status"])
        return _page(request, self, qs, NoticeOutput)


class UnionNoticeDetailApi(APIView):
    permission_classes = [union_roles(FINANCE, read=UNION_OFFICERS)]

    @extend_schema(responses=NoticeOutput)
    def get(self, request, pk: int):
        return Response(NoticeOutput(get_object_or_404(selectors.union_notices(union=current_union()), pk=pk)).data)
