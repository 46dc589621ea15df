"""Union host pages (namespace ``union_reports``)."""

from django.urls import path

from federation.reports import views_union

app_name = "union_reports"

urlpatterns = [
    path("", views_union.report_list, name="list"),
    path("<int:pk>/", views_union.report_fill, name="fill"),
    path("news/", views_union.news_page, name="news"),
    path("news/photos/<int:pk>/", views_union.news_photo, name="photo"),
]
