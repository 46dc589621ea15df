from django.urls import path

from tenants import views

app_name = "unions"

urlpatterns = [
    path("", views.UnionListView.as_view(), name="list"),
    path("new/", views.UnionCreateView.as_view(), name="create"),
    path("<slug:slug>/", views.UnionDetailView.as_view(), name="detail"),
    path("<slug:slug>/deactivate/", views.UnionDeactivateView.as_view(), name="deactivate"),
]
