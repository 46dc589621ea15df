"""Welfare routes: ``union_urlpatterns`` (pages in namespace ``welfare`` + API) and
``federation_urlpatterns`` (overview pages in namespace ``welfare_federation`` + API)."""

from django.urls import include, path

from workplaces.welfare.api import federation, festivals, hardship, visits
from workplaces.welfare.views import federation as federation_views
from workplaces.welfare.views import pages

union_api = [
    path("api/v1/welfare/visits/", visits.VisitListCreateApi.as_view(), name="api-welfare-visits"),
    path(
        "api/v1/welfare/festivals/",
        festivals.FestivalListCreateApi.as_view(),
        name="api-welfare-festivals",
    ),
    path(
        "api/v1/welfare/festivals/<int:pk>/",
        festivals.FestivalDetailApi.as_view(),
        name="api-welfare-festival",
    ),
    path(
        "api/v1/welfare/festivals/<int:pk>/receipts/",
        festivals.ReceiptSignApi.as_view(),
        name="api-welfare-festival-receipts",
    ),
    path(
        "api/v1/welfare/festivals/<int:pk>/receipts/import/",
        festivals.ReceiptImportApi.as_view(),
        name="api-welfare-festival-import",
    ),
    path(
        "api/v1/welfare/hardship/",
        hardship.FileListCreateApi.as_view(),
        name="api-welfare-hardship",
    ),
    path(
        "api/v1/welfare/hardship/<int:pk>/",
        hardship.FileDetailApi.as_view(),
        name="api-welfare-hardship-file",
    ),
    path(
        "api/v1/welfare/hardship/<int:pk>/aid/",
        hardship.FileAidApi.as_view(),
        name="api-welfare-hardship-aid",
    ),
    path(
        "api/v1/welfare/hardship/<int:pk>/close/",
        hardship.FileCloseApi.as_view(),
        name="api-welfare-hardship-close",
    ),
    path(
        "api/v1/welfare/hardship/<int:pk>/review/",
        hardship.FileReviewApi.as_view(),
        name="api-welfare-hardship-review",
    ),
    path(
        "api/v1/welfare/hardship/<int:pk>/notice/",
        hardship.FileNoticeApi.as_view(),
        name="api-welfare-hardship-notice",
    ),
]

federation_api = [
    path(
        "api/v1/welfare/overview/",
        federation.WelfareOverviewApi.as_view(),
        name="api-welfare-overview",
    ),
    path(
        "api/v1/welfare/unions/<slug:slug>/hardship/",
        federation.UnionFilesApi.as_view(),
        name="api-welfare-union-files",
    ),
    path(
        "api/v1/welfare/hardship/open/",
        federation.HardshipOpenApi.as_view(),
        name="api-welfare-hardship-open",
    ),
]

union_pages = [
    path("", pages.visit_list, name="visits"),
    path("festivals/", pages.festival_list, name="festivals"),
    path("festivals/<int:pk>/", pages.festival_detail, name="festival"),
    path("festivals/<int:pk>/receipts.xlsx", pages.festival_export, name="festival-export"),
    path(
        "festivals/<int:pk>/receipts/<str:how>/",
        pages.festival_receipt,
        name="festival-receipt",
    ),
    path("hardship/", pages.hardship_list, name="hardship"),
    path("hardship.pdf", pages.hardship_ledger_pdf, name="hardship-pdf"),
    path("hardship/<int:pk>/", pages.hardship_file, name="hardship-file"),
    path("hardship/<int:pk>/<str:action>/", pages.hardship_action, name="hardship-action"),
]
federation_pages = [
    path("", federation_views.overview, name="overview"),
    path("open/", federation_views.open_file, name="open"),
]

union_urlpatterns = [
    path("welfare/", include((union_pages, "welfare"))),
    *union_api,
]

federation_urlpatterns = [
    path("welfare/", include((federation_pages, "welfare_federation"))),
    *federation_api,
]
