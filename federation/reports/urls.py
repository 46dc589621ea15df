"""Federation host pages (namespace ``reports``)."""

from django.urls import path

from federation.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.CyclesView.as_view(), name="cycles"),
    path("forms/", views.FormsView.as_view(), name="forms"),
    path("forms/new/", views.FormBuilderView.as_view(), name="form-new"),
    path("forms/<int:pk>/", views.FormBuilderView.as_view(), name="form"),
    path("cycles/<int:pk>/", views.CycleView.as_view(), name="cycle"),
    path("cycles/<int:pk>/export.xlsx", views.CycleExportView.as_view(), name="cycle-export"),
    path("submissions/<int:pk>/", views.SubmissionView.as_view(), name="submission"),
    path("news/", views.NewsReviewView.as_view(), name="news"),
    path("news/ranking/", views.NewsRankingView.as_view(), name="ranking"),
    path("news/channels/", views.NewsChannelsView.as_view(), name="channels"),
    path("news/photos/<int:pk>/", views.NewsPhotoView.as_view(), name="photo"),
]
