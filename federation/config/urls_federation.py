"""URL root of the federation host (public schema): one line per app."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

from federation.config.urls_common import common_urlpatterns
from federation.dashboard import urls as dashboard
from federation.dues import urls as dues
from federation.homes import urls as homes
from federation.reports import urls as reports
from federation.rules import urls as rules
from tenants import urls as unions
from workplaces.activities import urls as activities
from workplaces.congress import urls as congress
from workplaces.finance import urls as finance
from workplaces.members import urls as members
from workplaces.organization import urls as organization
from workplaces.rights import urls as rights
from workplaces.welfare import urls as welfare

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dashboard:home", permanent=False), name="home"),
    path("admin/", admin.site.urls),
    *common_urlpatterns,
    *dashboard.federation_urlpatterns,
    *unions.federation_urlpatterns,
    *dues.federation_urlpatterns,
    *homes.federation_urlpatterns,
    *reports.federation_urlpatterns,
    *members.federation_urlpatterns,
    *rights.federation_urlpatterns,
    *welfare.federation_urlpatterns,
    *rules.federation_urlpatterns,
    *organization.federation_urlpatterns,
    *congress.federation_urlpatterns,
    *activities.federation_urlpatterns,
    *finance.federation_urlpatterns,
]

handler404 = "federation.config.handlers.page_not_found"
handler500 = "federation.config.handlers.server_error"
