"""Union host: this union's reports and news (included at the root)."""

from django.urls import path

from federation.reports import api

urlpatterns = [
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
