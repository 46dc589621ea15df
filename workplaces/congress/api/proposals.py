"""Proposals and suggestions: submit, review, answer, rate; the proposal and suggestion
books (union host)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.access import Access
from federation.platform.api import page
from workplaces.congress import proposals
from workplaces.congress.api.common import ANY_UNION_USER, MANAGE, PROPOSALS, validated
from workplaces.congress.models import Proposal, ProposalKind, Satisfaction


class ProposalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Proposal
        fields = [
            "id",
            "kind",
            "number",
            "session",
            "title",
            "body",
            "proposer",
            "seconders",
            "submitted_on",
            "status",
            "reason",
            "department",
            "answer",
            "answered_on",
            "satisfaction",
        ]


class ProposalInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20000)
    proposer = serializers.CharField(max_length=50)
    seconders = serializers.ListField(
        child=serializers.CharField(max_length=50), max_length=200, default=list
    )
    session = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class SuggestionInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20000)
    proposer = serializers.CharField(max_length=50)


class ReviewInSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    department = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class AnswerInSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=20000)


class RateInSerializer(serializers.Serializer):
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)


class ProposalsApi(APIView):
    permission_classes = [PROPOSALS]
    # every login of the union may table a proposal (the access matrix reads this)
    api_access = Access()

    def get_permissions(self) -> list:
        # any login of the union may submit a proposal; reviewing is for the officers
        return [ANY_UNION_USER()] if self.request.method == "POST" else [PROPOSALS()]

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=ProposalKind.values),
            OpenApiParameter("status", str),
        ],
        responses={200: ProposalSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        qs = Proposal.objects.all()
        kind = request.query_params.get("kind", "")
        if kind in ProposalKind.values:
            qs = qs.filter(kind=kind)
        state = request.query_params.get("status", "")
        if state:
            qs = qs.filter(status=state[:20])
        return page(request, self, qs, ProposalSerializer)

    @extend_schema(request=ProposalInSerializer, responses={201: ProposalSerializer})
    def post(self, request: Request) -> Response:
        data = validated(ProposalInSerializer, request.data)
        proposal = proposals.proposal_submit(
            title=data["title"],
            body=data["body"],
            proposer=data["proposer"],
            seconders=data["seconders"],
            session_id=data.get("session"),
            actor=request.user,
        )
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


class SuggestionsApi(APIView):
    permission_classes = [ANY_UNION_USER]

    @extend_schema(request=SuggestionInSerializer, responses={201: ProposalSerializer})
    def post(self, request: Request) -> Response:
        data = validated(SuggestionInSerializer, request.data)
        proposal = proposals.proposal_submit(
            seconders=[], suggestion=True, actor=request.user, **data
        )
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


class ProposalDetailApi(APIView):
    permission_classes = [PROPOSALS]

    @extend_schema(responses={200: ProposalSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ProposalSerializer(get_object_or_404(Proposal, pk=pk)).data)


class ProposalReviewApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=ReviewInSerializer, responses={200: ProposalSerializer})
    def post(self, request: Request, pk: int) -> Response:
        proposal = get_object_or_404(Proposal, pk=pk)
        data = validated(ReviewInSerializer, request.data)
        return Response(
            ProposalSerializer(
                proposals.proposal_review(proposal=proposal, actor=request.user, **data)
            ).data
        )


class ProposalAnswerApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=AnswerInSerializer, responses={200: ProposalSerializer})
    def post(self, request: Request, pk: int) -> Response:
        proposal = get_object_or_404(Proposal, pk=pk)
        data = validated(AnswerInSerializer, request.data)
        return Response(
            ProposalSerializer(
                proposals.proposal_answer(proposal=proposal, actor=request.user, **data)
            ).data
        )


class ProposalRateApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=RateInSerializer, responses={200: ProposalSerializer})
    def post(self, request: Request, pk: int) -> Response:
        proposal = get_object_or_404(Proposal, pk=pk)
        data = validated(RateInSerializer, request.data)
        return Response(
            ProposalSerializer(
                proposals.proposal_rate(proposal=proposal, actor=request.user, **data)
            ).data
        )


class BookApi(APIView):
    """The proposal book (提案簿) or the suggestion book (建议簿) as a printable PDF."""

    permission_classes = [MANAGE]
    kind = ProposalKind.PROPOSAL

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request: Request) -> Any:
        from django.http import HttpResponse

        from workplaces.congress.books import book_pdf

        year_param = request.query_params.get("year", "")
        year = (
            int(year_param) if year_param.isdecimal() and 2000 <= int(year_param) <= 2100 else None
        )
        response = HttpResponse(book_pdf(kind=self.kind, year=year), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.kind}-book.pdf"'
        return response


class SuggestionBookApi(BookApi):
    kind = ProposalKind.SUGGESTION
