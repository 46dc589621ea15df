"""Books of the congress (提案簿, 建议簿, its sessions in the minutes book), rights
(集体合同档案) and welfare (困难职工档案) modules, filled from their live records. Those
modules may register more books through the same registry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workplaces.ledgers.registry import Book, book_register, rows_contribute


def _proposals(kind: str, start: dt.date, end: dt.date) -> list[list[Any]]:
    from workplaces.congress.models import Proposal

    qs = Proposal.objects.filter(kind=kind, submitted_on__gte=start, submitted_on__lte=end)
    return [
        [
            p.submitted_on,
            p.number,
            p.title,
            "、".join([p.proposer, *p.seconders]),
            p.get_status_display(),
            p.department,
            p.answer,
            p.get_satisfaction_display() if p.satisfaction else "",
        ]
        for p in qs.order_by("submitted_on", "number")
    ]


def proposals_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    return _proposals("proposal", start, end)


def suggestions_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    return _proposals("suggestion", start, end)


def sessions_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    """Congress sessions held in the period, for the minutes book, each with the proposals'
    handling report it heard."""
    from workplaces.congress.models import Session
    from workplaces.congress.report import report_line, session_proposals_report

    rows = []
    for s in Session.objects.filter(held_on__gte=start, held_on__lte=end):
        report = session_proposals_report(session=s)
        heard = report_line(report) if report["answered"] or report["in_hand"] else ""
        text = " ".join(
            part
            for part in (f"{s.delegates_present}/{s.delegates_total}", s.minutes, heard)
            if part
        )
        rows.append([s.held_on, s.get_kind_display(), s.title, text])
    return rows


def contracts_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    """Contracts in force at some time in the period, or signed in it."""
    from workplaces.rights.models import CollectiveContract

    qs = CollectiveContract.objects.filter(
        Q(starts_on__lte=end, ends_on__gte=start)
        | Q(starts_on__lte=end, ends_on__isnull=True)
        | Q(signed_on__gte=start, signed_on__lte=end)
    )
    return [
        [
            c.signed_on or c.starts_on or "",
            c.kind,
            c.title,
            c.employer,
            f"{c.starts_on or ''} – {c.ends_on or ''}",
            c.filed_on or "",
            c.workers_covered,
        ]
        for c in qs
    ]


def hardship_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    """Hardship files open at some time in the period."""
    from workplaces.welfare.models import HardshipFile

    qs = (
        HardshipFile.objects.filter(opened_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .select_related("member")
    )
    return [
        [
            h.opened_on,
            h.member.name,
            h.get_category_display(),
            h.household_size,
            h.household_income,
            h.reason,
            h.reviewed_on or "",
            f"{h.closed_on} {h.close_reason}" if h.closed_on else "",
        ]
        for h in qs
    ]


def register_module_books() -> None:
    from django.apps import apps

    if apps.is_installed("workplaces.congress"):
        columns = [
            _("Date"),
            _("No."),
            _("Title"),
            _("Proposer and seconders"),
            _("Status"),
            _("Department"),
            _("Answer"),
            _("Satisfaction"),
        ]
        book_register(
            Book("proposals", _("Proposal book (提案簿)"), columns, order=15, landscape=True)
        )
        rows_contribute("proposals", proposals_rows)
        book_register(
            Book("suggestions", _("Suggestion book (建议簿)"), columns, order=16, landscape=True)
        )
        rows_contribute("suggestions", suggestions_rows)
        rows_contribute("minutes", sessions_rows)
    if apps.is_installed("workplaces.rights"):
        book_register(
            Book(
                "contracts",
                _("Collective contract file (集体合同档案)"),
                [
                    _("Signed on"),
                    _("Kind"),
                    _("Title"),
                    _("Employer"),
                    _("Term"),
                    _("Filed on"),
                    _("Workers covered"),
                ],
                order=35,
                landscape=True,
            )
        )
        rows_contribute("contracts", contracts_rows)
    if apps.is_installed("workplaces.welfare"):
        book_register(
            Book(
                "hardship",
                _("Hardship file (困难职工档案)"),
                [
                    _("Opened on"),
                    _("Member"),
                    _("Category"),
                    _("Household"),
                    _("Income per month"),
                    _("Cause"),
                    _("Reviewed on"),
                    pgettext_lazy("hardship file", "Closed"),
                ],
                order=36,
                landscape=True,
            )
        )
        rows_contribute("hardship", hardship_rows)
