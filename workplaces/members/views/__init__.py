"""Member pages on a union host, and the federation's page of transfers in flight.

common.py         access decorator, list filters, refusals as messages
register.py       list, export, roster, a member's file, the form, departures
organisation.py   groups, applications, the import, transfers, the federation's page
"""

from workplaces.members.views.exporting import (
    member_export_download,
    member_export_job,
    member_export_start,
)
from workplaces.members.views.organisation import (
    FederationTransfersView,
    application_decide,
    application_list,
    group_list,
    import_job,
    import_page,
    import_template,
    transfer_decide,
    transfer_list,
)
from workplaces.members.views.register import (
    member_create,
    member_detail,
    member_edit,
    member_export,
    member_leave,
    member_list,
    member_registration_pdf,
    member_reinstate,
    member_reveal,
    member_roster,
    member_transfer,
    my_membership,
)

__all__ = [
    "FederationTransfersView",
    "application_decide",
    "application_list",
    "group_list",
    "import_job",
    "import_page",
    "import_template",
    "member_create",
    "member_detail",
    "member_edit",
    "member_export",
    "member_export_download",
    "member_export_job",
    "member_export_start",
    "member_leave",
    "member_list",
    "member_registration_pdf",
    "member_reveal",
    "member_reinstate",
    "member_roster",
    "member_transfer",
    "my_membership",
    "transfer_decide",
    "transfer_list",
]
