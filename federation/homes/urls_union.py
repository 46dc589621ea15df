"""Union host: the union's staff-home pages (namespace ``union_homes``)."""

from django.urls import path

from federation.homes import views_union as v

app_name = "union_homes"

urlpatterns = [
    path("", v.assessment_list, name="list"),
    path("<int:pk>/", v.assessment_page, name="assessment"),
    path("<int:pk>/evidence/", v.evidence_upload, name="upload"),
    path("<int:pk>/evidence/<int:file_id>/", v.evidence_download, name="file"),
    path("<int:pk>/evidence/<int:file_id>/delete/", v.evidence_delete, name="file_delete"),
    path("<int:pk>/certificate.pdf", v.certificate, name="certificate"),
    path("<int:pk>/self-assessment.pdf", v.self_assessment_print, name="print"),
]
