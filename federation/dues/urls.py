"""Dues routes: ``federation_urlpatterns`` (pages in namespace ``dues`` + API) and
``union_urlpatterns`` (pages in namespace ``union_dues`` + API)."""

from django.urls import include, path

from federation.dues import api, views

federation_pages = [
    path("", views.BoardView.as_view(), name="board"),
    path("cycle/", views.CycleView.as_view(), name="cycle"),
    path("export.xlsx", views.ExportView.as_view(), name="export"),
    path("notices/<int:pk>/", views.NoticeView.as_view(), name="notice"),
    path("notices/<int:pk>/notice.pdf", views.NoticePdfView.as_view(), name="notice_pdf"),
    path("unions/<slug:slug>/", views.UnionDuesView.as_view(), name="union"),
    path("unions/<slug:slug>/arrears.pdf", views.ArrearsPdfView.as_view(), name="arrears"),
    path("statements/", views.StatementUploadView.as_view(), name="statements"),
    path("statements/<int:pk>/", views.StatementView.as_view(), name="statement"),
    path("remittance/", views.RemittanceView.as_view(), name="remittance"),
    path("policy/", views.PolicyView.as_view(), name="policy"),
    path("targets/", views.TargetsView.as_view(), name="targets"),
]

union_pages = [
    path("", views.dues_page, name="page"),
    path("notices/<int:pk>.pdf", views.notice_pdf, name="notice_pdf"),
]

api_federation = [
    path("api/v1/dues/policy/", api.PolicyApi.as_view(), name="api-dues-policy"),
    path("api/v1/dues/policies/", api.PolicyHistoryApi.as_view(), name="api-dues-policies"),
    path(
        "api/v1/dues/declarations/", api.DeclarationListApi.as_view(), name="api-dues-declarations"
    ),
    path("api/v1/dues/cycles/", api.CycleApi.as_view(), name="api-dues-cycles"),
    path("api/v1/dues/notices/", api.NoticeListApi.as_view(), name="api-dues-notices"),
    path("api/v1/dues/notices/<int:pk>/", api.NoticeDetailApi.as_view(), name="api-dues-notice"),
    path(
        "api/v1/dues/notices/<int:pk>/payments/",
        api.PaymentCreateApi.as_view(),
        name="api-dues-payments",
    ),
    path("api/v1/dues/summary/", api.SummaryApi.as_view(), name="api-dues-summary"),
    path("api/v1/dues/remittance/", api.RemittanceApi.as_view(), name="api-dues-remittance"),
    path("api/v1/dues/statements/", api.StatementImportApi.as_view(), name="api-dues-statements"),
    path(
        "api/v1/dues/statements/<int:pk>/apply/",
        api.StatementApplyApi.as_view(),
        name="api-dues-statement-apply",
    ),
    path("api/v1/dues/targets/", api.TargetListApi.as_view(), name="api-dues-targets"),
    path(
        "api/v1/dues/targets/<int:pk>/declarations/",
        api.TargetDeclarationApi.as_view(),
        name="api-dues-target-declarations",
    ),
    path(
        "api/v1/dues/unions/<slug:slug>/settings/",
        api.UnionSettingsApi.as_view(),
        name="api-dues-union-settings",
    ),
    path(
        "api/v1/dues/unions/<slug:slug>/arrears.pdf",
        api.ArrearsPdfApi.as_view(),
        name="api-dues-arrears",
    ),
]

api_union = [
    path(
        "api/v1/dues/declarations/",
        api.UnionDeclarationsApi.as_view(),
        name="api-dues-declarations",
    ),
    path(
        "api/v1/dues/declarations/<int:pk>/",
        api.UnionDeclarationDetailApi.as_view(),
        name="api-dues-declaration",
    ),
    path("api/v1/dues/notices/", api.UnionNoticeListApi.as_view(), name="api-dues-notices"),
    path(
        "api/v1/dues/notices/<int:pk>/", api.UnionNoticeDetailApi.as_view(), name="api-dues-notice"
    ),
]

federation_urlpatterns = [
    path("dues/", include((federation_pages, "dues"))),
    *api_federation,
]

union_urlpatterns = [
    path("dues/", include((union_pages, "union_dues"))),
    *api_union,
]
