"""Rule table routes (federation host only): page in namespace ``rules`` + API."""

from django.urls import include, path

from federation.rules import api, views

federation_pages = [path("", views.RulesView.as_view(), name="list")]

federation_urlpatterns = [
    path("rules/", include((federation_pages, "rules"))),
    path("api/v1/rules/", api.RuleListApi.as_view(), name="api-rules"),
]

union_urlpatterns: list = []
