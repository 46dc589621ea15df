"""Writes of the union funds, by concern; everything is re-exported here so callers keep
``from federation.dues import services`` / ``services.payment_record(...)``.

Rules: ../shared/DESIGN.md "Union funds" (Trade Union Law art. 42: 2% of the monthly
payroll; art. 43: a court payment order, so the dunning record is kept whole). The numbers
come from the federation's rule table (``DuesPolicy``), never from code; the pure
calculators are in ``federation.dues.rules``."""

from federation.dues.rules import notice_amount
from federation.dues.services.credits import credit_carry, credits_apply
from federation.dues.services.cycle import (
    declaration_missing_remind,
    dues_cycle_run,
    notice_issue,
    notices_issue_pending,
    target_notices_issue_pending,
)
from federation.dues.services.declarations import declaration_correct, declaration_submit
from federation.dues.services.payments import notice_waive, payment_record, refund_record
from federation.dues.services.policy import policy_set, union_settings_set
from federation.dues.services.reminders import (
    notices_mark_overdue,
    reminder_send,
    target_reminder_send,
    targets_remind,
)
from federation.dues.services.remittance import remittance_record
from federation.dues.services.targets import target_create, target_founded

__all__ = [
    "declaration_correct",
    "declaration_missing_remind",
    "declaration_submit",
    "dues_cycle_run",
    "notice_amount",
    "notice_issue",
    "notice_waive",
    "notices_issue_pending",
    "notices_mark_overdue",
    "payment_record",
    "policy_set",
    "refund_record",
    "reminder_send",
    "remittance_record",
    "target_create",
    "target_founded",
    "union_settings_set",
    "credit_carry",
    "credits_apply",
    "target_notices_issue_pending",
    "target_reminder_send",
    "targets_remind",
]
