"""Dashboard routes (federation host only): pages in namespace ``dashboard`` + API."""

from django.urls import include, path

from federation.dashboard import api, views

federation_pages = [
    path("", views.DashboardView.as_view(), name="home"),
    path("unions/<slug:slug>/", views.UnionProfileView.as_view(), name="union"),
]

federation_urlpatterns = [
    path("dashboard/", include((federation_pages, "dashboard"))),
    path("api/v1/dashboard/", api.DashboardApi.as_view(), name="api-dashboard"),
]

union_urlpatterns: list = []
