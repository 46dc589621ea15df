"""URL root of a union host (<slug>.BASE_DOMAIN), served inside the union's schema: one
line per app."""

from django.contrib import admin
from django.urls import path

from federation.config.urls_common import common_urlpatterns
from federation.dues import urls as dues
from federation.homes import urls as homes
from federation.reports import urls as reports
from tenants import urls as unions
from workplaces.activities import urls as activities
from workplaces.assets import urls as assets
from workplaces.congress import urls as congress
from workplaces.finance import urls as finance
from workplaces.home import urls as home
from workplaces.ledgers import urls as ledgers
from workplaces.members import urls as members
from workplaces.organization import urls as organization
from workplaces.rights import urls as rights
from workplaces.welfare import urls as welfare

urlpatterns = [
    path("admin/", admin.site.urls),
    *common_urlpatterns,
    *home.union_urlpatterns,
    *members.union_urlpatterns,
    *rights.union_urlpatterns,
    *welfare.union_urlpatterns,
    *dues.union_urlpatterns,
    *homes.union_urlpatterns,
    *reports.union_urlpatterns,
    *organization.union_urlpatterns,
    *congress.union_urlpatterns,
    *activities.union_urlpatterns,
    *finance.union_urlpatterns,
    *assets.union_urlpatterns,
    *ledgers.union_urlpatterns,
    *unions.union_urlpatterns,
]

handler404 = "federation.config.handlers.page_not_found"
handler500 = "federation.config.handlers.server_error"
