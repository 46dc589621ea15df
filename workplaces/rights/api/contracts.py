"""/api/v1/rights/contracts/ on a union host (API.md "Rights"). Doors only."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.permissions import union_roles
from federation.platform.api import page
from workplaces.congress.models import Motion
from workplaces.rights import selectors
from workplaces.rights.api.common import NameList, body_size_check, union_object
from workplaces.rights.models import CollectiveContract
from workplaces.rights.roles import RIGHTS_MANAGERS, RIGHTS_READERS
from workplaces.rights.services import contracts as services

MANAGE = union_roles(*RIGHTS_MANAGERS, read=RIGHTS_READERS)


class ContractRoundOutput(serializers.Serializer):
    number = serializers.IntegerField()
    held_on = api_fields.DateField()
    employee_side = serializers.ListField(child=serializers.CharField())
    employer_side = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField()


class ContractVoteOutput(serializers.Serializer):
    origin = serializers.ChoiceField(
        source="source",
        choices=["congress", "manual"],
        help_text="congress: a motion of the congress module; manual: recorded by hand",
    )
    voted_on = api_fields.DateField(allow_null=True)
    yes = serializers.IntegerField()
    no = serializers.IntegerField(allow_null=True)
    abstain = serializers.IntegerField(allow_null=True)
    delegates = serializers.IntegerField(allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    session = serializers.IntegerField(allow_null=True, source="session_id")
    session_title = serializers.CharField()
    motion = serializers.IntegerField(allow_null=True, source="motion_id")
    motion_title = serializers.CharField()


class ContractOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    employer = serializers.CharField()
    workers_covered = serializers.IntegerField()
    signed_on = api_fields.DateField(allow_null=True)
    starts_on = api_fields.DateField(allow_null=True)
    ends_on = api_fields.DateField(allow_null=True)
    filed_on = api_fields.DateField(allow_null=True)
    objected_on = api_fields.DateField(allow_null=True)
    filing_due = api_fields.DateField(allow_null=True)
    effective_on = api_fields.DateField(allow_null=True)
    renewal_from = api_fields.DateField(allow_null=True)
    status = serializers.CharField(
        help_text="negotiating | signed | filed | objected | effective | expiring | expired"
    )
    filing_overdue = serializers.BooleanField()
    filed_late = serializers.BooleanField()
    congress_voted_on = api_fields.DateField(allow_null=True)
    congress_yes = serializers.IntegerField(allow_null=True)
    congress_total = serializers.IntegerField(allow_null=True)
    congress_motion = serializers.IntegerField(allow_null=True)
    congress_vote = ContractVoteOutput(allow_null=True)
    has_text = serializers.BooleanField()
    rounds = ContractRoundOutput(many=True)


def contract_out(c: CollectiveContract) -> dict[str, Any]:
    k = selectors.contract_clocks(c)
    data = {
        "id": c.pk,
        "kind": c.kind,
        "title": c.title,
        "employer": c.employer,
        "workers_covered": c.workers_covered,
        "signed_on": c.signed_on,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "filed_on": c.filed_on,
        "objected_on": c.objected_on,
        "filing_due": k.filing_due,
        "effective_on": k.effective_on,
        "renewal_from": k.renewal_from,
        "status": k.status,
        "filing_overdue": k.filing_overdue,
        "filed_late": k.filed_late,
        "congress_voted_on": c.congress_voted_on,
        "congress_yes": c.congress_yes,
        "congress_total": c.congress_total,
        "congress_motion": c.congress_motion_id,
        "congress_vote": selectors.contract_vote(c),
        "has_text": bool(c.text_file),
        "rounds": list(c.rounds.all()),
    }
    return ContractOutput(data).data


class ContractInput(serializers.Serializer):
    kind = serializers.CharField(max_length=30)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    employer = serializers.CharField(max_length=200, required=False, allow_blank=True)
    workers_covered = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    signed_on = api_fields.DateField(required=False, allow_null=True)
    starts_on = api_fields.DateField(required=False, allow_null=True)
    ends_on = api_fields.DateField(required=False, allow_null=True)
    filed_on = api_fields.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class ContractListCreateApi(ListAPIView):
    permission_classes = [MANAGE]
    serializer_class = ContractOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = CollectiveContract.objects.select_related("congress_motion__session").prefetch_related(
            "rounds"
        )
        kind = self.request.query_params.get("kind", "")
        return qs.filter(kind=kind[:30]) if kind else qs

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # the status depends on today, so it is filtered before paging (a union has few)
        wanted = request.query_params.get("status", "")
        rows = [contract_out(c) for c in self.get_queryset()]
        if wanted:
            rows = [r for r in rows if r["status"] == wanted]
        return page(request, self, rows, dict)

    @extend_schema(request=ContractInput, responses={201: ContractOutput})
    def post(self, request: Request) -> Response:
        data = ContractInput(data=request.data)
        data.is_valid(raise_exception=True)
        contract = services.contract_create(actor=request.user, **data.validated_data)
        return Response(contract_out(contract), status=status.HTTP_201_CREATED)


class ContractUpdateInput(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    employer = serializers.CharField(max_length=200, required=False, allow_blank=True)
    workers_covered = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    congress_motion = serializers.PrimaryKeyRelatedField(
        queryset=Motion.objects.all(),
        required=False,
        allow_null=True,
        help_text="a motion of this union's congress sessions; clears the vote typed by hand",
    )
    congress_voted_on = api_fields.DateField(required=False, allow_null=True)
    congress_yes = serializers.IntegerField(
        min_value=0, max_value=100_000, required=False, allow_null=True
    )
    congress_total = serializers.IntegerField(
        min_value=1, max_value=100_000, required=False, allow_null=True
    )


class ContractDetailApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses=ContractOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(contract_out(union_object(CollectiveContract, pk)))

    @extend_schema(request=ContractUpdateInput, responses=ContractOutput)
    def patch(self, request: Request, pk: int) -> Response:
        contract = union_object(CollectiveContract, pk)
        data = ContractUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        contract = services.contract_update(
            contract=contract, changes=dict(data.validated_data), actor=request.user
        )
        return Response(contract_out(contract))


class ContractSignInput(serializers.Serializer):
    signed_on = api_fields.DateField()
    starts_on = api_fields.DateField()
    ends_on = api_fields.DateField()


class ContractSignApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=ContractSignInput, responses=ContractOutput)
    def post(self, request: Request, pk: int) -> Response:
        contract = union_object(CollectiveContract, pk)
        data = ContractSignInput(data=request.data)
        data.is_valid(raise_exception=True)
        contract = services.contract_sign(
            contract=contract, actor=request.user, **data.validated_data
        )
        return Response(contract_out(contract))


class ContractFileInput(serializers.Serializer):
    filed_on = api_fields.DateField()


class ContractFileApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=ContractFileInput, responses=ContractOutput)
    def post(self, request: Request, pk: int) -> Response:
        contract = union_object(CollectiveContract, pk)
        data = ContractFileInput(data=request.data)
        data.is_valid(raise_exception=True)
        contract = services.contract_file(
            contract=contract, filed_on=data.validated_data["filed_on"], actor=request.user
        )
        return Response(contract_out(contract))


class ContractObjectionInput(serializers.Serializer):
    objected_on = api_fields.DateField()
    objection = serializers.CharField(max_length=1000)


class ContractObjectionApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=ContractObjectionInput, responses=ContractOutput)
    def post(self, request: Request, pk: int) -> Response:
        contract = union_object(CollectiveContract, pk)
        data = ContractObjectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        contract = services.contract_objection(
            contract=contract, actor=request.user, **data.validated_data
        )
        return Response(contract_out(contract))


class ContractRoundInput(serializers.Serializer):
    held_on = api_fields.DateField()
    employee_side = NameList()
    employer_side = NameList()
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ContractRoundApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=ContractRoundInput, responses={201: ContractRoundOutput})
    def post(self, request: Request, pk: int) -> Response:
        contract = union_object(CollectiveContract, pk)
        data = ContractRoundInput(data=request.data)
        data.is_valid(raise_exception=True)
        r = services.round_add(contract=contract, actor=request.user, **data.validated_data)
        return Response(ContractRoundOutput(r).data, status=status.HTTP_201_CREATED)


class ContractTextInput(serializers.Serializer):
    file = serializers.FileField()


class ContractTextApi(APIView):
    """The signed text: uploaded to the union's media, downloaded only from its host."""

    permission_classes = [MANAGE]
    parser_classes = [MultiPartParser]

    @extend_schema(request=ContractTextInput, responses=ContractOutput)
    def post(self, request: Request, pk: int) -> Response:
        contract = union_object(CollectiveContract, pk)
        body_size_check(request, limit=services.TEXT_MAX_BYTES)
        data = ContractTextInput(data=request.data)
        data.is_valid(raise_exception=True)
        contract = services.contract_text_upload(
            contract=contract, upload=data.validated_data["file"], actor=request.user
        )
        return Response(contract_out(contract))

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request: Request, pk: int) -> FileResponse:
        contract = union_object(CollectiveContract, pk)
        return contract_text_response(contract)


def contract_text_response(contract: CollectiveContract) -> FileResponse:
    if not contract.text_file:
        raise Http404
    ext = (contract.text_file.name or "signed.bin").rsplit(".", 1)[-1]
    return FileResponse(
        contract.text_file.open("rb"),
        as_attachment=True,
        filename=f"contract-{contract.pk}.{ext}",
    )
