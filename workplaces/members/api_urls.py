from django.urls import path

from workplaces.members import api

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
