"""Members routes: ``union_urlpatterns`` (pages in namespace ``members`` + API) and
``federation_urlpatterns`` (the federation's transfer overview + API)."""

from django.urls import include, path

from workplaces.members import api, views

union_pages = [
    path("", views.member_list, name="list"),
    path("new/", views.member_create, name="create"),
    path("export/<str:fmt>/", views.member_export, name="export"),
    path("export/<str:fmt>/start/", views.member_export_start, name="export-start"),
    path("export/jobs/<int:pk>/", views.member_export_job, name="export-job"),
    path("export/jobs/<int:pk>/download/", views.member_export_download, name="export-download"),
    path("roster/", views.member_roster, name="roster"),
    path("me/", views.my_membership, name="me"),
    path("groups/", views.group_list, name="groups"),
    path("applications/", views.application_list, name="applications"),
    path(
        "applications/<int:pk>/<str:action>/", views.application_decide, name="application-decide"
    ),
    path("import/", views.import_page, name="import"),
    path("import/template.xlsx", views.import_template, name="import-template"),
    path("import/<int:pk>/", views.import_job, name="import-job"),
    path("transfers/", views.transfer_list, name="transfers"),
    path("transfers/<int:pk>/<str:action>/", views.transfer_decide, name="transfer-decide"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/leave/", views.member_leave, name="leave"),
    path("<int:pk>/reinstate/", views.member_reinstate, name="reinstate"),
    path("<int:pk>/transfer/", views.member_transfer, name="transfer"),
    path("<int:pk>/reveal/", views.member_reveal, name="reveal"),
    path("<int:pk>/registration.pdf", views.member_registration_pdf, name="registration"),
]

union_api = [
    path("api/v1/members/", api.MemberListCreateApi.as_view(), name="api-members"),
    path("api/v1/members/export/", api.MemberExportApi.as_view(), name="api-members-export"),
    path("api/v1/members/import/", api.MemberImportApi.as_view(), name="api-members-import"),
    path(
        "api/v1/members/import/template/",
        api.MemberImportTemplateApi.as_view(),
        name="api-members-import-template",
    ),
    path(
        "api/v1/members/import/jobs/<int:pk>/",
        api.MemberImportJobApi.as_view(),
        name="api-members-import-job",
    ),
    path("api/v1/members/me/", api.MyMembershipApi.as_view(), name="api-members-me"),
    path("api/v1/members/dues/", api.DuesSummaryApi.as_view(), name="api-members-dues"),
    path("api/v1/members/<int:pk>/", api.MemberDetailApi.as_view(), name="api-member"),
    path("api/v1/members/<int:pk>/leave/", api.MemberLeaveApi.as_view(), name="api-member-leave"),
    path(
        "api/v1/members/<int:pk>/reveal/", api.MemberRevealApi.as_view(), name="api-member-reveal"
    ),
    path(
        "api/v1/members/<int:pk>/registration.pdf",
        api.MemberRegistrationPdfApi.as_view(),
        name="api-member-registration",
    ),
    path(
        "api/v1/members/<int:pk>/transfer/",
        api.MemberTransferApi.as_view(),
        name="api-member-transfer",
    ),
    path("api/v1/groups/", api.GroupListCreateApi.as_view(), name="api-groups"),
    path("api/v1/groups/<int:pk>/", api.GroupDetailApi.as_view(), name="api-group"),
    path("api/v1/applications/", api.ApplicationListCreateApi.as_view(), name="api-applications"),
    path(
        "api/v1/applications/<int:pk>/approve/",
        api.ApplicationApproveApi.as_view(),
        name="api-application-approve",
    ),
    path(
        "api/v1/applications/<int:pk>/reject/",
        api.ApplicationRejectApi.as_view(),
        name="api-application-reject",
    ),
    path("api/v1/transfers/", api.TransferListApi.as_view(), name="api-transfers"),
    path(
        "api/v1/transfers/<int:pk>/accept/",
        api.TransferAcceptApi.as_view(),
        name="api-transfer-accept",
    ),
    path(
        "api/v1/transfers/<int:pk>/reject/",
        api.TransferRejectApi.as_view(),
        name="api-transfer-reject",
    ),
    path(
        "api/v1/transfers/<int:pk>/cancel/",
        api.TransferCancelApi.as_view(),
        name="api-transfer-cancel",
    ),
]

federation_api = [
    path(
        "api/v1/transfers/",
        api.FederationTransferListApi.as_view(),
        name="api-federation-transfers",
    ),
]


federation_urlpatterns = [
    path("member-transfers/", views.FederationTransfersView.as_view(), name="member-transfers"),
    *federation_api,
]

union_urlpatterns = [
    path("members/", include((union_pages, "members"))),
    *union_api,
]
