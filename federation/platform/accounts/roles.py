"""Roles are Django groups, created in each schema when it is provisioned.

Federation roles live in the public schema; union roles in every union schema. A user
belongs to exactly one schema, so a role never reaches past its own union.
"""

from django.utils.translation import gettext_lazy as _

# federation (public schema)
FED_ADMIN = "admin"
FED_DUES = "dues_officer"
FED_ASSESSOR = "assessor"
FED_REPORTING = "reporting_officer"
FED_VIEWER = "viewer"

FEDERATION_ROLES = {
    FED_ADMIN: _("Federation administrator"),
    FED_DUES: _("Dues officer"),
    FED_ASSESSOR: _("Staff-home assessor"),
    FED_REPORTING: _("Reporting officer"),
    FED_VIEWER: _("Viewer"),
}

# every federation role may read the township's overviews (the admin passes any check)
FEDERATION_STAFF = (FED_DUES, FED_ASSESSOR, FED_REPORTING, FED_VIEWER)

# union (tenant schema)
CHAIR = "chair"
VICE_CHAIR = "vice_chair"
ORGANIZATION = "organization"
PROPAGANDA = "propaganda"
CULTURE_SPORTS = "culture_sports"
WOMEN_WORKERS = "women_workers"
AUDIT = "audit"
FINANCE = "finance"
GROUP_LEADER = "group_leader"
MEMBER = "member"

UNION_ROLES = {
    CHAIR: _("Chair"),
    VICE_CHAIR: _("Vice chair"),
    ORGANIZATION: _("Organization officer"),
    PROPAGANDA: _("Propaganda officer"),
    CULTURE_SPORTS: _("Culture and sports officer"),
    WOMEN_WORKERS: _("Women workers officer"),
    AUDIT: _("Audit committee"),
    FINANCE: _("Finance officer"),
    GROUP_LEADER: _("Group leader"),
    MEMBER: _("Member"),
}

# every officer of the committee (not group leaders and plain members)
UNION_OFFICERS = (
    CHAIR,
    VICE_CHAIR,
    ORGANIZATION,
    PROPAGANDA,
    CULTURE_SPORTS,
    WOMEN_WORKERS,
    AUDIT,
    FINANCE,
)
