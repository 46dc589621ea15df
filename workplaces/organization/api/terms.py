"""The union's committee terms: record one, the current one with its status, the history
(union host)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.api import page
from workplaces.organization import selectors, services
from workplaces.organization.api.common import MANAGE, MAX_SEATS, validated
from workplaces.organization.models import Position, Term, TermStatus


class SeatInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    member = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    position = serializers.ChoiceField(choices=Position.choices)
    user = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    woman = serializers.BooleanField(allow_null=True, required=False, default=None)


class TermInSerializer(serializers.Serializer):
    elected_on = api_fields.DateField()
    term_years = serializers.IntegerField(min_value=1, max_value=10)
    approved_on = api_fields.DateField(required=False, allow_null=True)
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
    elected_on = api_fields.DateField()
    ends_on = api_fields.DateField()
    term_years = serializers.IntegerField()
    approved_on = api_fields.DateField(allow_null=True)
    approval_ref = serializers.CharField()
    is_current = serializers.BooleanField()
    ended_on = api_fields.DateField(allow_null=True)
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
    elected_on = api_fields.DateField(allow_null=True)
    ends_on = api_fields.DateField(allow_null=True)
    days_left = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=TermStatus.choices)


class UnionTermsApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(responses={200: TermOutSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return page(request, self, selectors.terms_all(), TermOutSerializer)

    @extend_schema(request=TermInSerializer, responses={201: TermOutSerializer})
    def post(self, request: Request) -> Response:
        data = validated(TermInSerializer, request.data)
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
