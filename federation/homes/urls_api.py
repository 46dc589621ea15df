"""API routes of the staff-home module, one list per host."""

from django.urls import path

from federation.homes import api

A = "api/v1/homes/"

api_federation = [
    path(f"{A}schemes/", api.SchemeListApi.as_view(), name="api-homes-schemes"),
    path(f"{A}schemes/<int:pk>/", api.SchemeDetailApi.as_view(), name="api-homes-scheme"),
    path(f"{A}rounds/", api.RoundListApi.as_view(), name="api-homes-rounds"),
    path(f"{A}rounds/<int:pk>/", api.RoundDetailApi.as_view(), name="api-homes-round"),
    path(
        f"{A}rounds/<int:pk>/results/",
        api.RoundResultsApi.as_view(),
        name="api-homes-round-results",
    ),
    path(
        f"{A}rounds/<int:pk>/review/", api.RoundReviewApi.as_view(), name="api-homes-round-review"
    ),
    path(f"{A}rounds/<int:pk>/close/", api.RoundCloseApi.as_view(), name="api-homes-round-close"),
    path(f"{A}assessments/", api.AssessmentListApi.as_view(), name="api-homes-assessments"),
    path(
        f"{A}assessments/<int:pk>/", api.AssessmentDetailApi.as_view(), name="api-homes-assessment"
    ),
    path(
        f"{A}assessments/<int:pk>/review/",
        api.AssessmentReviewApi.as_view(),
        name="api-homes-review",
    ),
    path(
        f"{A}assessments/<int:pk>/reopen/",
        api.AssessmentReopenApi.as_view(),
        name="api-homes-reopen",
    ),
    path(
        f"{A}assessments/<int:pk>/certificate.pdf",
        api.CertificateApi.as_view(),
        name="api-homes-certificate",
    ),
    path(
        f"{A}assessments/<int:pk>/evidence/<int:file_id>/",
        api.EvidenceDownloadApi.as_view(),
        name="api-homes-evidence-file",
    ),
    path(f"{A}titles/", api.TitleListApi.as_view(), name="api-homes-titles"),
    path(
        f"{A}titles/<int:pk>/withdraw/",
        api.TitleWithdrawApi.as_view(),
        name="api-homes-title-withdraw",
    ),
    path(f"{A}overview/", api.OverviewApi.as_view(), name="api-homes-overview"),
    path(f"{A}rules/", api.RuleApi.as_view(), name="api-homes-rules"),
]

api_union = [
    path(f"{A}assessments/", api.UnionAssessmentListApi.as_view(), name="api-homes-assessments"),
    path(
        f"{A}assessments/<int:pk>/",
        api.UnionAssessmentDetailApi.as_view(),
        name="api-homes-assessment",
    ),
    path(
        f"{A}assessments/<int:pk>/evidence/",
        api.UnionEvidenceApi.as_view(),
        name="api-homes-evidence",
    ),
    path(
        f"{A}assessments/<int:pk>/evidence/<int:file_id>/",
        api.UnionEvidenceDetailApi.as_view(),
        name="api-homes-evidence-file",
    ),
    path(f"{A}assessments/<int:pk>/submit/", api.UnionSubmitApi.as_view(), name="api-homes-submit"),
    path(
        f"{A}assessments/<int:pk>/certificate.pdf",
        api.UnionCertificateApi.as_view(),
        name="api-homes-certificate",
    ),
    path(f"{A}title/", api.UnionTitleApi.as_view(), name="api-homes-title"),
]
