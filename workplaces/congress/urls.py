"""Congress routes: ``union_urlpatterns`` (pages in namespace ``congress`` + API) and
``federation_urlpatterns`` (page in namespace ``fed_congress`` + API)."""

from django.urls import include, path

from workplaces.congress import api, views

union_pages = [
    path("", views.home, name="home"),
    path("delegates/", views.delegates_page, name="delegates"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/minutes.pdf", views.session_minutes, name="session_minutes"),
    path("proposals/", views.proposals_page, name="proposals"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("books/<str:kind>.pdf", views.book, name="book"),
    path("evaluations/", views.evaluations_page, name="evaluations"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
]

federation_pages = [
    path("", views.federation_overview, name="overview"),
]

P = "api/v1/congress/"
api_union = [
    path(f"{P}congresses/", api.CongressesApi.as_view(), name="api-congress-terms"),
    path(f"{P}delegates/", api.DelegatesApi.as_view(), name="api-congress-delegates"),
    path(
        f"{P}delegates/composition/", api.CompositionApi.as_view(), name="api-congress-composition"
    ),
    path(f"{P}sessions/", api.SessionsApi.as_view(), name="api-congress-sessions"),
    path(f"{P}sessions/<int:pk>/", api.SessionDetailApi.as_view(), name="api-congress-session"),
    path(
        f"{P}sessions/<int:pk>/minutes/",
        api.SessionMinutesTextApi.as_view(),
        name="api-congress-session-minutes-text",
    ),
    path(
        f"{P}sessions/<int:pk>/minutes.pdf",
        api.SessionMinutesApi.as_view(),
        name="api-congress-session-minutes",
    ),
    path(
        f"{P}sessions/<int:pk>/attendance/",
        api.AttendanceApi.as_view(),
        name="api-congress-attendance",
    ),
    path(f"{P}sessions/<int:pk>/motions/", api.MotionsApi.as_view(), name="api-congress-motions"),
    path(
        f"{P}sessions/<int:pk>/documents/",
        api.DocumentsApi.as_view(),
        name="api-congress-documents",
    ),
    path(f"{P}proposals/", api.ProposalsApi.as_view(), name="api-congress-proposals"),
    path(f"{P}proposals/<int:pk>/", api.ProposalDetailApi.as_view(), name="api-congress-proposal"),
    path(
        f"{P}proposals/<int:pk>/review/",
        api.ProposalReviewApi.as_view(),
        name="api-congress-review",
    ),
    path(
        f"{P}proposals/<int:pk>/answer/",
        api.ProposalAnswerApi.as_view(),
        name="api-congress-answer",
    ),
    path(f"{P}proposals/<int:pk>/rate/", api.ProposalRateApi.as_view(), name="api-congress-rate"),
    path(f"{P}suggestions/", api.SuggestionsApi.as_view(), name="api-congress-suggestions"),
    path(f"{P}books/proposals.pdf", api.BookApi.as_view(), name="api-congress-proposal-book"),
    path(
        f"{P}books/suggestions.pdf",
        api.SuggestionBookApi.as_view(),
        name="api-congress-suggestion-book",
    ),
    path(f"{P}evaluations/", api.EvaluationsApi.as_view(), name="api-congress-evaluations"),
    path(f"{P}evaluations/<int:pk>/ballots/", api.BallotApi.as_view(), name="api-congress-ballots"),
    path(f"{P}evaluations/<int:pk>/tally/", api.TallyApi.as_view(), name="api-congress-tally"),
    path(
        f"{P}evaluations/<int:pk>/close/",
        api.EvaluationCloseApi.as_view(),
        name="api-congress-close",
    ),
]

api_federation = [
    path(f"{P}overview/", api.OverviewApi.as_view(), name="api-congress-overview"),
]

union_urlpatterns = [
    path("congress/", include((union_pages, "congress"))),
    *api_union,
]

federation_urlpatterns = [
    path("congress/", include((federation_pages, "fed_congress"))),
    *api_federation,
]
