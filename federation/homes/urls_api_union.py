from federation.homes.urls_api import api_union as urlpatterns  # noqa: F401
