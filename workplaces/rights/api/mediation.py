"""/api/v1/rights/mediations/, the mediation committee and legal aid on a union host."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import union_roles
from federation.platform.api import page
from workplaces.members.models import Member
from workplaces.rights import selectors
from workplaces.rights.api.common import union_object
from workplaces.rights.models import (
    CommitteeSide,
    LegalAidRequest,
    LegalAidStatus,
    MediationCase,
    MediationOutcome,
)
from workplaces.rights.roles import RIGHTS_MANAGERS, RIGHTS_READERS
from workplaces.rights.services import mediation as services

MANAGE = union_roles(*RIGHTS_MANAGERS, read=RIGHTS_READERS)


class MediationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    received_on = api_fields.DateField()
    applicant = serializers.CharField()
    respondent = serializers.CharField()
    matter = serializers.CharField()
    deadline = api_fields.DateField()
    status = serializers.CharField(help_text="open | overdue | settled | failed | withdrawn")
    overdue = serializers.BooleanField()
    outcome = serializers.CharField()
    closed_on = api_fields.DateField(allow_null=True)
    note = serializers.CharField()


def mediation_out(case: MediationCase) -> dict[str, Any]:
    overdue = selectors.mediation_overdue(case)
    state = case.outcome or ("overdue" if overdue else "open")
    return MediationOutput(
        {
            "id": case.pk,
            "received_on": case.received_on,
            "applicant": case.applicant,
            "respondent": case.respondent,
            "matter": case.matter,
            "deadline": case.deadline,
            "status": state,
            "overdue": overdue,
            "outcome": case.outcome,
            "closed_on": case.closed_on,
            "note": case.note,
        }
    ).data


class MediationInput(serializers.Serializer):
    received_on = api_fields.DateField()
    applicant = serializers.CharField(max_length=100)
    respondent = serializers.CharField(max_length=200)
    matter = serializers.CharField(max_length=5000)


class MediationListCreateApi(ListAPIView):
    permission_classes = [MANAGE]
    serializer_class = MediationOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        state = self.request.query_params.get("status", "")
        return selectors.mediation_cases(state=state if isinstance(state, str) else "")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return page(request, self, self.get_queryset(), mediation_out)

    @extend_schema(request=MediationInput, responses={201: MediationOutput})
    def post(self, request: Request) -> Response:
        data = MediationInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.mediation_receive(actor=request.user, **data.validated_data)
        return Response(mediation_out(case), status=status.HTTP_201_CREATED)


class MediationDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses=MediationOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(mediation_out(union_object(MediationCase, pk)))


class MediationCloseInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=MediationOutcome.choices)
    closed_on = api_fields.DateField()
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class MediationCloseApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=MediationCloseInput, responses=MediationOutput)
    def post(self, request: Request, pk: int) -> Response:
        case = union_object(MediationCase, pk)
        data = MediationCloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.mediation_close(case=case, actor=request.user, **data.validated_data)
        return Response(mediation_out(case))


class MediationSeat(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    side = serializers.ChoiceField(choices=CommitteeSide.choices)
    position = serializers.CharField(max_length=100, required=False, allow_blank=True)
    is_chair = serializers.BooleanField(required=False, default=False)


class MediationCommitteeInput(serializers.Serializer):
    since = api_fields.DateField()
    members = serializers.ListField(child=MediationSeat(), max_length=60)


class CommitteeApi(ListAPIView):
    """The mediation committee: GET its seats (a paginated list, like every list), PUT a
    new roster as a whole (answered with the roster)."""

    permission_classes = [MANAGE]
    serializer_class = MediationSeat

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.committee_members()

    @extend_schema(request=MediationCommitteeInput, responses=MediationSeat(many=True))
    def put(self, request: Request) -> Response:
        data = MediationCommitteeInput(data=request.data)
        data.is_valid(raise_exception=True)
        rows = services.committee_set(actor=request.user, **data.validated_data)
        return Response(MediationSeat(rows, many=True).data)


# --- legal aid ------------------------------------------------------------------


class LegalAidOutput(serializers.Serializer):
    id = serializers.IntegerField()
    member = serializers.IntegerField(source="member_id", allow_null=True)
    requester = serializers.CharField()
    matter = serializers.CharField()
    received_on = api_fields.DateField()
    status = serializers.CharField(help_text="received | referred | closed")
    referred_to = serializers.CharField()
    referred_on = api_fields.DateField(allow_null=True)
    outcome = serializers.CharField()
    closed_on = api_fields.DateField(allow_null=True)


class LegalAidInput(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), required=False, allow_null=True
    )
    requester = serializers.CharField(max_length=50, required=False, allow_blank=True)
    matter = serializers.CharField(max_length=5000)
    received_on = api_fields.DateField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("member") and not attrs.get("requester", "").strip():
            raise serializers.ValidationError({"requester": [_("Name the requester or a member.")]})
        return attrs


class LegalAidListCreateApi(ListAPIView):
    permission_classes = [MANAGE]
    serializer_class = LegalAidOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = LegalAidRequest.objects.all()
        wanted = self.request.query_params.get("status", "")
        return qs.filter(status=wanted) if wanted in LegalAidStatus.values else qs

    @extend_schema(request=LegalAidInput, responses={201: LegalAidOutput})
    def post(self, request: Request) -> Response:
        data = LegalAidInput(data=request.data)
        data.is_valid(raise_exception=True)
        req = services.legal_aid_create(actor=request.user, **data.validated_data)
        return Response(LegalAidOutput(req).data, status=status.HTTP_201_CREATED)


class LegalAidReferInput(serializers.Serializer):
    referred_to = serializers.CharField(max_length=200)
    referred_on = api_fields.DateField()


class LegalAidReferApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=LegalAidReferInput, responses=LegalAidOutput)
    def post(self, request: Request, pk: int) -> Response:
        req = union_object(LegalAidRequest, pk)
        data = LegalAidReferInput(data=request.data)
        data.is_valid(raise_exception=True)
        req = services.legal_aid_refer(request=req, actor=request.user, **data.validated_data)
        return Response(LegalAidOutput(req).data)


class LegalAidCloseInput(serializers.Serializer):
    outcome = serializers.CharField(max_length=5000)
    closed_on = api_fields.DateField()


class LegalAidCloseApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=LegalAidCloseInput, responses=LegalAidOutput)
    def post(self, request: Request, pk: int) -> Response:
        req = union_object(LegalAidRequest, pk)
        data = LegalAidCloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        req = services.legal_aid_close(request=req, actor=request.user, **data.validated_data)
        return Response(LegalAidOutput(req).data)
