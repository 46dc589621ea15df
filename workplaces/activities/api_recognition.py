"""API of labour competitions, rationalisation proposals, honours and training."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.api import page, validated
from workplaces.activities import recognition, selectors
from workplaces.activities.api import ORGANISE_OR_READ, OrganiseOrRead, member_or_400
from workplaces.activities.models import (
    Competition,
    Honour,
    Suggestion,
    TrainingAudience,
    TrainingSession,
)


def _page(view, request, qs, fields: list[str]):
    return page(request, view, qs, lambda obj: {f: _plain(getattr(obj, f)) for f in fields})


def _plain(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}" if value.as_tuple().exponent == -2 else str(value)
    return value


COMPETITION_FIELDS = ["id", "title", "starts_on", "ends_on", "description"]
SUGGESTION_FIELDS = [
    "id",
    "title",
    "body",
    "proposer",
    "member_id",
    "submitted_on",
    "status",
    "decided_on",
    "benefit",
    "benefit_note",
]
HONOUR_FIELDS = [
    "id",
    "kind",
    "level",
    "member_id",
    "team",
    "year",
    "deeds",
    "status",
    "awarded_on",
    "awarded_by",
]
TRAINING_FIELDS = ["id", "title", "audience", "held_on", "hours", "place", "trainer"]


class CompetitionInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    starts_on = api_fields.DateField()
    ends_on = api_fields.DateField(required=False, allow_null=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class CompetitionApi(APIView):
    permission_classes = [OrganiseOrRead]
    api_access = ORGANISE_OR_READ

    @extend_schema(responses={200: dict})
    def get(self, request):
        return _page(self, request, Competition.objects.all(), COMPETITION_FIELDS)

    @extend_schema(request=CompetitionInput, responses={201: dict})
    def post(self, request):
        row = recognition.competition_save(
            actor=request.user, **validated(CompetitionInput, request.data)
        )
        return Response({f: getattr(row, f) for f in COMPETITION_FIELDS}, status=201)


class EntrantInput(serializers.Serializer):
    member = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    team = serializers.CharField(max_length=100, required=False, allow_blank=True)
    result = serializers.CharField(max_length=200, required=False, allow_blank=True)
    rank = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=10000)


class EntrantApi(APIView):
    permission_classes = [OrganiseOrRead]
    api_access = ORGANISE_OR_READ

    @extend_schema(responses={200: dict})
    def get(self, request, pk: int):
        competition = get_object_or_404(Competition, pk=pk)
        rows = competition.entrants.values("id", "member_id", "team", "result", "rank")
        return Response(list(rows))

    @extend_schema(request=EntrantInput, responses={201: dict})
    def post(self, request, pk: int):
        competition = get_object_or_404(Competition, pk=pk)
        data = validated(EntrantInput, request.data)
        data["member"] = member_or_400(data.get("member"))
        row = recognition.entrant_save(actor=request.user, competition=competition, **data)
        out = {
            "id": row.pk,
            "member": row.member_id,
            "team": row.team,
            "result": row.result,
            "rank": row.rank,
        }
        return Response(out, status=201)


class SuggestionInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=5000)
    proposer = serializers.CharField(max_length=100)
    submitted_on = api_fields.DateField()
    member = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class SuggestionApi(APIView):
    permission_classes = [OrganiseOrRead]
    api_access = ORGANISE_OR_READ

    @extend_schema(responses={200: dict})
    def get(self, request):
        return _page(self, request, Suggestion.objects.all(), SUGGESTION_FIELDS)

    @extend_schema(request=SuggestionInput, responses={201: dict})
    def post(self, request):
        data = validated(SuggestionInput, request.data)
        data["member"] = member_or_400(data.get("member"))
        row = recognition.suggestion_submit(actor=request.user, **data)
        return Response({f: _plain(getattr(row, f)) for f in SUGGESTION_FIELDS}, status=201)


class DecideInput(serializers.Serializer):
    adopted = serializers.BooleanField()
    decided_on = api_fields.DateField()
    benefit = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("999999999.99"),
        required=False,
    )
    benefit_note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class SuggestionDecideApi(APIView):
    permission_classes = [OrganiseOrRead]
    api_access = ORGANISE_OR_READ

    @extend_schema(request=DecideInput, responses={200: dict})
    def post(self, request, pk: int):
        suggestion = get_object_or_404(Suggestion, pk=pk)
        data = validated(DecideInput, request.data)
        row = recognition.suggestion_decide(actor=request.user, suggestion=suggestion, **data)
        return Response({f: _plain(getattr(row, f)) for f in SUGGESTION_FIELDS})


class HonourInput(serializers.Serializer):
    kind = serializers.CharField(max_length=40)
    level = serializers.CharField(max_length=20, required=False, allow_blank=True)
    member = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    team = serializers.CharField(max_length=100, required=False, allow_blank=True)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    deeds = serializers.CharField(max_length=10000, required=False, allow_blank=True)


class HonourApi(APIView):
    permission_classes = [OrganiseOrRead]
    api_access = ORGANISE_OR_READ

    @extend_schema(parameters=[OpenApiParameter("member", int)], responses={200: dict})
    def get(self, request):
        member = request.query_params.get("member", "")
        if member.isdecimal():
            return Response({"results": selectors.honours_for_member(int(member))})
        return _page(self, request, Honour.objects.all(), HONOUR_FIELDS)

    @extend_schema(request=HonourInput, responses={201: dict})
    def post(self, request):
        data = validated(HonourInput, request.data)
        data["member"] = member_or_400(data.get("member"))
        row = recognition.honour_nominate(actor=request.user, **data)
        return Response({f: getattr(row, f) for f in HONOUR_FIELDS}, status=201)


class HonourDecideInput(serializers.Serializer):
    awarded = serializers.BooleanField()
    on = api_fields.DateField(required=False)
    awarded_by = serializers.CharField(max_length=200, required=False, allow_blank=True)


class HonourDecideApi(APIView):
    permission_classes = [OrganiseOrRead]
    api_access = ORGANISE_OR_READ

    @extend_schema(request=HonourDecideInput, responses={200: dict})
    def post(self, request, pk: int):
        honour = get_object_or_404(Honour, pk=pk)
        data = validated(HonourDecideInput, request.data)
        row = recognition.honour_decide(actor=request.user, honour=honour, **data)
        return Response({f: getattr(row, f) for f in HONOUR_FIELDS})


class TrainingInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    audience = serializers.ChoiceField(choices=TrainingAudience.choices)
    held_on = api_fields.DateField()
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=Decimal("0.5"), max_value=Decimal("200")
    )
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    trainer = serializers.CharField(max_length=100, required=False, allow_blank=True)
    content = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    members = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=5000
    )


class TrainingApi(APIView):
    permission_classes = [OrganiseOrRead]
    api_access = ORGANISE_OR_READ

    @extend_schema(responses={200: dict})
    def get(self, request):
        return _page(self, request, TrainingSession.objects.all(), TRAINING_FIELDS)

    @extend_schema(request=TrainingInput, responses={201: dict})
    def post(self, request):
        data = validated(TrainingInput, request.data)
        data["member_ids"] = data.pop("members", [])
        row = recognition.training_save(actor=request.user, **data)
        out = {f: _plain(getattr(row, f)) for f in TRAINING_FIELDS}
        out["attendees"] = row.attendances.count()
        return Response(out, status=status.HTTP_201_CREATED)


union_api = [
    path("api/v1/activities/competitions/", CompetitionApi.as_view(), name="api-competitions"),
    path(
        "api/v1/activities/competitions/<int:pk>/entrants/",
        EntrantApi.as_view(),
        name="api-competition-entrants",
    ),
    path("api/v1/activities/suggestions/", SuggestionApi.as_view(), name="api-suggestions"),
    path(
        "api/v1/activities/suggestions/<int:pk>/decide/",
        SuggestionDecideApi.as_view(),
        name="api-suggestion-decide",
    ),
    path("api/v1/activities/honours/", HonourApi.as_view(), name="api-honours"),
    path(
        "api/v1/activities/honours/<int:pk>/decide/",
        HonourDecideApi.as_view(),
        name="api-honour-decide",
    ),
    path("api/v1/activities/training/", TrainingApi.as_view(), name="api-training"),
]
