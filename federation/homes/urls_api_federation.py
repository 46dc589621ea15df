from federation.homes.urls_api import api_federation as urlpatterns  # noqa: F401
