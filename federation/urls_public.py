"""URLs of the federation host (public schema)."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from federation.dashboard.api import DashboardApi
from federation.dues.urls import api_federation as dues_api
from federation.urls_common import common_api, common_pages
from tenants.api import UnionDeactivateApi, UnionDetailApi, UnionListCreateApi
from workplaces.members.api_urls import federation_api as members_api
from workplaces.members.views import FederationTransfersView

api_v1 = [
    path("api/v1/unions/", UnionListCreateApi.as_view(), name="api-unions"),
    path("api/v1/unions/<slug:slug>/", UnionDetailApi.as_view(), name="api-union"),
    path(
        "api/v1/unions/<slug:slug>/deactivate/",
        UnionDeactivateApi.as_view(),
        name="api-union-deactivate",
    ),
]

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dashboard:home", permanent=False), name="home"),
    path("dashboard/", include("federation.dashboard.urls")),
    path("api/v1/dashboard/", DashboardApi.as_view(), name="api-dashboard"),
    path("unions/", include("tenants.urls")),
    path("dues/", include("federation.dues.urls")),
    path("homes/", include("federation.homes.urls_federation")),
    path("", include("federation.homes.urls_api_federation")),
    path("reports/", include("federation.reports.urls")),
    path("", include("federation.reports.urls_api")),
    path("member-transfers/", FederationTransfersView.as_view(), name="member-transfers"),
    path("admin/", admin.site.urls),
    *common_pages,
    *common_api,
    *api_v1,
    *members_api,
    *dues_api,
]
