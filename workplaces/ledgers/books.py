"""The books this project's own modules fill: 会员名册, 工会小组名册, 活动记录簿, 会议记录簿
(committee decisions and audit committee reviews; the congress module adds its sessions),
培训档案, 财务账簿, 合理化建议簿. The congress (提案簿, 建议簿), rights (集体合同档案) and
welfare (困难职工档案) modules register theirs through the same registry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workplaces.ledgers.registry import Book, book_register, rows_contribute


def members_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    """Members on the roll at some point of the period. Read as plain values, the
    choices' labels looked up once: a roster of 20,000 is read in a fraction of the time
    20,000 model instances take."""
    from workplaces.members.models import (
        HOLDING_STATUSES,
        Employment,
        Gender,
        Member,
        MemberStatus,
    )

    gender, employment, status = (
        {k: str(v) for k, v in choices.choices} for choices in (Gender, Employment, MemberStatus)
    )
    qs = (
        Member.objects.filter(joined_on__lte=end)
        .filter(Q(status__in=HOLDING_STATUSES) | Q(status_on__gte=start))
        .values_list(
            "member_no",
            "name",
            "gender",
            "birth_date",
            "employment",
            "group__name",
            "joined_on",
            "status",
        )
    )
    return [
        [
            no,
            name,
            gender.get(g, g),
            born,
            employment.get(e, e),
            group or "",
            joined,
            status.get(s, s),
        ]
        for no, name, g, born, e, group, joined, s in qs.iterator(chunk_size=2000)
    ]


def groups_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    from workplaces.members.models import HOLDING_STATUSES, UnionGroup

    rows = []
    qs = UnionGroup.objects.select_related("leader").annotate(
        n=Count("members", filter=Q(members__status__in=HOLDING_STATUSES))
    )
    for g in qs:
        names = g.members.filter(status__in=HOLDING_STATUSES).values_list("name", flat=True)
        leader = (g.leader.get_full_name() or g.leader.username) if g.leader else ""
        rows.append([g.name, leader, g.n, "、".join(names)])
    return rows


def activities_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    from workplaces.activities.models import Activity

    qs = Activity.objects.filter(starts_at__date__gte=start, starts_at__date__lte=end).annotate(
        present=Count("signups", filter=Q(signups__attended=True))
    )
    return [
        [
            a.starts_at.date(),
            a.title,
            a.get_kind_display(),
            a.place,
            a.present,
            a.get_status_display(),
            a.results,
        ]
        for a in qs
    ]


def minutes_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    from workplaces.finance.models import AuditReview, Entry

    rows: list[list[Any]] = []
    decided = Entry.objects.filter(
        committee_decided_on__gte=start, committee_decided_on__lte=end
    ).exclude(committee_decision="")
    for e in decided:
        rows.append(
            [
                e.committee_decided_on,
                _("Union committee"),
                e.committee_decision,
                f"{e.summary} {e.amount:.2f}",
            ]
        )
    for r in AuditReview.objects.filter(reviewed_on__gte=start, reviewed_on__lte=end):
        rows.append([r.reviewed_on, _("Audit committee"), r.title, r.conclusion])
    return rows


def training_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    from workplaces.activities.models import TrainingSession

    qs = TrainingSession.objects.filter(held_on__gte=start, held_on__lte=end).prefetch_related(
        "attendances__member"
    )
    return [
        [
            t.held_on,
            t.title,
            t.get_audience_display(),
            t.hours,
            t.trainer,
            "、".join(a.member.name for a in t.attendances.all()),
        ]
        for t in qs
    ]


def finance_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    """The cash book: approved entries of the period with a running balance."""
    from workplaces.finance.categories import categories
    from workplaces.finance.models import Entry, EntryKind, EntryStatus

    labels = {**categories(on=end)[EntryKind.INCOME], **categories(on=end)[EntryKind.EXPENSE]}
    balance = Decimal("0.00")
    rows = []
    qs = Entry.objects.filter(on__gte=start, on__lte=end, status=EntryStatus.APPROVED).order_by(
        "on", "id"
    )
    for e in qs:
        income = e.amount if e.kind == EntryKind.INCOME else None
        expense = e.amount if e.kind == EntryKind.EXPENSE else None
        balance += (income or 0) - (expense or 0)
        rows.append(
            [
                e.on,
                e.voucher_no,
                e.summary,
                labels.get(e.category, e.category),
                income,
                expense,
                balance,
            ]
        )
    return rows


def suggestions_rows(start: dt.date, end: dt.date) -> list[list[Any]]:
    from workplaces.activities.models import Suggestion

    qs = Suggestion.objects.filter(submitted_on__gte=start, submitted_on__lte=end)
    return [
        [s.submitted_on, s.title, s.proposer, s.get_status_display(), s.benefit, s.benefit_note]
        for s in qs
    ]


def register_builtin() -> None:
    from federation.platform.accounts.roles import AUDIT, FINANCE

    books = [
        (
            Book(
                "members",
                _("Member roster (会员名册)"),
                [
                    _("Member number"),
                    _("Name"),
                    _("Gender"),
                    _("Birth date"),
                    _("Employment"),
                    _("Union group"),
                    _("Joined on"),
                    _("Status"),
                ],
                order=10,
                landscape=True,
            ),
            members_rows,
        ),
        (
            Book(
                "groups",
                _("Union group roster (工会小组名册)"),
                [_("Group"), _("Leader"), pgettext_lazy("headcount", "Members"), _("Names")],
                order=11,
                widths=(2, 2, 1, 8),
            ),
            groups_rows,
        ),
        (
            Book(
                "activities",
                _("Activity log (活动记录簿)"),
                [
                    _("Date"),
                    _("Activity"),
                    _("Kind"),
                    _("Place"),
                    _("Participants"),
                    _("Status"),
                    _("Results"),
                ],
                order=20,
                landscape=True,
            ),
            activities_rows,
        ),
        (
            Book(
                "minutes",
                _("Minutes book (会议记录簿)"),
                [_("Date"), _("Meeting"), _("Subject"), _("Decision")],
                order=21,
                widths=(2, 2, 4, 6),
            ),
            minutes_rows,
        ),
        (
            Book(
                "training",
                _("Training file (培训档案)"),
                [
                    _("Date"),
                    _("Training"),
                    _("Audience"),
                    pgettext_lazy("training", "Hours"),
                    _("Trainer"),
                    _("Attendees"),
                ],
                order=30,
                landscape=True,
            ),
            training_rows,
        ),
        (
            Book(
                "finance",
                _("Finance ledger (财务账簿)"),
                [
                    _("Date"),
                    _("Voucher"),
                    pgettext_lazy("ledger", "Summary"),
                    _("Category"),
                    _("Income"),
                    _("Expense"),
                    pgettext_lazy("ledger", "Balance"),
                ],
                order=31,
                roles=(FINANCE, AUDIT),
                landscape=True,
            ),
            finance_rows,
        ),
        (
            Book(
                "rationalisation",
                _("Rationalisation proposals (合理化建议簿)"),
                [
                    _("Date"),
                    _("Title"),
                    _("Proposer"),
                    _("Status"),
                    _("Benefit (CNY)"),
                    pgettext_lazy("proposal", "Note"),
                ],
                order=41,
            ),
            suggestions_rows,
        ),
    ]
    for book, rows in books:
        book_register(book)
        rows_contribute(book.code, rows)
