"""Token login, valid only on the host (schema) that issued it."""

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform.accounts import services
from tenants.context import on_federation_side


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


class TokenLoginThrottled(exceptions.Throttled):
    default_detail = "Too many failed logins. Try again later."


class TokenCreateApi(APIView):
    """POST {"username", "password"} -> {"token"}. Repeated failures -> 429."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=256, trim_whitespace=False)

    @extend_schema(
        request=InputSerializer,
        responses=inline_serializer("TokenOut", {"token": serializers.CharField()}),
        auth=[],
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        username = data.validated_data["username"]
        address = client_address(request)
        if services.login_blocked(username=username, address=address):
            raise TokenLoginThrottled(wait=None)
        user = authenticate(request, username=username, password=data.validated_data["password"])
        if user is None or not user.is_active:
            services.login_failed(username=username, address=address)
            return Response(
                {"detail": "Unable to log in with these credentials."},
                status=401,
                headers={"WWW-Authenticate": "Token"},
            )
        services.login_succeeded(username=username, address=address)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class MeApi(APIView):
    """Who am I, on this host."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=inline_serializer(
            "MeOut",
            {
                "username": serializers.CharField(),
                "roles": serializers.ListField(child=serializers.CharField()),
                "side": serializers.CharField(),
            },
        )
    )
    def get(self, request):
        return Response(
            {
                "username": request.user.username,
                "roles": sorted(services.user_roles(request.user)),
                "side": "federation" if on_federation_side() else "union",
            }
        )
