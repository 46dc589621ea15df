"""/api/v1/organization/... (API.md "Committee and terms"): terms, election steps, work
plans and openness on a union host; the township's terms and the election approvals on
the federation host. Doors only: parse, call one service or selector, shape the output."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.elections import selectors as election_selectors
from federation.elections import services as election_services
from federation.elections.models import ElectionApplication, ElectionResult, StepStatus
from federation.platform.accounts.permissions import federation_roles, union_roles
from federation.platform.accounts.roles import (
    FEDERATION_STAFF,
    GROUP_LEADER,
    ORGANIZATION,
    UNION_OFFICERS,
    VICE_CHAIR,
)
from federation.platform.api import Pagination
from workplaces.organization import elections, plans, selectors, services
from workplaces.organization.models import (
    Channel,
    OpennessItem,
    PlanItem,
    PlanKind,
    Position,
    Term,
    TermStatus,
    WorkPlan,
)

MANAGERS = (ORGANIZATION, VICE_CHAIR)
MANAGE = union_roles(*MANAGERS, read=(*UNION_OFFICERS, GROUP_LEADER))
FED_READ = federation_roles(read=FEDERATION_STAFF)
MAX_SEATS = 100


def _valid(serializer_class: type[serializers.Serializer], data: Any) -> dict:
    s = serializer_class(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


# --- terms -----------------------------------------------------------------------------
class SeatInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    member = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    position = serializers.ChoiceField(choices=Position.choices)
    user = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    woman = serializers.BooleanField(allow_null=True, required=False, default=None)


class TermInSerializer(serializers.Serializer):
    elected_on = serializers.DateField()
    term_years = serializers.IntegerField(min_value=1, max_value=10)
    approved_on = serializers.DateField(required=False, allow_null=True)
    approval_ref = serializers.CharField(max_length=100, required=False, allow_blank=True)
    committee = SeatInSerializer(many=True, allow_empty=False, max_length=MAX_SEATS)  # type: ignore[call-arg]
    audit_committee = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, max_length=MAX_SEATS
    )
    women_committee = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, max_length=MAX_SEATS
    )


class SeatOutSerializer(serializers.Serializer):
    name = serializers.CharField()
    member = serializers.IntegerField(source="member_id", allow_null=True)
    position = serializers.CharField()
    user = serializers.IntegerField(source="user_id", allow_null=True)
    woman = serializers.BooleanField()


class TermOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    elected_on = serializers.DateField()
    ends_on = serializers.DateField()
    term_years = serializers.IntegerField()
    approved_on = serializers.DateField(allow_null=True)
    approval_ref = serializers.CharField()
    is_current = serializers.BooleanField()
    ended_on = serializers.DateField(allow_null=True)
    status = serializers.SerializerMethodField()
    committee = SeatOutSerializer(source="seats", many=True)
    audit_committee = serializers.SerializerMethodField()
    women_committee = serializers.SerializerMethodField()

    def get_status(self, obj: Term) -> str:
        if not obj.is_current:
            return "ended"
        return selectors.term_status(obj.ends_on)

    def _body(self, obj: Term, kind: str) -> list[str]:
        return next((b.names for b in obj.bodies.all() if b.kind == kind), [])

    def get_audit_committee(self, obj: Term) -> list[str]:
        return self._body(obj, "audit")

    def get_women_committee(self, obj: Term) -> list[str]:
        return self._body(obj, "women")


class CurrentTermSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    elected_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    days_left = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=TermStatus.choices)


class UnionTermsApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: TermOutSerializer(many=True)})
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.terms_all(), request, view=self)
        return paginator.get_paginated_response(TermOutSerializer(page, many=True).data)

    @extend_schema(request=TermInSerializer, responses={201: TermOutSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(TermInSerializer, request.data)
        committee = [services.SeatInput(**row) for row in data.pop("committee")]
        term = services.term_create(committee=committee, actor=request.user, **data)
        out = TermOutSerializer(Term.objects.prefetch_related("seats", "bodies").get(pk=term.pk))
        return Response(out.data, status=status.HTTP_201_CREATED)


class UnionTermCurrentApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: CurrentTermSerializer})
    def get(self, request: Request) -> Response:
        summary = selectors.term_summary(selectors.term_current())
        return Response(CurrentTermSerializer(summary).data)


class UnionTermDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: TermOutSerializer})
    def get(self, request: Request, pk: int) -> Response:
        term = get_object_or_404(selectors.terms_all(), pk=pk)
        return Response(TermOutSerializer(term).data)


# --- election steps ---------------------------------------------------------------------
class ApplicationInSerializer(serializers.Serializer):
    planned_on = serializers.DateField()
    seats = serializers.IntegerField(min_value=1, max_value=MAX_SEATS)
    competitive = serializers.BooleanField(default=True)
    candidates = serializers.ListField(
        child=serializers.CharField(max_length=50), allow_empty=False, max_length=MAX_SEATS * 2
    )


class ApplicationOutSerializer(serializers.ModelSerializer):
    union = serializers.CharField(source="union.slug")

    class Meta:
        model = ElectionApplication
        fields = [
            "id",
            "union",
            "planned_on",
            "seats",
            "competitive",
            "candidates",
            "status",
            "submitted_at",
            "decided_at",
            "note",
        ]


class CandidateInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    votes = serializers.IntegerField(min_value=0, max_value=10_000_000)
    position = serializers.ChoiceField(choices=Position.choices, default=Position.MEMBER)
    member = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    user = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    woman = serializers.BooleanField(allow_null=True, required=False, default=None)


class ResultInSerializer(serializers.Serializer):
    application = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    held_on = serializers.DateField()
    term_years = serializers.IntegerField(min_value=1, max_value=10)
    eligible_voters = serializers.IntegerField(min_value=1, max_value=10_000_000)
    voters_present = serializers.IntegerField(min_value=0, max_value=10_000_000)
    candidates = CandidateInSerializer(many=True, allow_empty=False, max_length=MAX_SEATS * 2)  # type: ignore[call-arg]


class ResultOutSerializer(serializers.ModelSerializer):
    union = serializers.CharField(source="union.slug")
    elected = serializers.SerializerMethodField()

    class Meta:
        model = ElectionResult
        fields = [
            "id",
            "union",
            "application",
            "held_on",
            "term_years",
            "eligible_voters",
            "voters_present",
            "valid",
            "candidates",
            "elected",
            "status",
            "submitted_at",
            "decided_at",
            "note",
            "term_ref",
        ]

    def get_elected(self, obj: ElectionResult) -> list[str]:
        return [c["name"] for c in obj.elected]


def _status_param(request: Request) -> str:
    value = request.query_params.get("status", "")
    return value if value in StepStatus.values else ""


class UnionApplicationsApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: ApplicationOutSerializer(many=True)})
    def get(self, request: Request) -> Response:
        from workplaces.organization.common import this_union

        qs = election_selectors.applications(union=this_union(), status=_status_param(request))
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(ApplicationOutSerializer(page, many=True).data)

    @extend_schema(request=ApplicationInSerializer, responses={201: ApplicationOutSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(ApplicationInSerializer, request.data)
        app = elections.application_submit(actor=request.user, **data)
        return Response(ApplicationOutSerializer(app).data, status=status.HTTP_201_CREATED)


class UnionResultsApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: ResultOutSerializer(many=True)})
    def get(self, request: Request) -> Response:
        from workplaces.organization.common import this_union

        qs = election_selectors.results(union=this_union(), status=_status_param(request))
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(ResultOutSerializer(page, many=True).data)

    @extend_schema(request=ResultInSerializer, responses={201: ResultOutSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(ResultInSerializer, request.data)
        candidates = [elections.CandidateInput(**c) for c in data.pop("candidates")]
        result = elections.result_submit(
            candidates=candidates,
            application_id=data.pop("application", None),
            actor=request.user,
            **data,
        )
        return Response(ResultOutSerializer(result).data, status=status.HTTP_201_CREATED)


# --- federation side ---------------------------------------------------------------------
class TownshipTermSerializer(serializers.Serializer):
    union = serializers.CharField()
    name = serializers.CharField()
    elected_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=TermStatus.choices)
    committee_size = serializers.IntegerField()
    women_on_committee = serializers.IntegerField()
    pending = inline_serializer(
        "PendingElectionSteps",
        {"applications": serializers.IntegerField(), "results": serializers.IntegerField()},
    )


class FederationTermsApi(APIView):
    """Every union's term from the roll-up facts; ``?status=in_term|due_soon|overdue|none``."""

    permission_classes = [FED_READ]

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=TermStatus.values)],
        responses={200: TownshipTermSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        wanted = request.query_params.get("status", "")
        rows = selectors.terms_overview(status=wanted if wanted in TermStatus.values else "")
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(TownshipTermSerializer(page, many=True).data)


class DecisionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class FederationApplicationsApi(APIView):
    permission_classes = [FED_READ]

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=StepStatus.values)],
        responses={200: ApplicationOutSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        qs = election_selectors.applications(status=_status_param(request))
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(ApplicationOutSerializer(page, many=True).data)


class FederationApplicationDecideApi(APIView):
    permission_classes = [federation_roles()]
    approve = True

    @extend_schema(request=DecisionSerializer, responses={200: ApplicationOutSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = _valid(DecisionSerializer, request.data)
        app = election_services.application_decide(
            application_id=pk, approve=self.approve, note=data["note"], actor=request.user
        )
        return Response(ApplicationOutSerializer(app).data)


class FederationApplicationReturnApi(FederationApplicationDecideApi):
    approve = False


class FederationResultsApi(APIView):
    permission_classes = [FED_READ]

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=StepStatus.values)],
        responses={200: ResultOutSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        qs = election_selectors.results(status=_status_param(request))
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(ResultOutSerializer(page, many=True).data)


class FederationResultDecideApi(APIView):
    permission_classes = [federation_roles()]
    approve = True

    @extend_schema(request=DecisionSerializer, responses={200: ResultOutSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = _valid(DecisionSerializer, request.data)
        result = election_services.result_decide(
            result_id=pk, approve=self.approve, note=data["note"], actor=request.user
        )
        return Response(ResultOutSerializer(result).data)


class FederationResultReturnApi(FederationResultDecideApi):
    approve = False


# --- work plans and openness -----------------------------------------------------------------
class PlanItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanItem
        fields = ["id", "title", "owner", "due_on", "progress", "done_on"]


class PlanSerializer(serializers.ModelSerializer):
    items = PlanItemSerializer(many=True, read_only=True)

    class Meta:
        model = WorkPlan
        fields = ["id", "kind", "year", "title", "summary", "summary_on", "items"]


class PlanInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PlanKind.choices, default=PlanKind.YEAR)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)


class PlanItemInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    owner = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    due_on = serializers.DateField()


class ProgressSerializer(serializers.Serializer):
    progress = serializers.IntegerField(min_value=0, max_value=100)


class SummarySerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=20000)


class PlansApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: PlanSerializer(many=True)})
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(
            WorkPlan.objects.prefetch_related("items"), request, view=self
        )
        return paginator.get_paginated_response(PlanSerializer(page, many=True).data)

    @extend_schema(request=PlanInSerializer, responses={201: PlanSerializer})
    def post(self, request: Request) -> Response:
        plan = plans.plan_create(actor=request.user, **_valid(PlanInSerializer, request.data))
        return Response(PlanSerializer(plan).data, status=status.HTTP_201_CREATED)


class PlanItemsApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=PlanItemInSerializer, responses={201: PlanItemSerializer})
    def post(self, request: Request, pk: int) -> Response:
        plan = get_object_or_404(WorkPlan, pk=pk)
        data = _valid(PlanItemInSerializer, request.data)
        item = plans.plan_item_add(plan=plan, actor=request.user, **data)
        return Response(PlanItemSerializer(item).data, status=status.HTTP_201_CREATED)


class PlanSummaryApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=SummarySerializer, responses={200: PlanSerializer})
    def post(self, request: Request, pk: int) -> Response:
        plan = get_object_or_404(WorkPlan, pk=pk)
        data = _valid(SummarySerializer, request.data)
        return Response(
            PlanSerializer(plans.plan_summarise(plan=plan, actor=request.user, **data)).data
        )


class PlanItemProgressApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=ProgressSerializer, responses={200: PlanItemSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        item = get_object_or_404(PlanItem, pk=pk)
        data = _valid(ProgressSerializer, request.data)
        item = plans.plan_item_progress(item=item, actor=request.user, **data)
        return Response(PlanItemSerializer(item).data)


class OpennessSerializer(serializers.ModelSerializer):
    class Meta:
        model = OpennessItem
        fields = ["id", "title", "body", "published_on", "channel", "created_by"]


class OpennessInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    published_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)


class OpennessApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: OpennessSerializer(many=True)})
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.openness_items(), request, view=self)
        return paginator.get_paginated_response(OpennessSerializer(page, many=True).data)

    @extend_schema(request=OpennessInSerializer, responses={201: OpennessSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(OpennessInSerializer, request.data)
        item = plans.openness_publish(actor=request.user, **data)
        return Response(OpennessSerializer(item).data, status=status.HTTP_201_CREATED)
