"""/api/v1/organization/... (API.md "Committee and terms"), split by concern: terms
(``terms``), election steps at the union (``elections``), work plans and openness
(``plans``) on a union host; the township's terms and the election approvals on the
federation host (``federation``). Doors only; urls.py and the pages import from here."""

from workplaces.organization.api.common import MANAGERS
from workplaces.organization.api.elections import UnionApplicationsApi, UnionResultsApi
from workplaces.organization.api.federation import (
    FederationApplicationDecideApi,
    FederationApplicationReturnApi,
    FederationApplicationsApi,
    FederationResultDecideApi,
    FederationResultReturnApi,
    FederationResultsApi,
    FederationTermsApi,
)
from workplaces.organization.api.plans import (
    OpennessApi,
    PlanItemProgressApi,
    PlanItemsApi,
    PlansApi,
    PlanSummaryApi,
)
from workplaces.organization.api.terms import UnionTermCurrentApi, UnionTermDetailApi, UnionTermsApi

__all__ = [
    "MANAGERS",
    "UnionApplicationsApi",
    "UnionResultsApi",
    "FederationApplicationDecideApi",
    "FederationApplicationReturnApi",
    "FederationApplicationsApi",
    "FederationResultDecideApi",
    "FederationResultReturnApi",
    "FederationResultsApi",
    "FederationTermsApi",
    "OpennessApi",
    "PlanItemProgressApi",
    "PlanItemsApi",
    "PlanSummaryApi",
    "PlansApi",
    "UnionTermCurrentApi",
    "UnionTermDetailApi",
    "UnionTermsApi",
]
