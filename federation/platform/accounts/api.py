"""Token login and the caller's own tokens, valid only on the host (schema) that issued
them; login locks for the top role of the host."""

from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.accounts import locks, services, tokens
from federation.platform.accounts.permissions import roles
from federation.platform.accounts.throttle import authenticate_throttled, lockout_message
from federation.platform.api import page
from tenants.context import on_federation_side


class TokenLoginThrottled(exceptions.Throttled):
    default_detail = "Too many failed logins. Try again later."


ErrorOut = inline_serializer("LoginErrorOut", {"detail": serializers.CharField()})


class TokenCreateApi(APIView):
    """POST {"username", "password"} -> {"token", "expires_at"}. Repeated failures -> 429."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=256, trim_whitespace=False)

    @extend_schema(
        request=InputSerializer,
        responses={
            200: inline_serializer(
                "TokenOut",
                {"token": serializers.CharField(), "expires_at": api_fields.DateTimeField()},
            ),
            401: ErrorOut,
            429: ErrorOut,
        },
        auth=[],
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        http = request._request
        user = authenticate_throttled(
            http,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if getattr(http, "axes_locked_out", False):
            raise TokenLoginThrottled(detail=lockout_message())
        if user is None or not user.is_active:
            return Response(
                {"detail": "Unable to log in with these credentials."},
                status=401,
                headers={"WWW-Authenticate": "Token"},
            )
        # the login signal: last_login, and django-axes forgets this address's failures
        user_logged_in.send(sender=user.__class__, request=http, user=user)
        token, key = tokens.token_issue(
            user=user, label=request.META.get("HTTP_USER_AGENT", "")[:100]
        )
        return Response({"token": key, "expires_at": token.expires_at})


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


class TokenOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    prefix = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    created_at = api_fields.DateTimeField()
    expires_at = api_fields.DateTimeField()
    last_used_at = api_fields.DateTimeField(allow_null=True)
    current = serializers.SerializerMethodField()

    def get_current(self, obj) -> bool:
        auth = self.context.get("auth")
        return bool(auth is not None and getattr(auth, "pk", None) == obj.pk)


class LogoutApi(APIView):
    """End the token used for this request (or, with a session, every token of the user)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        current = request.auth if isinstance(request.auth, tokens.ApiToken) else None
        tokens.tokens_revoke(
            user=request.user,
            reason=tokens.RevokeReason.LOGOUT,
            token_id=current.pk if current else None,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenListApi(APIView):
    """The caller's own live tokens."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=TokenOutputSerializer(many=True))
    def get(self, request):
        live = tokens.tokens_live(user=request.user)
        return page(request, self, live, TokenOutputSerializer, context={"auth": request.auth})


class TokenRevokeApi(APIView):
    """Revoke one of the caller's own tokens; another user's token is a 404."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None, responses={204: None, 404: OpenApiResponse(description="Not yours")}
    )
    def delete(self, request, pk: int):
        token = get_object_or_404(tokens.tokens_live(user=request.user), pk=pk)
        tokens.tokens_revoke(user=request.user, reason=tokens.RevokeReason.OWNER, token_id=token.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LockOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField(allow_null=True)
    ip_address = serializers.CharField(allow_null=True)
    failures = serializers.IntegerField(source="failures_since_start")
    last_attempt_at = api_fields.DateTimeField(source="attempt_time")
    expires_at = api_fields.DateTimeField(source="expiration.expires_at", allow_null=True)
    locked = serializers.SerializerMethodField()

    def get_locked(self, obj) -> bool:
        return locks.lock_is_active(obj)


class LockListApi(APIView):
    """Failed logins that still count on this host (top role: federation admin, chair)."""

    permission_classes = [roles()]

    @extend_schema(responses=LockOutputSerializer(many=True))
    def get(self, request):
        rows = locks.locks_list().select_related("expiration")
        return page(request, self, rows, LockOutputSerializer)


class LockLiftApi(APIView):
    permission_classes = [roles()]

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int):
        locks.lock_lift(actor=request.user, attempt_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
