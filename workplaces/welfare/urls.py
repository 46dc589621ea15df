"""Welfare routes: ``union_urlpatterns`` (pages in namespace ``welfare`` + API) and
``federation_urlpatterns`` (overview pages in namespace ``welfare_federation`` + API)."""

from django.urls import include, path

from workplaces.welfare.api import visits

union_api = [
    path("api/v1/welfare/visits/", visits.VisitListCreateApi.as_view(), name="api-welfare-visits"),
]

federation_api: list = []
union_pages: list = []
federation_pages: list = []

union_urlpatterns = [
    path("welfare/", include((union_pages, "welfare"))),
    *union_api,
]

federation_urlpatterns = [
    path("welfare/", include((federation_pages, "welfare_federation"))),
    *federation_api,
]
