"""/api/v1/dues/ on both hosts (contract: ../shared/API.md "Dues"), by concern: the
federation's rule table, cycle, notices and remittance (``federation``), money from outside
the unions (``intake``: bank statements, organizing targets), the union host (``union``).
Typed inputs in ``inputs``/``fields``, outputs in ``outputs``."""

from federation.dues.api.federation import (
    ArrearsPdfApi,
    CycleApi,
    DeclarationListApi,
    NoticeDetailApi,
    NoticeListApi,
    PaymentCreateApi,
    PolicyApi,
    PolicyHistoryApi,
    RemittanceApi,
    SummaryApi,
    UnionSettingsApi,
)
from federation.dues.api.intake import (
    StatementApplyApi,
    StatementImportApi,
    TargetDeclarationApi,
    TargetListApi,
)
from federation.dues.api.union import (
    UnionDeclarationDetailApi,
    UnionDeclarationsApi,
    UnionNoticeDetailApi,
    UnionNoticeListApi,
)

__all__ = [
    "ArrearsPdfApi",
    "CycleApi",
    "DeclarationListApi",
    "NoticeDetailApi",
    "NoticeListApi",
    "PaymentCreateApi",
    "PolicyApi",
    "PolicyHistoryApi",
    "RemittanceApi",
    "StatementApplyApi",
    "StatementImportApi",
    "SummaryApi",
    "TargetDeclarationApi",
    "TargetListApi",
    "UnionDeclarationDetailApi",
    "UnionDeclarationsApi",
    "UnionNoticeDetailApi",
    "UnionNoticeListApi",
    "UnionSettingsApi",
]
