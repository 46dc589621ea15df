"""URLs served on both hosts: login, token, OpenAPI schema and docs, language switch."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from federation.platform.accounts.api import (
    LockLiftApi,
    LockListApi,
    LogoutApi,
    MeApi,
    TokenCreateApi,
    TokenListApi,
    TokenRevokeApi,
)
from federation.platform.accounts.users_api import UserDetailApi, UserListCreateApi


class HostSchemaView(SpectacularAPIView):
    """The schema of the host asked: the federation API or the union API."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        self.urlconf = getattr(request, "urlconf", None)
        return super().get(request, *args, **kwargs)


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and the load test's baseline: the app answers, nothing more."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages without an icon link (the admin's): the site's
    icon, not a 404 in every console."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


common_api = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("api/v1/auth/token/", TokenCreateApi.as_view(), name="api-token"),
    path("api/v1/auth/me/", MeApi.as_view(), name="api-me"),
    path("api/v1/auth/logout/", LogoutApi.as_view(), name="api-logout"),
    path("api/v1/auth/tokens/", TokenListApi.as_view(), name="api-tokens"),
    path("api/v1/auth/tokens/<int:pk>/", TokenRevokeApi.as_view(), name="api-token-revoke"),
    path("api/v1/auth/locks/", LockListApi.as_view(), name="api-locks"),
    path("api/v1/auth/locks/<int:pk>/", LockLiftApi.as_view(), name="api-lock-lift"),
    path("api/v1/users/", UserListCreateApi.as_view(), name="api-users"),
    path("api/v1/users/<int:pk>/", UserDetailApi.as_view(), name="api-user"),
    path("api/schema/", HostSchemaView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

common_pages = [
    path("accounts/", include("federation.platform.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

common_urlpatterns = [*common_pages, *common_api]
