"""Union funds (工会经费): the rule table, declarations, notices, payments and what follows.

All rows live in the public schema, keyed by union (Trade Union Law art. 42/43, see
``statute``; the rules are in ../shared/DESIGN.md, "Union funds"). Every "only once" is a
database constraint.
"""

from federation.dues.models._common import (
    MONEY,
    OPEN_STATUSES,
    SHARE,
    CollectionMode,
    LineStatus,
    NoticeStatus,
    PeriodKind,
    RemittanceKind,
    TargetStatus,
)
from federation.dues.models.billing import (
    Adjustment,
    DuesCredit,
    DuesNotice,
    PayrollDeclaration,
    Reminder,
)
from federation.dues.models.money import (
    Payment,
    Refund,
    Remittance,
    StatementImport,
    StatementLine,
)
from federation.dues.models.setup import DuesPolicy, OrganizingTarget, UnionDuesSettings

__all__ = [
    "MONEY",
    "OPEN_STATUSES",
    "SHARE",
    "Adjustment",
    "CollectionMode",
    "DuesCredit",
    "DuesNotice",
    "DuesPolicy",
    "LineStatus",
    "NoticeStatus",
    "OrganizingTarget",
    "Payment",
    "PayrollDeclaration",
    "PeriodKind",
    "Refund",
    "Reminder",
    "Remittance",
    "RemittanceKind",
    "StatementImport",
    "StatementLine",
    "TargetStatus",
    "UnionDuesSettings",
]
