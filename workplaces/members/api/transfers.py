"""/api/v1/members/{id}/transfer/ and /api/v1/transfers/ (动态接转), and the federation's
list of transfers in flight."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import federation_roles
from federation.platform.accounts.roles import FEDERATION_STAFF
from federation.platform.api import page, validated
from tenants.context import current_union
from tenants.models import TransferStatus
from workplaces.members import selectors, transfers
from workplaces.members.api.common import MANAGE_ONLY, choice_param, member_or_404, member_out
from workplaces.members.api.serializers import (
    MemberDetailSerializer,
    ReasonSerializer,
    TransferOutputSerializer,
    TransferStartSerializer,
)


class MemberTransferApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=TransferStartSerializer, responses={202: TransferOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        member = member_or_404(request, pk)
        data = validated(TransferStartSerializer, request.data)
        transfer = transfers.transfer_start(
            member=member,
            to_union=data["to_union"],
            reason=data.get("reason", ""),
            actor=request.user,
        )
        out = TransferOutputSerializer(transfer, context={"union": current_union()}).data
        return Response(out, status=status.HTTP_202_ACCEPTED)


class TransferListApi(APIView):
    """Incoming and outgoing transfers of this union, each with its direction."""

    permission_classes = [MANAGE_ONLY]

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=TransferStatus.values)],
        responses=TransferOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        union = current_union()
        state = choice_param(request, "status", TransferStatus.values)
        qs = selectors.transfers_for_union(union=union, status=state)
        return page(request, self, qs, TransferOutputSerializer, context={"union": union})


class TransferAcceptApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=None, responses=MemberDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        member = transfers.transfer_accept(transfer_id=pk, actor=request.user)
        return Response(member_out(member, request))


class TransferRejectApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=ReasonSerializer, responses=TransferOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        data = validated(ReasonSerializer, request.data)
        t = transfers.transfer_reject(
            transfer_id=pk, reason=data.get("reason", ""), actor=request.user
        )
        return Response(TransferOutputSerializer(t, context={"union": current_union()}).data)


class TransferCancelApi(APIView):
    permission_classes = [MANAGE_ONLY]

    @extend_schema(request=None, responses=TransferOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        t = transfers.transfer_cancel(transfer_id=pk, actor=request.user)
        return Response(TransferOutputSerializer(t, context={"union": current_union()}).data)


class FederationTransferListApi(APIView):
    """The federation host: transfers in flight (``?status=`` for others; ``all`` for every one).
    Only a masked name is shown here; the particulars stay encrypted."""

    permission_classes = [federation_roles(read=FEDERATION_STAFF)]

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=[*TransferStatus.values, "all"])],
        responses=TransferOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        state = choice_param(
            request, "status", [*TransferStatus.values, "all"], default=TransferStatus.PENDING
        )
        rows = selectors.transfers_in_flight(status="" if state == "all" else state)
        return page(request, self, rows, TransferOutputSerializer)
