"""/api/v1/members/, groups, applications and transfers on a union host (API.md "Members"),
and the federation's list of transfers. Doors only: parse, call a service, shape output."""

from decimal import Decimal

import django_filters
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import (
    FED_ASSESSOR,
    FED_DUES,
    FED_REPORTING,
    FED_VIEWER,
    FINANCE,
    GROUP_LEADER,
)
from federation.platform.api import Pagination
from tenants.context import current_union
from tenants.models import MemberTransfer, TransferStatus
from workplaces.members import applications, groups, importing, selectors, services, transfers
from workplaces.members.models import (
    ApplicationStatus,
    Employment,
    Gender,
    ImportJob,
    Member,
    MembershipApplication,
    MemberStatus,
    UnionGroup,
)
from workplaces.members.selectors import MANAGERS

MANAGE = union_roles(*MANAGERS, read=(FINANCE, GROUP_LEADER))
MANAGE_ONLY = union_roles(*MANAGERS)


# --- output ---------------------------------------------------------------------
class EventSerializer(serializers.Serializer):
    status = serializers.CharField()
    on = serializers.DateField()
    reason = serializers.CharField()
    union_name = serializers.CharField()
    actor_name = serializers.CharField()
    carried = serializers.BooleanField()


class MemberOutputSerializer(serializers.ModelSerializer):
    group_name = serializers.SerializerMethodField()
    dues_monthly = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = [
            "id",
            "member_no",
            "name",
            "gender",
            "id_number",
            "birth_date",
            "phone",
            "employment",
            "group",
            "group_name",
            "monthly_wage",
            "dues_monthly",
            "joined_on",
            "status",
            "status_on",
            "user",
            "created_at",
            "updated_at",
        ]

    def get_group_name(self, obj) -> str:
        return obj.group.name if obj.group_id else ""

    def get_dues_monthly(self, obj) -> str:
        value = getattr(obj, "dues_monthly", None)
        if value is None:
            value = selectors.member_dues(member=obj)
        return f"{value:.2f}"

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["monthly_wage"] = f"{instance.monthly_wage:.2f}"
        return data


_DATETIME = serializers.DateTimeField()


def _dues(m: Member, rule=None):
    value = getattr(m, "dues_monthly", None)
    return selectors.member_dues(member=m, rule=rule) if value is None else value


def member_row(m: Member, *, rule=None) -> dict:
    """One member as MemberOutputSerializer renders it (kept equal by a test)."""
    return {
        "id": m.pk,
        "member_no": m.member_no,
        "name": m.name,
        "gender": m.gender,
        "id_number": m.id_number,
        "birth_date": m.birth_date.isoformat(),
        "phone": m.phone,
        "employment": m.employment,
        "group": m.group_id,
        "group_name": m.group.name if m.group_id else "",
        "monthly_wage": f"{m.monthly_wage:.2f}",
        "dues_monthly": f"{_dues(m, rule):.2f}",
        "joined_on": m.joined_on.isoformat(),
        "status": m.status,
        "status_on": m.status_on.isoformat() if m.status_on else None,
        "user": m.user_id,
        "created_at": _DATETIME.to_representation(m.created_at),
        "updated_at": _DATETIME.to_representation(m.updated_at),
    }


class MemberDetailSerializer(MemberOutputSerializer):
    history = serializers.SerializerMethodField()

    class Meta(MemberOutputSerializer.Meta):
        fields = [*MemberOutputSerializer.Meta.fields, "history"]

    def get_history(self, obj) -> list[dict]:
        return EventSerializer(selectors.member_timeline(member=obj), many=True).data


# --- input ----------------------------------------------------------------------
class MemberInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    gender = serializers.CharField(max_length=2, required=False, allow_blank=True)
    id_number = serializers.CharField(max_length=18)
    birth_date = serializers.DateField(required=False, allow_null=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    joined_on = serializers.DateField()
    employment = serializers.ChoiceField(choices=Employment.choices, required=False)
    group = serializers.CharField(max_length=60, required=False, allow_blank=True, allow_null=True)
    monthly_wage = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, max_value=1_000_000, required=False
    )


class MemberUpdateSerializer(MemberInputSerializer):
    user = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="the member's own login (null unlinks)",
    )
    name = serializers.CharField(max_length=50, required=False)
    id_number = serializers.CharField(max_length=18, required=False)
    joined_on = serializers.DateField(required=False)


class LeaveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["retired", "retained", "withdrawn", "expelled", "deceased"]
    )
    reason = serializers.CharField(max_length=500)
    on = serializers.DateField(required=False)


class TransferStartSerializer(serializers.Serializer):
    to_union = serializers.CharField(max_length=40)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    total = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.DictField())


def _validated(serializer_class, data, **kwargs) -> dict:
    s = serializer_class(data=data, **kwargs)
    s.is_valid(raise_exception=True)
    return s.validated_data


# --- filters ------------------------------------------------------------------------
class MemberFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="noop", max_length=100)
    status = django_filters.ChoiceFilter(choices=MemberStatus.choices, method="noop")
    gender = django_filters.ChoiceFilter(choices=Gender.choices, method="noop")
    employment = django_filters.ChoiceFilter(choices=Employment.choices, method="noop")
    group = django_filters.NumberFilter(method="noop", min_value=1)
    member_no = django_filters.CharFilter(method="noop", max_length=20)

    class Meta:
        model = Member
        fields = []

    def noop(self, qs, name, value):
        return qs


def member_filters(request) -> dict:
    """The list's filters from the query string, validated (400 naming the parameter)."""
    f = MemberFilter(
        request.query_params if hasattr(request, "query_params") else request.GET,
        queryset=Member.objects.none(),
    )
    if not f.is_valid():
        raise ValidationError({k: [str(m) for m in v] for k, v in f.errors.items()})
    d = f.form.cleaned_data
    group = d.get("group")
    return {
        "search": d.get("search") or "",
        "status": d.get("status") or "",
        "gender": d.get("gender") or "",
        "employment": d.get("employment") or "",
        "group": int(group) if group else None,
        "member_no": d.get("member_no") or "",
    }


FILTER_PARAMS = [
    OpenApiParameter(
        "search", str, description="name, member number, phone prefix or full ID number"
    ),
    OpenApiParameter("status", enum=MemberStatus.values),
    OpenApiParameter("gender", enum=Gender.values),
    OpenApiParameter("employment", enum=Employment.values),
    OpenApiParameter("group", int),
    OpenApiParameter("member_no", str),
]


def _member_or_404(request, pk) -> Member:
    return get_object_or_404(selectors.members_visible(user=request.user), pk=pk)


# --- members --------------------------------------------------------------------------
class MemberListCreateApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(parameters=FILTER_PARAMS, responses=MemberOutputSerializer(many=True))
    def get(self, request):
        qs = selectors.member_list(user=request.user, with_dues=False, **member_filters(request))
        rule = selectors.dues_rule_in_force()
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        # the same fields as MemberOutputSerializer, built directly: a list page is the hot path
        return paginator.get_paginated_response([member_row(m, rule=rule) for m in page])

    @extend_schema(request=MemberInputSerializer, responses={201: MemberDetailSerializer})
    def post(self, request):
        data = _validated(MemberInputSerializer, request.data)
        member = services.member_create(actor=request.user, **data)
        return Response(MemberDetailSerializer(member).data, status=status.HTTP_201_CREATED)


class MemberDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses=MemberDetailSerializer)
    def get(self, request, pk: int):
        member = _member_or_404(request, pk)
        return Response(MemberDetailSerializer(member).data)

    @extend_schema(request=MemberUpdateSerializer, responses=MemberDetailSerializer)
    def patch(self, request, pk: int):
        member = _member_or_404(request, pk)
        data = _validated(MemberUpdateSerializer, request.data, partial=True)
        member = services.member_update(member=member, actor=request.user, **data)
        return Response(MemberDetailSerializer(member).data)


class MyMembershipApi(APIView):
    """A member's own record, for whoever's login is linked to it."""

    @extend_schema(responses=MemberDetailSerializer)
    def get(self, request):
        member = selectors.member_of_user(user=request.user)
        if member is None:
            return Response(
                {"detail": "No member record is linked to this login."},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(MemberDetailSerializer(member).data)


class MemberLeaveApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=LeaveSerializer, responses=MemberDetailSerializer)
    def post(self, request, pk: int):
        member = _member_or_404(request, pk)
        data = _validated(LeaveSerializer, request.data)
        member = services.member_leave(
            member=member,
            actor=request.user,
            status=data["status"],
            on=data.get("on"),
            reason=data["reason"],
        )
        return Response(MemberDetailSerializer(member).data)


class TransferOutputSerializer(serializers.ModelSerializer):
    direction = serializers.SerializerMethodField()
    from_union = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    to_union = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    from_union_name = serializers.CharField(source="from_union.name", read_only=True)
    to_union_name = serializers.CharField(source="to_union.name", read_only=True)
    member = serializers.SerializerMethodField()

    class Meta:
        model = MemberTransfer
        fields = [
            "id",
            "direction",
            "status",
            "from_union",
            "from_union_name",
            "to_union",
            "to_union_name",
            "member_label",
            "member",
            "reason",
            "created_at",
            "created_by",
            "decided_at",
            "decided_by",
            "decision_note",
        ]

    def get_direction(self, obj) -> str:
        union = self.context.get("union")
        if union is None:
            return ""
        return "outgoing" if obj.from_union_id == union.pk else "incoming"

    def get_member(self, obj) -> dict | None:
        """The particulars, for the two unions involved (never on the federation host)."""
        if self.context.get("union") is None:
            return None
        d = transfers.transfer_details(obj)
        return (
            {
                k: d.get(k)
                for k in (
                    "name",
                    "gender",
                    "birth_date",
                    "employment",
                    "joined_on",
                    "source_member_no",
                )
            }
            if d
            else None
        )


class MemberTransferApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=TransferStartSerializer, responses={202: TransferOutputSerializer})
    def post(self, request, pk: int):
        member = _member_or_404(request, pk)
        data = _validated(TransferStartSerializer, request.data)
        transfer = transfers.transfer_start(
            member=member,
            to_union=data["to_union"],
            reason=data.get("reason", ""),
            actor=request.user,
        )
        out = TransferOutputSerializer(transfer, context={"union": current_union()}).data
        return Response(out, status=status.HTTP_202_ACCEPTED)


class IgnoreFormatNegotiation(BaseContentNegotiation):
    """``?format=xlsx`` picks the file type here, not a DRF renderer."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class MemberExportApi(APIView):
    permission_classes = [MANAGE]
    content_negotiation_class = IgnoreFormatNegotiation

    @extend_schema(
        parameters=[OpenApiParameter("format", enum=["xlsx", "csv"]), *FILTER_PARAMS],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request):
        fmt = request.query_params.get("format", "xlsx")
        if fmt not in ("xlsx", "csv"):
            raise ValidationError({"format": ["Choose xlsx or csv."]})
        qs = selectors.member_list(user=request.user, **member_filters(request))
        return export_response(qs, fmt)


def export_response(qs, fmt: str) -> HttpResponse:
    from django.utils import timezone

    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        resp = HttpResponse(importing.export_csv(qs), content_type="text/csv; charset=utf-8")
    else:
        resp = HttpResponse(
            importing.export_xlsx(qs),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    resp["Content-Disposition"] = f'attachment; filename="members-{stamp}.{fmt}"'
    return resp


def _flag(request, name: str) -> bool:
    return request.query_params.get(name, "") in ("1", "true", "yes")


class MemberImportApi(APIView):
    permission_classes = [MANAGE_ONLY]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        parameters=[
            OpenApiParameter("dry_run", bool),
            OpenApiParameter("valid_only", bool),
            OpenApiParameter("background", bool, description="run as a job; poll its status"),
        ],
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={200: ImportResultSerializer, 202: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Attach the file as 'file' (multipart/form-data)."]})
        if upload.size > importing.MAX_UPLOAD_BYTES:
            raise ValidationError({"file": ["The file is larger than 20 MB."]})
        content = upload.read()
        if _flag(request, "background"):
            job = importing.import_job_create(
                content=content,
                filename=upload.name,
                actor=request.user,
                dry_run=_flag(request, "dry_run"),
                valid_only=_flag(request, "valid_only"),
            )
            return Response(importing.import_progress(job), status=status.HTTP_202_ACCEPTED)
        result = importing.members_import(
            content=content,
            filename=upload.name,
            actor=request.user,
            dry_run=_flag(request, "dry_run"),
            valid_only=_flag(request, "valid_only"),
        )
        code = (
            status.HTTP_400_BAD_REQUEST
            if result.errors and not _flag(request, "valid_only")
            else status.HTTP_200_OK
        )
        return Response(result.as_dict(), status=code)


class MemberImportJobApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk: int):
        job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
        return Response(importing.import_progress(job))


class MemberImportTemplateApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request):
        resp = HttpResponse(
            importing.import_template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        resp["Content-Disposition"] = 'attachment; filename="member-import-template.xlsx"'
        return resp


class DuesRuleInputSerializer(serializers.Serializer):
    effective_from = serializers.DateField()
    rate = serializers.DecimalField(
        max_digits=6, decimal_places=4, min_value=0, max_value=Decimal("0.1")
    )
    floor_unit = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, max_value=1000, default=Decimal("10.00")
    )


class DuesSummaryApi(APIView):
    """The member dues rule in force and the union's monthly total; the chair or the finance
    officer adds a new rule row from a date (the previous one ends the day before)."""

    permission_classes = [union_roles(FINANCE, read=MANAGERS)]

    @extend_schema(request=DuesRuleInputSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        data = _validated(DuesRuleInputSerializer, request.data)
        services.dues_rule_set(actor=request.user, **data)
        return Response(self._summary(), status=status.HTTP_201_CREATED)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response(self._summary())

    def _summary(self) -> dict:
        rule = selectors.dues_rule_in_force()
        counts = selectors.member_counts()
        return {
            "rate": f"{rule.rate:.4f}",
            "floor_unit": f"{rule.floor_unit:.2f}",
            "effective_from": rule.effective_from.isoformat(),
            "members_paying": counts["active"],
            "monthly_total": f"{selectors.dues_monthly_total():.2f}",
        }


# --- groups ------------------------------------------------------------------------
class GroupSerializer(serializers.ModelSerializer):
    leader = serializers.IntegerField(source="leader_id", allow_null=True, required=False)
    leader_name = serializers.SerializerMethodField()
    active_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = UnionGroup
        fields = ["id", "name", "leader", "leader_name", "active_count"]

    def get_leader_name(self, obj) -> str:
        return (obj.leader.get_full_name() or obj.leader.username) if obj.leader_id else ""


class GroupInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    leader = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class GroupListCreateApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses=GroupSerializer(many=True))
    def get(self, request):
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.groups_list(user=request.user), request, view=self
        )
        return paginator.get_paginated_response(GroupSerializer(page, many=True).data)

    @extend_schema(request=GroupInputSerializer, responses={201: GroupSerializer})
    def post(self, request):
        data = _validated(GroupInputSerializer, request.data)
        group = groups.group_create(
            name=data["name"], leader_id=data.get("leader"), actor=request.user
        )
        return Response(GroupSerializer(group).data, status=status.HTTP_201_CREATED)


class GroupDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses=GroupSerializer)
    def get(self, request, pk: int):
        return Response(
            GroupSerializer(get_object_or_404(selectors.groups_list(user=request.user), pk=pk)).data
        )

    @extend_schema(request=GroupInputSerializer, responses=GroupSerializer)
    def patch(self, request, pk: int):
        group = get_object_or_404(UnionGroup, pk=pk)
        data = _validated(GroupInputSerializer, request.data, partial=True)
        group = groups.group_update(
            group=group,
            name=data.get("name", group.name),
            leader_id=data.get("leader", group.leader_id),
            actor=request.user,
        )
        return Response(GroupSerializer(group).data)


# --- applications -------------------------------------------------------------------
class ApplicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = MembershipApplication
        fields = [
            "id",
            "name",
            "gender",
            "id_number",
            "phone",
            "employment",
            "group",
            "monthly_wage",
            "note",
            "status",
            "submitted_at",
            "submitted_by",
            "decided_on",
            "decided_by",
            "decision_reason",
            "member",
        ]


class ApplicationInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    gender = serializers.CharField(max_length=2, required=False, allow_blank=True)
    id_number = serializers.CharField(max_length=18)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    employment = serializers.ChoiceField(choices=Employment.choices, required=False)
    group = serializers.CharField(max_length=60, required=False, allow_blank=True, allow_null=True)
    monthly_wage = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, max_value=1_000_000, required=False
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ApproveSerializer(serializers.Serializer):
    on = serializers.DateField(required=False)


class ApplicationListCreateApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=ApplicationStatus.values)],
        responses=ApplicationSerializer(many=True),
    )
    def get(self, request):
        state = request.query_params.get("status", "")
        if state and state not in ApplicationStatus.values:
            raise ValidationError(
                {"status": [f"Choose one of: {', '.join(ApplicationStatus.values)}."]}
            )
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.applications_list(status=state), request, view=self
        )
        return paginator.get_paginated_response(ApplicationSerializer(page, many=True).data)

    @extend_schema(request=ApplicationInputSerializer, responses={201: ApplicationSerializer})
    def post(self, request):
        data = _validated(ApplicationInputSerializer, request.data)
        app = applications.application_submit(actor=request.user, **data)
        return Response(ApplicationSerializer(app).data, status=status.HTTP_201_CREATED)


class ApplicationApproveApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=ApproveSerializer, responses=MemberDetailSerializer)
    def post(self, request, pk: int):
        app = get_object_or_404(MembershipApplication, pk=pk)
        data = _validated(ApproveSerializer, request.data)
        member = applications.application_approve(
            application=app, actor=request.user, on=data.get("on")
        )
        return Response(MemberDetailSerializer(member).data, status=status.HTTP_201_CREATED)


class ApplicationRejectApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=ReasonSerializer, responses=ApplicationSerializer)
    def post(self, request, pk: int):
        app = get_object_or_404(MembershipApplication, pk=pk)
        data = _validated(ReasonSerializer, request.data)
        app = applications.application_reject(
            application=app, reason=data.get("reason", ""), actor=request.user
        )
        return Response(ApplicationSerializer(app).data)


# --- transfers ---------------------------------------------------------------------
TRANSFER_STATUS_PARAM = OpenApiParameter("status", enum=TransferStatus.values)


def _transfer_status(request) -> str:
    state = request.query_params.get("status", "")
    if state and state not in TransferStatus.values:
        raise ValidationError({"status": [f"Choose one of: {', '.join(TransferStatus.values)}."]})
    return state


class TransferListApi(APIView):
    """Incoming and outgoing transfers of this union, each with its direction."""

    permission_classes = [MANAGE_ONLY]

    @extend_schema(
        parameters=[TRANSFER_STATUS_PARAM], responses=TransferOutputSerializer(many=True)
    )
    def get(self, request):
        union = current_union()
        qs = selectors.transfers_for_union(union=union, status=_transfer_status(request))
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(
            TransferOutputSerializer(page, many=True, context={"union": union}).data
        )


class _TransferDecision(APIView):
    """Accept or reject at the destination; subclasses define ``decide(request, pk)``."""

    permission_classes = [MANAGE_ONLY]

    def post(self, request, pk: int):
        try:
            return self.decide(request, pk)
        except transfers.TransferNotFound:
            return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)


class TransferAcceptApi(_TransferDecision):
    @extend_schema(request=None, responses=MemberDetailSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def decide(self, request, pk):
        member = transfers.transfer_accept(transfer_id=pk, actor=request.user)
        return Response(MemberDetailSerializer(member).data)


class TransferRejectApi(_TransferDecision):
    @extend_schema(request=ReasonSerializer, responses=TransferOutputSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def decide(self, request, pk):
        data = _validated(ReasonSerializer, request.data)
        t = transfers.transfer_reject(
            transfer_id=pk, reason=data.get("reason", ""), actor=request.user
        )
        return Response(TransferOutputSerializer(t, context={"union": current_union()}).data)


class TransferCancelApi(_TransferDecision):
    @extend_schema(request=None, responses=TransferOutputSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def decide(self, request, pk):
        t = transfers.transfer_cancel(transfer_id=pk, actor=request.user)
        return Response(TransferOutputSerializer(t, context={"union": current_union()}).data)


class FederationTransferListApi(APIView):
    """The federation host: transfers in flight (``?status=`` for others; ``all`` for every one).
    Only a masked name is shown here; the particulars stay encrypted."""

    permission_classes = [
        federation_roles(read=(FED_DUES, FED_ASSESSOR, FED_REPORTING, FED_VIEWER))
    ]

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=[*TransferStatus.values, "all"])],
        responses=TransferOutputSerializer(many=True),
    )
    def get(self, request):
        state = request.query_params.get("status", TransferStatus.PENDING)
        if state == "all":
            state = ""
        elif state not in TransferStatus.values:
            raise ValidationError(
                {"status": [f"Choose one of: {', '.join(TransferStatus.values)}, all."]}
            )
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.transfers_in_flight(status=state), request, view=self
        )
        return paginator.get_paginated_response(TransferOutputSerializer(page, many=True).data)
