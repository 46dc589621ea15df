"""Congress pages (union host) and the township's congress overview (federation host),
split by concern; urls.py imports the views from here."""

from workplaces.congress.views.evaluations import evaluation_detail, evaluations_page
from workplaces.congress.views.federation import federation_overview
from workplaces.congress.views.proposals import book, proposal_detail, proposals_page
from workplaces.congress.views.sessions import (
    delegates_page,
    home,
    session_detail,
    session_minutes,
    session_new,
)

__all__ = [
    "evaluation_detail",
    "evaluations_page",
    "federation_overview",
    "book",
    "proposal_detail",
    "proposals_page",
    "delegates_page",
    "home",
    "session_detail",
    "session_minutes",
    "session_new",
]
