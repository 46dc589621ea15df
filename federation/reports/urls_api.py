"""Federation host: /api/v1/reports/ and /api/v1/news/ (included at the root)."""

from django.urls import path

from federation.reports import api

urlpatterns = [
    path("api/v1/reports/sources/", api.SourceListApi.as_view(), name="api-reports-sources"),
    path("api/v1/reports/forms/", api.FormListCreateApi.as_view(), name="api-reports-forms"),
    path("api/v1/reports/forms/<int:pk>/", api.FormDetailApi.as_view(), name="api-reports-form"),
    path("api/v1/reports/cycles/", api.CycleListCreateApi.as_view(), name="api-reports-cycles"),
    path("api/v1/reports/cycles/<int:pk>/", api.CycleDetailApi.as_view(), name="api-reports-cycle"),
    path(
        "api/v1/reports/cycles/<int:pk>/unions/",
        api.CycleUnionsApi.as_view(),
        name="api-reports-cycle-unions",
    ),
    path(
        "api/v1/reports/cycles/<int:pk>/close/",
        api.CycleCloseApi.as_view(),
        name="api-reports-cycle-close",
    ),
    path(
        "api/v1/reports/cycles/<int:pk>/status/",
        api.CycleStatusApi.as_view(),
        name="api-reports-cycle-status",
    ),
    path(
        "api/v1/reports/cycles/<int:pk>/aggregate/",
        api.CycleAggregateApi.as_view(),
        name="api-reports-cycle-aggregate",
    ),
    path(
        "api/v1/reports/cycles/<int:pk>/export/",
        api.CycleExportApi.as_view(),
        name="api-reports-cycle-export",
    ),
    path(
        "api/v1/reports/submissions/<int:pk>/",
        api.SubmissionDetailApi.as_view(),
        name="api-reports-submission",
    ),
    path(
        "api/v1/reports/submissions/<int:pk>/accept/",
        api.SubmissionAcceptApi.as_view(),
        name="api-reports-submission-accept",
    ),
    path(
        "api/v1/reports/submissions/<int:pk>/return/",
        api.SubmissionReturnApi.as_view(),
        name="api-reports-submission-return",
    ),
    path("api/v1/news/", api.NewsListApi.as_view(), name="api-news"),
    path("api/v1/news/channels/", api.NewsChannelApi.as_view(), name="api-news-channels"),
    path("api/v1/news/ranking/", api.NewsRankingApi.as_view(), name="api-news-ranking"),
    path("api/v1/news/<int:pk>/", api.NewsDetailApi.as_view(), name="api-news-item"),
    path("api/v1/news/<int:pk>/review/", api.NewsReviewApi.as_view(), name="api-news-review"),
    path("api/v1/news/<int:pk>/adoptions/", api.NewsAdoptApi.as_view(), name="api-news-adopt"),
    path(
        "api/v1/news/<int:pk>/photos/<int:photo>/",
        api.NewsPhotoApi.as_view(),
        name="api-news-photo",
    ),
]
