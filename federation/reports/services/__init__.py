"""Writes of information reporting (信息报送) and work news (工作信息), one module per
concern: forms, cycles, a union's report and its review, reminders, news. Callers import
from ``federation.reports.services``; the modules import only models, rules, sources and
the platform."""

from federation.reports.selectors import effective_values, prefill_for
from federation.reports.services.cycles import cycle_close, cycle_open, cycle_unions_add
from federation.reports.services.forms import form_save
from federation.reports.services.news import (
    news_adopt,
    news_channel_set,
    news_review,
    news_submit,
    photo_path,
    photo_root,
)
from federation.reports.services.reminders import (
    cycle_remind_now,
    reminder_kind,
    reminders_send,
)
from federation.reports.services.submissions import (
    submission_accept,
    submission_return,
    submission_save,
    submission_submit,
)

__all__ = [
    "cycle_close",
    "cycle_open",
    "cycle_remind_now",
    "cycle_unions_add",
    "effective_values",
    "form_save",
    "news_adopt",
    "news_channel_set",
    "news_review",
    "news_submit",
    "photo_path",
    "photo_root",
    "prefill_for",
    "reminder_kind",
    "reminders_send",
    "submission_accept",
    "submission_return",
    "submission_save",
    "submission_submit",
]
