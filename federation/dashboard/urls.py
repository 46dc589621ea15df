from django.urls import path

from federation.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="home"),
    path("unions/<slug:slug>/", views.UnionProfileView.as_view(), name="union"),
]
