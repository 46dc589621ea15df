"""/api/v1/congress/... (API.md "Congress"), split by concern: the congress term,
delegates and sessions (``sessions``), proposals and their books (``proposals``),
democratic evaluation (``evaluations``) on a union host; the township overview on the
federation host (``federation``). Doors only; urls.py and the pages import from here."""

from workplaces.congress.api.common import MANAGERS
from workplaces.congress.api.evaluations import (
    BallotApi,
    EvaluationCloseApi,
    EvaluationsApi,
    TallyApi,
)
from workplaces.congress.api.federation import OverviewApi
from workplaces.congress.api.proposals import (
    BookApi,
    ProposalAnswerApi,
    ProposalDetailApi,
    ProposalRateApi,
    ProposalReviewApi,
    ProposalsApi,
    SuggestionBookApi,
    SuggestionsApi,
)
from workplaces.congress.api.sessions import (
    AttendanceApi,
    CompositionApi,
    CongressesApi,
    DelegatesApi,
    DocumentsApi,
    MotionsApi,
    SessionDetailApi,
    SessionMinutesApi,
    SessionMinutesTextApi,
    SessionsApi,
)

__all__ = [
    "MANAGERS",
    "CongressesApi",
    "DelegatesApi",
    "CompositionApi",
    "SessionsApi",
    "SessionDetailApi",
    "SessionMinutesApi",
    "SessionMinutesTextApi",
    "AttendanceApi",
    "MotionsApi",
    "DocumentsApi",
    "ProposalsApi",
    "SuggestionsApi",
    "ProposalDetailApi",
    "ProposalReviewApi",
    "ProposalAnswerApi",
    "ProposalRateApi",
    "BookApi",
    "SuggestionBookApi",
    "EvaluationsApi",
    "BallotApi",
    "TallyApi",
    "EvaluationCloseApi",
    "OverviewApi",
]
