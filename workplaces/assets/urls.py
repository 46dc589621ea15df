"""Activity room and equipment routes: pages in namespace ``assets`` + API (union host)."""

from django.urls import include, path

from workplaces.assets import api, views

union_pages = [
    path("", views.rooms, name="rooms"),
    path("rooms/<int:pk>/", views.room_detail, name="room"),
    path("equipment/", views.equipment, name="equipment"),
    path("lendings/<int:pk>/return/", views.lending_return, name="return"),
]

union_urlpatterns = [
    path("assets/", include((union_pages, "assets"))),
    *api.union_api,
]

federation_urlpatterns: list = []
