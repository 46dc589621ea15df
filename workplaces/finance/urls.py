"""Finance routes: ``union_urlpatterns`` (pages in namespace ``finance`` + API) and
``federation_urlpatterns`` (union spending across the township, namespace ``fed_finance``)."""

from django.urls import include, path

from workplaces.finance import (
    api,
    api_import,
    api_more,
    pages,
    pages_import,
    pages_more,
    views_federation,
)

union_pages = [
    path("", pages.books, name="books"),
    path("entries/new/", pages.entry_create, name="entry-create"),
    path("entries/<int:pk>/", pages.entry_detail, name="entry"),
    path("entries/<int:pk>/<str:action>/", pages.entry_action, name="entry-action"),
    path("attachments/<int:pk>/", pages.attachment_file, name="attachment"),
    path("report/", pages.report, name="report"),
    path("budget/", pages.budget, name="budget"),
    path("returns/sync/", pages.returns_sync, name="returns-sync"),
    path("audit/", pages_more.audit_page, name="audit"),
    path("audit/findings/<int:pk>/close/", pages_more.finding_close, name="finding-close"),
    path("member-dues/", pages_more.dues_page, name="dues"),
    path("member-dues/import/", pages_import.dues_import_page, name="dues-import"),
    path(
        "member-dues/import/template.xlsx",
        pages_import.dues_import_template,
        name="dues-import-template",
    ),
]

union_api = [
    path("api/v1/finance/budgets/", api.BudgetApi.as_view(), name="api-finance-budgets"),
    path("api/v1/finance/entries/", api.EntryListApi.as_view(), name="api-finance-entries"),
    path(
        "api/v1/finance/entries/<int:pk>/", api.EntryDetailApi.as_view(), name="api-finance-entry"
    ),
    path(
        "api/v1/finance/entries/<int:pk>/approve/",
        api.EntryApproveApi.as_view(),
        name="api-finance-entry-approve",
    ),
    path(
        "api/v1/finance/entries/<int:pk>/reject/",
        api.EntryRejectApi.as_view(),
        name="api-finance-entry-reject",
    ),
    path(
        "api/v1/finance/entries/<int:pk>/reverse/",
        api.EntryReverseApi.as_view(),
        name="api-finance-entry-reverse",
    ),
    path(
        "api/v1/finance/entries/<int:pk>/attachments/",
        api.AttachmentApi.as_view(),
        name="api-finance-attachments",
    ),
    path(
        "api/v1/finance/attachments/<int:pk>/",
        api.AttachmentFileApi.as_view(),
        name="api-finance-attachment",
    ),
    path("api/v1/finance/report/", api.ReportApi.as_view(), name="api-finance-report"),
    path("api/v1/finance/execution/", api.ExecutionApi.as_view(), name="api-finance-execution"),
    path("api/v1/finance/returns/sync/", api.ReturnsSyncApi.as_view(), name="api-finance-returns"),
    path("api/v1/finance/final-accounts/", api.FinalAccountApi.as_view(), name="api-finance-final"),
    *api_more.union_api,
    *api_import.union_api,
]

federation_pages = [
    path("", views_federation.overview, name="overview"),
]

union_urlpatterns = [
    path("finance/", include((union_pages, "finance"))),
    *union_api,
]

federation_urlpatterns = [
    path("finance/", include((federation_pages, "fed_finance"))),
    path(
        "api/v1/finance/overview/",
        views_federation.OverviewApi.as_view(),
        name="api-finance-overview",
    ),
]
