"""Rights routes: ``union_urlpatterns`` (pages in namespace ``rights`` + API) and
``federation_urlpatterns`` (coverage pages in namespace ``rights_federation`` + API)."""

from django.urls import include, path

from workplaces.rights.api import contracts, federation, mediation

union_api = [
    path(
        "api/v1/rights/contracts/",
        contracts.ContractListCreateApi.as_view(),
        name="api-rights-contracts",
    ),
    path(
        "api/v1/rights/contracts/<int:pk>/",
        contracts.ContractDetailApi.as_view(),
        name="api-rights-contract",
    ),
    path(
        "api/v1/rights/contracts/<int:pk>/sign/",
        contracts.ContractSignApi.as_view(),
        name="api-rights-contract-sign",
    ),
    path(
        "api/v1/rights/contracts/<int:pk>/file/",
        contracts.ContractFileApi.as_view(),
        name="api-rights-contract-file",
    ),
    path(
        "api/v1/rights/contracts/<int:pk>/objection/",
        contracts.ContractObjectionApi.as_view(),
        name="api-rights-contract-objection",
    ),
    path(
        "api/v1/rights/contracts/<int:pk>/rounds/",
        contracts.ContractRoundApi.as_view(),
        name="api-rights-contract-rounds",
    ),
    path(
        "api/v1/rights/contracts/<int:pk>/text/",
        contracts.ContractTextApi.as_view(),
        name="api-rights-contract-text",
    ),
    path(
        "api/v1/rights/mediations/",
        mediation.MediationListCreateApi.as_view(),
        name="api-rights-mediations",
    ),
    path(
        "api/v1/rights/mediations/<int:pk>/",
        mediation.MediationDetailApi.as_view(),
        name="api-rights-mediation",
    ),
    path(
        "api/v1/rights/mediations/<int:pk>/close/",
        mediation.MediationCloseApi.as_view(),
        name="api-rights-mediation-close",
    ),
    path(
        "api/v1/rights/mediation-committee/",
        mediation.CommitteeApi.as_view(),
        name="api-rights-committee",
    ),
    path(
        "api/v1/rights/legal-aid/",
        mediation.LegalAidListCreateApi.as_view(),
        name="api-rights-legal-aid",
    ),
    path(
        "api/v1/rights/legal-aid/<int:pk>/refer/",
        mediation.LegalAidReferApi.as_view(),
        name="api-rights-legal-aid-refer",
    ),
    path(
        "api/v1/rights/legal-aid/<int:pk>/close/",
        mediation.LegalAidCloseApi.as_view(),
        name="api-rights-legal-aid-close",
    ),
]

federation_api = [
    path(
        "api/v1/rights/contracts/coverage/",
        federation.CoverageApi.as_view(),
        name="api-rights-coverage",
    ),
    path(
        "api/v1/rights/mediations/overdue/",
        federation.MediationOverdueApi.as_view(),
        name="api-rights-mediation-overdue",
    ),
]

union_pages: list = []
federation_pages: list = []

union_urlpatterns = [
    path("rights/", include((union_pages, "rights"))),
    *union_api,
]

federation_urlpatterns = [
    path("rights/", include((federation_pages, "rights_federation"))),
    *federation_api,
]
