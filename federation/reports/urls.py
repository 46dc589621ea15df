"""Reports routes: ``federation_urlpatterns`` (pages in namespace ``reports`` + API) and
``union_urlpatterns`` (pages in namespace ``union_reports`` + API)."""

from django.urls import include, path

from federation.reports import api, views, views_news, views_union

federation_pages = [
    path("", views.CyclesView.as_view(), name="cycles"),
    path("forms/", views.FormsView.as_view(), name="forms"),
    path("forms/new/", views.FormBuilderView.as_view(), name="form-new"),
    path("forms/<int:pk>/", views.FormBuilderView.as_view(), name="form"),
    path("cycles/<int:pk>/", views.CycleView.as_view(), name="cycle"),
    path("cycles/<int:pk>/export.xlsx", views.CycleExportView.as_view(), name="cycle-export"),
    path("submissions/<int:pk>/", views.SubmissionView.as_view(), name="submission"),
    path("news/", views_news.NewsReviewView.as_view(), name="news"),
    path("news/ranking/", views_news.NewsRankingView.as_view(), name="ranking"),
    path("news/channels/", views_news.NewsChannelsView.as_view(), name="channels"),
    path("news/photos/<int:pk>/", views_news.NewsPhotoView.as_view(), name="photo"),
]

union_pages = [
    path("", views_union.report_list, name="list"),
    path("<int:pk>/", views_union.report_fill, name="fill"),
    path("news/", views_union.news_page, name="news"),
    path("news/photos/<int:pk>/", views_union.news_photo, name="photo"),
]

api_federation = [
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

api_union = [
    path("api/v1/reports/", api.UnionReportListApi.as_view(), name="api-reports"),
    path("api/v1/reports/<int:pk>/", api.UnionReportDetailApi.as_view(), name="api-report"),
    path(
        "api/v1/reports/<int:pk>/submit/",
        api.UnionReportSubmitApi.as_view(),
        name="api-report-submit",
    ),
    path("api/v1/news/", api.UnionNewsListCreateApi.as_view(), name="api-news"),
    path("api/v1/news/points/", api.UnionNewsPointsApi.as_view(), name="api-news-points"),
    path("api/v1/news/<int:pk>/", api.UnionNewsDetailApi.as_view(), name="api-news-item"),
    path(
        "api/v1/news/<int:pk>/photos/<int:photo>/",
        api.UnionNewsPhotoApi.as_view(),
        name="api-news-photo",
    ),
]


federation_urlpatterns = [
    path("reports/", include((federation_pages, "reports"))),
    *api_federation,
]

union_urlpatterns = [
    path("reports/", include((union_pages, "union_reports"))),
    *api_union,
]
