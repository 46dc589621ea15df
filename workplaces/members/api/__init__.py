"""The member API (API.md "Members"), by concern. Doors only: parse, call a service, shape
output.

serializers.py    typed inputs and the outputs
common.py         permissions, list filters, the export response
members.py        the register: list, create, detail, leave, export, the dues rule
imports.py        the import, its jobs, the template
organisation.py   union groups and applications
transfers.py      transfers (both unions) and the federation's list
"""

from workplaces.members.api.common import export_response
from workplaces.members.api.imports import (
    MemberImportApi,
    MemberImportJobApi,
    MemberImportTemplateApi,
)
from workplaces.members.api.members import (
    DuesSummaryApi,
    MemberDetailApi,
    MemberExportApi,
    MemberLeaveApi,
    MemberListCreateApi,
    MemberRegistrationPdfApi,
    MemberRevealApi,
    MyMembershipApi,
)
from workplaces.members.api.organisation import (
    ApplicationApproveApi,
    ApplicationListCreateApi,
    ApplicationRejectApi,
    GroupDetailApi,
    GroupListCreateApi,
)
from workplaces.members.api.serializers import MemberOutputSerializer, member_row
from workplaces.members.api.transfers import (
    FederationTransferListApi,
    MemberTransferApi,
    TransferAcceptApi,
    TransferCancelApi,
    TransferListApi,
    TransferRejectApi,
)

__all__ = [
    "ApplicationApproveApi",
    "ApplicationListCreateApi",
    "ApplicationRejectApi",
    "DuesSummaryApi",
    "FederationTransferListApi",
    "GroupDetailApi",
    "GroupListCreateApi",
    "MemberDetailApi",
    "MemberExportApi",
    "MemberImportApi",
    "MemberImportJobApi",
    "MemberImportTemplateApi",
    "MemberLeaveApi",
    "MemberListCreateApi",
    "MemberOutputSerializer",
    "MemberRegistrationPdfApi",
    "MemberRevealApi",
    "MemberTransferApi",
    "MyMembershipApi",
    "TransferAcceptApi",
    "TransferCancelApi",
    "TransferListApi",
    "TransferRejectApi",
    "export_response",
    "member_row",
]
