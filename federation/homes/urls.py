"""Staff-home routes: ``federation_urlpatterns`` (pages in namespace ``homes`` + API) and
``union_urlpatterns`` (pages in namespace ``union_homes`` + API)."""

from django.urls import include, path

from federation.homes import api
from federation.homes.views import federation as v
from federation.homes.views import review as vr
from federation.homes.views import rounds as vo
from federation.homes.views import union as vu

federation_pages = [
    path("", v.OverviewView.as_view(), name="overview"),
    path("export.xlsx", v.ExportView.as_view(), name="export"),
    path("schemes/", v.SchemeListView.as_view(), name="schemes"),
    path("schemes/<int:pk>/", v.SchemeView.as_view(), name="scheme"),
    path("rounds/new/", vo.RoundCreateView.as_view(), name="round_new"),
    path("rounds/<int:pk>/", vo.RoundView.as_view(), name="round"),
    path("assessments/<int:pk>/", vr.ReviewView.as_view(), name="review"),
    path("assessments/<int:pk>/certificate.pdf", v.CertificateView.as_view(), name="certificate"),
    path("assessments/<int:pk>/evidence/<int:file_id>/", v.EvidenceView.as_view(), name="evidence"),
    path("assessments/<int:pk>/evidence.zip", v.EvidenceZipView.as_view(), name="evidence_zip"),
    path("assessments/<int:pk>/self-assessment.pdf", v.PrintView.as_view(), name="print"),
]

union_pages = [
    path("", vu.assessment_list, name="list"),
    path("<int:pk>/", vu.assessment_page, name="assessment"),
    path("<int:pk>/evidence/", vu.evidence_upload, name="upload"),
    path("<int:pk>/evidence/<int:file_id>/", vu.evidence_download, name="file"),
    path("<int:pk>/evidence/<int:file_id>/delete/", vu.evidence_delete, name="file_delete"),
    path("<int:pk>/certificate.pdf", vu.certificate, name="certificate"),
    path("<int:pk>/self-assessment.pdf", vu.self_assessment_print, name="print"),
]

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


federation_urlpatterns = [
    path("homes/", include((federation_pages, "homes"))),
    *api_federation,
]

union_urlpatterns = [
    path("homes/", include((union_pages, "union_homes"))),
    *api_union,
]
