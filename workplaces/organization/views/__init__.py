"""Organization pages (union host) and the township's terms and election approvals
(federation host), split by concern; urls.py imports the views from here."""

from workplaces.organization.views.elections import elections_page
from workplaces.organization.views.federation import federation_elections, federation_terms
from workplaces.organization.views.plans import openness_page, plan_detail, plans_page
from workplaces.organization.views.terms import home, my_group, term_detail, term_new

__all__ = [
    "elections_page",
    "federation_elections",
    "federation_terms",
    "openness_page",
    "plan_detail",
    "plans_page",
    "home",
    "my_group",
    "term_detail",
    "term_new",
]
