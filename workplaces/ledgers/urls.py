"""Ledger routes: pages in namespace ``ledgers`` + API (union host)."""

from django.urls import include, path

from workplaces.ledgers import api, views

union_pages = [
    path("", views.index, name="index"),
    path("<slug:code>.<str:fmt>", views.printed, name="book"),
]

union_urlpatterns = [
    path("ledgers/", include((union_pages, "ledgers"))),
    *api.union_api,
]

federation_urlpatterns: list = []
