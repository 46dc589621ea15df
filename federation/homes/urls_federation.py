"""Federation host: staff-home pages (namespace ``homes``) and API."""

from django.urls import path

from federation.homes import views_federation as v

app_name = "homes"

urlpatterns = [
    path("", v.OverviewView.as_view(), name="overview"),
    path("export.xlsx", v.ExportView.as_view(), name="export"),
    path("schemes/", v.SchemeListView.as_view(), name="schemes"),
    path("schemes/<int:pk>/", v.SchemeView.as_view(), name="scheme"),
    path("rounds/new/", v.RoundCreateView.as_view(), name="round_new"),
    path("rounds/<int:pk>/", v.RoundView.as_view(), name="round"),
    path("assessments/<int:pk>/", v.ReviewView.as_view(), name="review"),
    path("assessments/<int:pk>/certificate.pdf", v.CertificateView.as_view(), name="certificate"),
    path("assessments/<int:pk>/evidence/<int:file_id>/", v.EvidenceView.as_view(), name="evidence"),
    path("assessments/<int:pk>/evidence.zip", v.EvidenceZipView.as_view(), name="evidence_zip"),
    path("assessments/<int:pk>/self-assessment.pdf", v.PrintView.as_view(), name="print"),
]
