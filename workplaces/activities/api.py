"""Activities API (union host): activities, sign-up, attendance, awards, photos. The
competitions, proposals, honours and training endpoints are in ``api_recognition``."""

from __future__ import annotations

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts.access import Access
from federation.platform.accounts.permissions import union_roles
from federation.platform.accounts.roles import UNION_ROLES
from federation.platform.api import page, validated
from tenants.context import on_federation_side
from workplaces.activities import selectors, services
from workplaces.activities.models import Activity, ActivityKind, ActivityPhoto, ActivityStatus
from workplaces.members.models import Member

ORGANISE = union_roles(*services.ORGANISERS)
# what the access matrix checks (tests/security): any user of the union; every user reads
# and organisers write
ANY_UNION_USER = Access(side="union")
ORGANISE_OR_READ = Access(
    roles=frozenset(services.ORGANISERS), read_roles=frozenset(UNION_ROLES), side="union"
)


class UnionUser(BasePermission):
    """Any logged-in user of this union (users live in the union's schema)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active) and not on_federation_side()


class OrganiseOrRead(UnionUser):
    """Every user of the union reads; organisers write."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return services.can_organise(request.user)


def member_or_400(pk: int | None, field: str = "member") -> Member | None:
    if pk is None:
        return None
    member = Member.objects.filter(pk=pk).first()
    if member is None:
        raise serializers.ValidationError({field: ["Unknown member."]})
    return member


class ActivityInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    starts_at = api_fields.DateTimeField()
    ends_at = api_fields.DateTimeField(required=False, allow_null=True)
    capacity = serializers.IntegerField(min_value=1, max_value=100000)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ActivityUpdate(ActivityInput):
    status = serializers.ChoiceField(choices=ActivityStatus.choices, required=False)
    results = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ActivityOutput(serializers.ModelSerializer):
    seats_left = serializers.IntegerField(read_only=True)
    signed_up = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "place",
            "capacity",
            "description",
            "status",
            "results",
            "signups_count",
            "seats_left",
            "signed_up",
        ]

    def get_signed_up(self, obj) -> bool:
        member_id = self.context.get("member_id")
        return bool(member_id) and obj.signups.filter(member_id=member_id).exists()


def _context(request) -> dict:
    member = Member.objects.filter(user_id=request.user.pk).values_list("pk", flat=True).first()
    return {"member_id": member}


class ActivityListApi(APIView):
    permission_classes = [OrganiseOrRead]
    api_access = ORGANISE_OR_READ

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", enum=ActivityKind.values),
            OpenApiParameter("status", enum=ActivityStatus.values),
            OpenApiParameter("year", int),
        ],
        responses=ActivityOutput(many=True),
    )
    def get(self, request):
        qs = selectors.activity_list(
            kind=request.query_params.get("kind", ""),
            status=request.query_params.get("status", ""),
            year=api_fields.year_query(request),
        )
        return page(request, self, qs, ActivityOutput, context=_context(request))

    @extend_schema(request=ActivityInput, responses={201: ActivityOutput})
    def post(self, request):
        activity = services.activity_create(
            actor=request.user, **validated(ActivityInput, request.data)
        )
        return Response(ActivityOutput(activity).data, status=status.HTTP_201_CREATED)


class ActivityDetailApi(APIView):
    permission_classes = [OrganiseOrRead]
    api_access = ORGANISE_OR_READ

    @extend_schema(responses=ActivityOutput)
    def get(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        return Response(ActivityOutput(activity, context=_context(request)).data)

    @extend_schema(request=ActivityUpdate, responses=ActivityOutput)
    def patch(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        data = validated(ActivityUpdate, request.data, partial=True)
        activity = services.activity_update(actor=request.user, activity=activity, **data)
        return Response(ActivityOutput(activity).data)


class SignupInput(serializers.Serializer):
    member = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class SignupOutput(serializers.Serializer):
    id = serializers.IntegerField()
    activity = serializers.IntegerField(source="activity_id")
    member = serializers.IntegerField(source="member_id")
    member_name = serializers.CharField(source="member.name")
    attended = serializers.BooleanField()
    created_at = api_fields.DateTimeField()


class SignupApi(APIView):
    """A member signs up themselves (no ``member``, or their own id); an organiser signs up
    any member. Full -> 409, twice -> 409."""

    permission_classes = [UnionUser]
    api_access = ANY_UNION_USER

    @extend_schema(responses=SignupOutput(many=True))
    def get(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        if not services.can_organise(request.user):
            return Response({"detail": "Not allowed."}, status=status.HTTP_403_FORBIDDEN)
        return Response(SignupOutput(selectors.signups_of(activity=activity), many=True).data)

    @extend_schema(request=SignupInput, responses={201: SignupOutput})
    def post(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        data = validated(SignupInput, request.data)
        member = member_or_400(data.get("member"))
        signup = services.signup_create(actor=request.user, activity=activity, member=member)
        return Response(SignupOutput(signup).data, status=status.HTTP_201_CREATED)


class SignupCancelApi(APIView):
    permission_classes = [UnionUser]
    api_access = ANY_UNION_USER

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int, signup_id: int):
        activity = get_object_or_404(Activity, pk=pk)
        signup = get_object_or_404(activity.signups.select_related("member"), pk=signup_id)
        services.signup_cancel(actor=request.user, signup=signup)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AttendanceInput(serializers.Serializer):
    members = serializers.ListField(
        child=serializers.IntegerField(min_value=1), max_length=5000, allow_empty=True
    )


class AttendanceApi(APIView):
    permission_classes = [ORGANISE]

    @extend_schema(request=AttendanceInput, responses={200: dict})
    def post(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        data = validated(AttendanceInput, request.data)
        marked = services.attendance_record(
            actor=request.user, activity=activity, member_ids=data["members"]
        )
        return Response({"attended": marked, "status": ActivityStatus.HELD.value})


class AwardInput(serializers.Serializer):
    award = serializers.CharField(max_length=100)
    member = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    team = serializers.CharField(max_length=100, required=False, allow_blank=True)


class AwardApi(APIView):
    permission_classes = [ORGANISE]

    @extend_schema(request=AwardInput, responses={201: dict})
    def post(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        data = validated(AwardInput, request.data)
        award = services.award_record(
            actor=request.user,
            activity=activity,
            award=data["award"],
            member=member_or_400(data.get("member")),
            team=data.get("team", ""),
        )
        return Response(
            {"id": award.pk, "award": award.award, "member": award.member_id, "team": award.team},
            status=status.HTTP_201_CREATED,
        )


class PhotoInput(serializers.Serializer):
    file = serializers.FileField()


class PhotoApi(APIView):
    permission_classes = [ORGANISE]
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": PhotoInput}, responses={201: dict})
    def post(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        data = validated(PhotoInput, request.data)
        photo = services.photo_add(actor=request.user, activity=activity, upload=data["file"])
        return Response(
            {"id": photo.pk, "name": photo.original_name, "size": photo.size},
            status=status.HTTP_201_CREATED,
        )


class PhotoFileApi(APIView):
    """The photo's bytes, looked up in this union's schema (another union's photo: 404)."""

    permission_classes = [UnionUser]
    api_access = ANY_UNION_USER

    @extend_schema(responses={(200, "image/*"): OpenApiTypes.BINARY})
    def get(self, request, pk: int):
        photo = get_object_or_404(ActivityPhoto, pk=pk)
        return FileResponse(photo.file.open("rb"), content_type=photo.content_type)
