"""URLs of a union host (<slug>.BASE_DOMAIN), served inside the union's schema."""

from django.contrib import admin
from django.urls import include, path

from federation.dues.urls import api_union as dues_api
from federation.dues.urls import union_pages as dues_pages
from federation.urls_common import common_api, common_pages
from workplaces.home import api as home_api
from workplaces.home import views as home_views
from workplaces.members.api_urls import union_api as members_api

api_v1 = [
    path("api/v1/union/", home_api.UnionProfileApi.as_view(), name="api-union-profile"),
    path("api/v1/notices/", home_api.NoticeListApi.as_view(), name="api-notices"),
    path("api/v1/notices/<int:pk>/", home_api.NoticeDetailApi.as_view(), name="api-notice"),
    path("api/v1/notices/<int:pk>/read/", home_api.NoticeReadApi.as_view(), name="api-notice-read"),
]

urlpatterns = [
    path("", home_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("members/", include("workplaces.members.urls")),
    path("dues/", include(dues_pages)),
    path("homes/", include("federation.homes.urls_union")),
    path("", include("federation.homes.urls_api_union")),
    path("reports/", include("federation.reports.urls_union")),
    path("", include("federation.reports.urls_union_api")),
    *common_pages,
    *common_api,
    *api_v1,
    *members_api,
    *dues_api,
]
