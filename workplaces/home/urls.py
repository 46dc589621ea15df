"""The union's home page and profile/notices API (union host only)."""

from django.urls import path

from workplaces.home import api, views

union_urlpatterns = [
    path("", views.home, name="home"),
    path("api/v1/union/", api.UnionProfileApi.as_view(), name="api-union-profile"),
    path(
        "api/v1/union/employee-counts/",
        api.EmployeeCountListApi.as_view(),
        name="api-union-employee-counts",
    ),
    path("api/v1/notices/", api.NoticeListApi.as_view(), name="api-notices"),
    path("api/v1/notices/<int:pk>/", api.NoticeDetailApi.as_view(), name="api-notice"),
    path("api/v1/notices/<int:pk>/read/", api.NoticeReadApi.as_view(), name="api-notice-read"),
]

federation_urlpatterns: list = []
