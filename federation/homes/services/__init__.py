"""Writes of the staff-home module, by concern (rules: ../shared/DESIGN.md "Staff home").

Callers import from here: ``from federation.homes.services import round_open``. Every
service takes typed, keyword-only values (the doors parse and bound the input), raises
``ValidationError`` naming the field for bad input and a platform domain error otherwise."""

from federation.homes.services.evidence import (
    EVIDENCE_MAX_FILES,
    EVIDENCE_TYPES,
    evidence_add,
    evidence_max_bytes,
    evidence_remove,
)
from federation.homes.services.review import DECISIONS, assessment_reopen, assessment_review
from federation.homes.services.rounds import round_add_unions, round_close, round_open
from federation.homes.services.rules import rule_default_ensure, rule_set
from federation.homes.services.schemes import scheme_create, scheme_default_ensure
from federation.homes.services.self_assessment import (
    assessment_save,
    assessment_submit,
    submit_blockers,
)
from federation.homes.services.titles import (
    reminders_send,
    title_withdraw,
    titles_withdraw_due,
)

__all__ = [
    "DECISIONS",
    "EVIDENCE_MAX_FILES",
    "EVIDENCE_TYPES",
    "assessment_reopen",
    "assessment_review",
    "assessment_save",
    "assessment_submit",
    "evidence_add",
    "evidence_max_bytes",
    "evidence_remove",
    "reminders_send",
    "round_add_unions",
    "round_close",
    "round_open",
    "rule_default_ensure",
    "rule_set",
    "scheme_create",
    "scheme_default_ensure",
    "submit_blockers",
    "title_withdraw",
    "titles_withdraw_due",
]
