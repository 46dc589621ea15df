"""Rights routes: ``union_urlpatterns`` (pages in namespace ``rights`` + API) and
``federation_urlpatterns`` (coverage pages in namespace ``rights_federation`` + API)."""

from django.urls import include, path

from workplaces.rights.api import contracts, federation, mediation, women
from workplaces.rights.views import contracts as contract_pages
from workplaces.rights.views import federation as federation_views
from workplaces.rights.views import mediation as mediation_pages
from workplaces.rights.views import women as women_pages

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
    path(
        "api/v1/rights/women/records/",
        women.RecordListCreateApi.as_view(),
        name="api-rights-women-records",
    ),
    path(
        "api/v1/rights/women/records/<int:pk>/",
        women.RecordDetailApi.as_view(),
        name="api-rights-women-record",
    ),
    path(
        "api/v1/rights/women/health-checks/",
        women.HealthCheckApi.as_view(),
        name="api-rights-health-checks",
    ),
    path(
        "api/v1/rights/women/health-checks/<int:year>/",
        women.HealthCheckDetailApi.as_view(),
        name="api-rights-health-check",
    ),
    path(
        "api/v1/rights/women/nominations/",
        women.NominationListCreateApi.as_view(),
        name="api-rights-nominations",
    ),
    path(
        "api/v1/rights/women/nominations/<int:pk>/decide/",
        women.NominationDecideApi.as_view(),
        name="api-rights-nomination-decide",
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

union_pages = [
    path("", contract_pages.contract_list, name="contracts"),
    path("contracts.pdf", contract_pages.contract_ledger_pdf, name="contracts-pdf"),
    path("contracts/<int:pk>/", contract_pages.contract_detail, name="contract"),
    path("contracts/<int:pk>/text/", contract_pages.contract_text, name="contract-text"),
    path(
        "contracts/<int:pk>/<str:action>/",
        contract_pages.contract_action,
        name="contract-action",
    ),
    path("mediation/", mediation_pages.mediation_list, name="mediation"),
    path("mediation/<int:pk>/close/", mediation_pages.mediation_close, name="mediation-close"),
    path("mediation/committee/", mediation_pages.committee_set, name="committee"),
    path("legal-aid/", mediation_pages.legal_aid_list, name="legal-aid"),
    path(
        "legal-aid/<int:pk>/<str:action>/",
        mediation_pages.legal_aid_action,
        name="legal-aid-action",
    ),
    path("women/", women_pages.register, name="women"),
    path("women/<int:pk>/", women_pages.record_detail, name="women-record"),
    path("women/health-checks/", women_pages.health_check, name="health-checks"),
    path(
        "women/health-checks/<int:year>/",
        women_pages.health_check_detail,
        name="health-check",
    ),
    path("women/nominations/", women_pages.nomination, name="nominations"),
    path(
        "women/nominations/<int:pk>/",
        women_pages.nomination_decide,
        name="nomination-decide",
    ),
]
federation_pages = [
    path("coverage/", federation_views.coverage, name="coverage"),
]

union_urlpatterns = [
    path("rights/", include((union_pages, "rights"))),
    *union_api,
]

federation_urlpatterns = [
    path("rights/", include((federation_pages, "rights_federation"))),
    *federation_api,
]
