"""Organization routes: ``union_urlpatterns`` (pages in namespace ``organization`` + API)
and ``federation_urlpatterns`` (pages in namespace ``fed_organization`` + API)."""

from django.urls import include, path

from workplaces.organization import api, views

union_pages = [
    path("", views.home, name="home"),
    path("terms/new/", views.term_new, name="term_new"),
    path("terms/<int:pk>/", views.term_detail, name="term"),
    path("elections/", views.elections_page, name="elections"),
    path("plans/", views.plans_page, name="plans"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("openness/", views.openness_page, name="openness"),
    path("group/", views.my_group, name="group"),
]

federation_pages = [
    path("", views.federation_terms, name="terms"),
    path("elections/", views.federation_elections, name="elections"),
]

api_union = [
    path("api/v1/organization/terms/", api.UnionTermsApi.as_view(), name="api-org-terms"),
    path(
        "api/v1/organization/terms/current/",
        api.UnionTermCurrentApi.as_view(),
        name="api-org-term-current",
    ),
    path(
        "api/v1/organization/terms/<int:pk>/", api.UnionTermDetailApi.as_view(), name="api-org-term"
    ),
    path(
        "api/v1/organization/elections/applications/",
        api.UnionApplicationsApi.as_view(),
        name="api-org-applications",
    ),
    path(
        "api/v1/organization/elections/results/",
        api.UnionResultsApi.as_view(),
        name="api-org-results",
    ),
    path("api/v1/organization/plans/", api.PlansApi.as_view(), name="api-org-plans"),
    path(
        "api/v1/organization/plans/<int:pk>/items/",
        api.PlanItemsApi.as_view(),
        name="api-org-plan-items",
    ),
    path(
        "api/v1/organization/plans/<int:pk>/summary/",
        api.PlanSummaryApi.as_view(),
        name="api-org-plan-summary",
    ),
    path(
        "api/v1/organization/plan-items/<int:pk>/",
        api.PlanItemProgressApi.as_view(),
        name="api-org-plan-item",
    ),
    path("api/v1/organization/openness/", api.OpennessApi.as_view(), name="api-org-openness"),
]

api_federation = [
    path("api/v1/organization/terms/", api.FederationTermsApi.as_view(), name="api-org-terms"),
    path(
        "api/v1/organization/elections/applications/",
        api.FederationApplicationsApi.as_view(),
        name="api-org-applications",
    ),
    path(
        "api/v1/organization/elections/applications/<int:pk>/approve/",
        api.FederationApplicationDecideApi.as_view(),
        name="api-org-application-approve",
    ),
    path(
        "api/v1/organization/elections/applications/<int:pk>/return/",
        api.FederationApplicationReturnApi.as_view(),
        name="api-org-application-return",
    ),
    path(
        "api/v1/organization/elections/results/",
        api.FederationResultsApi.as_view(),
        name="api-org-results",
    ),
    path(
        "api/v1/organization/elections/results/<int:pk>/approve/",
        api.FederationResultDecideApi.as_view(),
        name="api-org-result-approve",
    ),
    path(
        "api/v1/organization/elections/results/<int:pk>/return/",
        api.FederationResultReturnApi.as_view(),
        name="api-org-result-return",
    ),
]

union_urlpatterns = [
    path("organization/", include((union_pages, "organization"))),
    *api_union,
]

federation_urlpatterns = [
    path("organization/", include((federation_pages, "fed_organization"))),
    *api_federation,
]
