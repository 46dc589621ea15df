"""/api/v1/unions/ on the federation host (contract: API.md, "Unions")."""

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts.permissions import federation_roles
from federation.platform.accounts.roles import FED_DUES, FEDERATION_STAFF
from federation.platform.api import page
from tenants import selectors, services
from tenants.models import Union, UnionKind, UnionStatus

READERS = FEDERATION_STAFF


class UnionOutputSerializer(serializers.ModelSerializer):
    domain = serializers.SerializerMethodField()
    member_count = serializers.SerializerMethodField()

    class Meta:
        model = Union
        fields = [
            "slug",
            "name",
            "kind",
            "credit_code",
            "employee_count",
            "schema_name",
            "domain",
            "status",
            "ready",
            "member_count",
            "created_at",
        ]

    def get_domain(self, obj) -> str:
        return f"{obj.slug}.{settings.BASE_DOMAIN}"

    def get_member_count(self, obj) -> int:
        return selectors.union_member_count(obj)


class AdminInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)


class UnionCreateInputSerializer(serializers.Serializer):
    slug = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=UnionKind.choices)
    credit_code = serializers.CharField(max_length=18, required=False, allow_blank=True)
    employee_count = serializers.IntegerField(min_value=0, max_value=10_000_000, default=0)
    admin = AdminInputSerializer()


class UnionUpdateInputSerializer(serializers.Serializer):
    # the status changes through .../deactivate/ and .../reactivate/ only; sent here it is
    # a 400 pointing there rather than silently ignored
    status = serializers.ChoiceField(choices=UnionStatus.choices, required=False)
    name = serializers.CharField(max_length=200, required=False)
    kind = serializers.ChoiceField(choices=UnionKind.choices, required=False)
    credit_code = serializers.CharField(max_length=18, required=False, allow_blank=True)
    employee_count = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False)


class UnionListQuery(serializers.Serializer):
    """The list's filters; a NUL byte or an unknown choice is a 400 naming the parameter."""

    kind = serializers.ChoiceField(
        choices=UnionKind.values, required=False, allow_blank=True, default=""
    )
    status = serializers.ChoiceField(
        choices=UnionStatus.values, required=False, allow_blank=True, default=""
    )
    search = serializers.CharField(
        required=False, allow_blank=True, max_length=100, default="", trim_whitespace=True
    )


class UnionListCreateApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", enum=UnionKind.values),
            OpenApiParameter("status", enum=UnionStatus.values),
            OpenApiParameter("search", str),
        ],
        responses=UnionOutputSerializer(many=True),
    )
    def get(self, request):
        query = UnionListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        qs = selectors.union_list(**query.validated_data)
        return page(request, self, qs, UnionOutputSerializer)

    @extend_schema(request=UnionCreateInputSerializer, responses={201: UnionOutputSerializer})
    def post(self, request):
        data = UnionCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        union = services.union_create(
            slug=v["slug"],
            name=v["name"],
            kind=v["kind"],
            credit_code=v.get("credit_code", ""),
            employee_count=v["employee_count"],
            admin_username=v["admin"]["username"],
            admin_password=v["admin"]["password"],
            admin_name=v["admin"].get("name", ""),
            actor=request.user,
        )
        return Response(UnionOutputSerializer(union).data, status=status.HTTP_201_CREATED)


class UnionDetailApi(APIView):
    permission_classes = [federation_roles(read=READERS)]

    @extend_schema(responses=UnionOutputSerializer)
    def get(self, request, slug):
        union = get_object_or_404(selectors.union_list(), slug=slug)
        return Response(UnionOutputSerializer(union).data)

    @extend_schema(request=UnionUpdateInputSerializer, responses=UnionOutputSerializer)
    def patch(self, request, slug):
        union = get_object_or_404(selectors.unions_all(), slug=slug)
        data = UnionUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        wanted = changes.pop("status", None)
        if wanted is not None and wanted != union.status:
            return Response(
                {
                    "status": [
                        f"Use POST /api/v1/unions/{union.slug}/{STATUS_DOORS.get(wanted, 'deactivate')}/."
                    ]
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        union = services.union_update(union=union, actor=request.user, **changes)
        return Response(UnionOutputSerializer(union).data)


STATUS_DOORS = {UnionStatus.ACTIVE: "reactivate", UnionStatus.INACTIVE: "deactivate"}


class UnionDeactivateInputSerializer(serializers.Serializer):
    members = serializers.ChoiceField(choices=["retain", "release"], default="retain")
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class UnionDeactivateApi(APIView):
    """Stop serving a union. ``members``: ``retain`` (default) keeps its members' rows of
    the federation index, ``release`` frees them (``reason`` required)."""

    permission_classes = [federation_roles()]

    @extend_schema(request=UnionDeactivateInputSerializer, responses=UnionOutputSerializer)
    def post(self, request, slug):
        union = get_object_or_404(selectors.unions_all(), slug=slug)
        data = UnionDeactivateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        union = services.union_deactivate(union=union, actor=request.user, **data.validated_data)
        return Response(UnionOutputSerializer(union).data)


class UnionReactivateApi(APIView):
    """Serve a deactivated union again (audited); released index rows come back where
    nobody else admitted the person meanwhile."""

    permission_classes = [federation_roles()]

    class UnionReactivateInputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    InputSerializer = UnionReactivateInputSerializer

    @extend_schema(
        request=UnionReactivateInputSerializer,
        responses=inline_serializer(
            "UnionReactivateOut",
            {
                "union": UnionOutputSerializer(),
                "reclaimed": serializers.IntegerField(),
                "clashes": serializers.IntegerField(),
            },
        ),
    )
    def post(self, request, slug):
        union = get_object_or_404(selectors.unions_all(), slug=slug)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.union_reactivate(union=union, actor=request.user, **data.validated_data)
        union.refresh_from_db()
        return Response({"union": UnionOutputSerializer(union).data, **result})


class UnionIndexReleaseApi(APIView):
    """Release one person's row of the member index held by a union that no longer serves."""

    permission_classes = [federation_roles(FED_DUES)]

    class UnionIndexReleaseInputSerializer(serializers.Serializer):
        id_number = serializers.CharField(max_length=18, min_length=15)
        reason = serializers.CharField(max_length=300)

    InputSerializer = UnionIndexReleaseInputSerializer

    @extend_schema(
        request=UnionIndexReleaseInputSerializer,
        responses=inline_serializer("IndexReleaseOut", {"released": serializers.IntegerField()}),
    )
    def post(self, request, slug):
        union = get_object_or_404(selectors.unions_all(), slug=slug)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        released = services.member_index_release_one(
            union=union, actor=request.user, **data.validated_data
        )
        return Response({"released": released})
