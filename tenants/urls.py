"""Union registry routes (federation host only): pages in namespace ``unions`` + API."""

from django.urls import include, path

from tenants import api, archive_api, views

federation_pages = [
    path("", views.UnionListView.as_view(), name="list"),
    path("new/", views.UnionCreateView.as_view(), name="create"),
    path("<slug:slug>/", views.UnionDetailView.as_view(), name="detail"),
    path("<slug:slug>/deactivate/", views.UnionDeactivateView.as_view(), name="deactivate"),
    path("<slug:slug>/reactivate/", views.UnionReactivateView.as_view(), name="reactivate"),
]

federation_urlpatterns = [
    path("unions/", include((federation_pages, "unions"))),
    path("api/v1/unions/", api.UnionListCreateApi.as_view(), name="api-unions"),
    path("api/v1/unions/<slug:slug>/", api.UnionDetailApi.as_view(), name="api-union"),
    path(
        "api/v1/unions/<slug:slug>/deactivate/",
        api.UnionDeactivateApi.as_view(),
        name="api-union-deactivate",
    ),
    path(
        "api/v1/unions/<slug:slug>/reactivate/",
        api.UnionReactivateApi.as_view(),
        name="api-union-reactivate",
    ),
    path(
        "api/v1/unions/<slug:slug>/member-index/release/",
        api.UnionIndexReleaseApi.as_view(),
        name="api-union-index-release",
    ),
    path(
        "api/v1/unions/<slug:slug>/archive/",
        archive_api.UnionArchiveApi.as_view(),
        name="api-union-archive",
    ),
]

union_urlpatterns: list = [
    path("api/v1/union/archive/", archive_api.OwnUnionArchiveApi.as_view(), name="api-own-archive"),
]
