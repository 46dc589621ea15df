"""Democratic evaluation (民主评议): evaluations, anonymous ballots, the tally (union host)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import UNION_OFFICERS, UNION_ROLES
from federation.platform.api import page
from workplaces.congress import evaluation
from workplaces.congress.api.common import ANY_UNION_USER, MANAGE, MANAGERS, validated
from workplaces.congress.models import Evaluation, Grade
from workplaces.organization.common import field_error


class SubjectInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    post = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class EvaluationInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    subjects = SubjectInSerializer(many=True, allow_empty=False, max_length=200)  # type: ignore[call-arg]


class EvaluationSerializer(serializers.ModelSerializer):
    subjects = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = ["id", "title", "is_open", "subjects"]

    def get_subjects(self, obj: Evaluation) -> list[dict]:
        return [{"id": s.pk, "name": s.name, "post": s.post} for s in obj.subjects.all()]


class GradeInSerializer(serializers.Serializer):
    subject = serializers.IntegerField(min_value=1)
    grade = serializers.ChoiceField(choices=Grade.choices)


class BallotInSerializer(serializers.Serializer):
    grades = GradeInSerializer(many=True, allow_empty=False, max_length=200)  # type: ignore[call-arg]


class EvaluationsApi(APIView):
    permission_classes = [union_roles(*MANAGERS, read=tuple(UNION_ROLES))]

    @extend_schema(responses={200: EvaluationSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return page(
            request, self, Evaluation.objects.prefetch_related("subjects"), EvaluationSerializer
        )

    @extend_schema(request=EvaluationInSerializer, responses={201: EvaluationSerializer})
    def post(self, request: Request) -> Response:
        data = validated(EvaluationInSerializer, request.data)
        ev = evaluation.evaluation_create(
            title=data["title"],
            subjects=[(s["name"], s["post"]) for s in data["subjects"]],
            actor=request.user,
        )
        return Response(EvaluationSerializer(ev).data, status=status.HTTP_201_CREATED)


class BallotApi(APIView):
    permission_classes = [ANY_UNION_USER]

    @extend_schema(
        request=BallotInSerializer,
        responses={201: inline_serializer("BallotCast", {"ballots": serializers.IntegerField()})},
    )
    def post(self, request: Request, pk: int) -> Response:
        ev = get_object_or_404(Evaluation, pk=pk)
        data = validated(BallotInSerializer, request.data)
        grades = {g["subject"]: g["grade"] for g in data["grades"]}
        if len(grades) != len(data["grades"]):
            raise field_error("grades", "Grade every cadre once.", code="duplicate")
        count = evaluation.evaluation_vote(evaluation=ev, voter=request.user, grades=grades)
        return Response({"ballots": count}, status=status.HTTP_201_CREATED)


class TallySerializer(serializers.Serializer):
    subject = serializers.IntegerField()
    name = serializers.CharField()
    post = serializers.CharField()
    grades = serializers.DictField(child=serializers.IntegerField())


class TallyApi(APIView):
    permission_classes = [union_roles(*UNION_OFFICERS)]

    @extend_schema(responses={200: TallySerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        ev = get_object_or_404(Evaluation, pk=pk)
        return Response(TallySerializer(evaluation.evaluation_tally(evaluation=ev), many=True).data)


class EvaluationCloseApi(APIView):
    permission_classes = [MANAGE]

    @extend_schema(request=None, responses={200: EvaluationSerializer})
    def post(self, request: Request, pk: int) -> Response:
        ev = get_object_or_404(Evaluation, pk=pk)
        return Response(
            EvaluationSerializer(
                evaluation.evaluation_close(evaluation=ev, actor=request.user)
            ).data
        )
