"""/api/v1/users/: the accounts of this host, managed by its top role (federation admin on
the federation host, the chair on a union host)."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts import selectors, services
from federation.platform.accounts.permissions import roles
from federation.platform.accounts.roles import FEDERATION_ROLES, UNION_ROLES
from federation.platform.api import page


def _role_names() -> list[str]:
    return list(FEDERATION_ROLES) + [r for r in UNION_ROLES if r not in FEDERATION_ROLES]


class UserOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField()
    email = serializers.CharField()
    is_active = serializers.BooleanField()
    last_login = api_fields.DateTimeField(allow_null=True)
    roles = serializers.SerializerMethodField()

    def get_roles(self, obj) -> list[str]:
        return sorted(g.name for g in obj.groups.all())


class UserCreateInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=_role_names()), max_length=12
    )


class UserUpdateInputSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)
    password = serializers.CharField(max_length=128, required=False, trim_whitespace=False)
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=_role_names()), max_length=12, required=False
    )


class UserListCreateApi(APIView):
    permission_classes = [roles()]

    @extend_schema(responses=UserOutputSerializer(many=True))
    def get(self, request):
        qs = selectors.users_list(
            search=request.query_params.get("search", "")[:100],
            role=request.query_params.get("role", "")[:40],
        )
        return page(request, self, qs, UserOutputSerializer)

    @extend_schema(request=UserCreateInputSerializer, responses={201: UserOutputSerializer})
    def post(self, request):
        data = UserCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_register(actor=request.user, **data.validated_data)
        return Response(UserOutputSerializer(user).data, status=status.HTTP_201_CREATED)


class UserDetailApi(APIView):
    permission_classes = [roles()]

    @extend_schema(responses=UserOutputSerializer)
    def get(self, request, pk: int):
        return Response(UserOutputSerializer(get_object_or_404(selectors.users_list(), pk=pk)).data)

    @extend_schema(request=UserUpdateInputSerializer, responses=UserOutputSerializer)
    def patch(self, request, pk: int):
        user = get_object_or_404(get_user_model().objects.all(), pk=pk)
        data = UserUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = services.user_change(actor=request.user, user=user, **data.validated_data)
        return Response(UserOutputSerializer(selectors.users_list().get(pk=user.pk)).data)
