"""Reads of the union home: what the union must do (with due dates), its federation
notices (with whether their cause is resolved and whether this user read them), and its
membership share. Everything here reads public rows scoped to this union."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dashboard.selectors import membership_share
from federation.dues.models import OPEN_STATUSES, DuesNotice
from federation.homes.models import EDITABLE as HOME_EDITABLE
from federation.homes.models import Assessment
from federation.platform.outbox.models import OutboxMessage
from federation.platform.outbox.selectors import notices_for_union
from federation.reports.models import EDITABLE_STATUSES, CycleStatus, Submission
from tenants.models import MemberTransfer, TransferStatus, Union, UnionRollup
from tenants.selectors import employees_effective
from workplaces.home.models import NoticeRead


@dataclass(frozen=True)
class Todo:
    """One thing the union must do: what, by when, where."""

    kind: str
    title: str
    due: dt.date | None
    link: str
    detail: str = ""

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


def _dues_open(union: Union) -> QuerySet[DuesNotice]:
    return DuesNotice.objects.filter(
        union=union, status__in=OPEN_STATUSES, amount_due__gt=F("amount_paid")
    )


def _todos_dues(union: Union) -> list[Todo]:
    return [
        Todo(
            "dues",
            _("Pay union funds for %(period)s") % {"period": n.period},
            n.due_date,
            "/dues/",
            _("Balance %(amount)s") % {"amount": f"{n.amount_due - n.amount_paid:,.2f}"},
        )
        for n in _dues_open(union).order_by("due_date", "period")
    ]


def _todos_reports(union: Union) -> list[Todo]:
    subs = Submission.objects.filter(
        union=union, status__in=EDITABLE_STATUSES, cycle__status=CycleStatus.OPEN
    ).select_related("cycle", "cycle__form")
    return [
        Todo(
            "report",
            _("Fill in and submit %(form)s (%(period)s)")
            % {"form": s.cycle.form.title, "period": s.cycle.period},
            s.cycle.due_date,
            f"/reports/{s.pk}/",
            s.comment if s.status == "returned" else "",
        )
        for s in subs
    ]


def _todos_homes(union: Union) -> list[Todo]:
    found = Assessment.objects.filter(union=union, status__in=HOME_EDITABLE).select_related("round")
    return [
        Todo(
            "home",
            _("Staff-home self-assessment: %(round)s") % {"round": a.round.title},
            a.effective_deadline,
            f"/homes/{a.pk}/",
        )
        for a in found
    ]


def _todos_transfers(union: Union) -> list[Todo]:
    pending = MemberTransfer.objects.filter(to_union=union, status=TransferStatus.PENDING)
    return [
        Todo(
            "transfer",
            _("Accept or refuse an incoming member transfer (%(label)s)")
            % {"label": t.member_label},
            None,
            "/members/transfers/",
        )
        for t in pending
    ]


def _todos_term(union: Union) -> list[Todo]:
    """The committee's re-election (换届) once the term is due within the rule's months or
    over, from the union's public ``organization.term`` fact."""
    from tenants.facts import fact_value
    from workplaces.organization.models import TermStatus
    from workplaces.organization.selectors import term_status

    fact = fact_value(union=union, key="organization.term")
    ends = fact.get("ends_on") if isinstance(fact, dict) else None
    if not ends:
        return []
    ends_on = dt.date.fromisoformat(ends)
    if term_status(ends_on) not in (TermStatus.DUE_SOON, TermStatus.OVERDUE):
        return []
    return [
        Todo(
            "term",
            _("Re-elect the union committee (换届): the term ends on %(date)s")
            % {"date": ends_on.isoformat()},
            ends_on,
            "/organization/elections/",
        )
    ]


def union_todo(*, union: Union) -> list[Todo]:
    """What the union must do, soonest first (items without a date last)."""
    items = [
        *_todos_dues(union),
        *_todos_reports(union),
        *_todos_homes(union),
        *_todos_transfers(union),
        *_todos_term(union),
    ]
    return sorted(items, key=lambda t: (t.due is None, t.due or dt.date.max, t.kind))


def _resolvers(union: Union) -> dict[str, Any]:
    """What the notices' causes look like now (a fixed number of queries)."""
    return {
        "dues_open": _dues_open(union).exists(),
        "transfers_pending": set(
            MemberTransfer.objects.filter(
                to_union=union, status=TransferStatus.PENDING
            ).values_list("pk", flat=True)
        ),
        "homes_editable": set(
            Assessment.objects.filter(union=union, status__in=HOME_EDITABLE).values_list(
                "pk", flat=True
            )
        ),
        "reports_editable": set(
            Submission.objects.filter(union=union, status__in=EDITABLE_STATUSES).values_list(
                "pk", flat=True
            )
        ),
    }


def _link_id(link: str, prefix: str) -> int | None:
    rest = link[len(prefix) :].strip("/") if link.startswith(prefix) else ""
    return int(rest) if rest.isdecimal() else None


def notice_resolved(message: OutboxMessage, now: dict[str, Any]) -> bool:
    """Whether the cause of a notice is gone: arrears paid, a transfer decided, a report or
    self-assessment handed in. Notices of other kinds stay open until read."""
    kind = message.kind
    if kind == "dues.reminder":
        return not now["dues_open"]
    if kind == "member.transfer":
        ref = message.dedupe_key.split(":")[1] if ":" in message.dedupe_key else ""
        return ref.isdecimal() and int(ref) not in now["transfers_pending"]
    if kind.startswith("homes.") and kind != "homes.recheck":
        home = _link_id(message.link, "/homes/")
        return home is not None and home not in now["homes_editable"]
    if kind.startswith("reports."):
        report = _link_id(message.link, "/reports/")
        return report is not None and report not in now["reports_editable"]
    return False


def union_notices(
    *, union: Union, user: AbstractBaseUser | AnonymousUser, limit: int = 20
) -> list[dict[str, Any]]:
    """The union's recent notices, each with ``resolved`` and ``read`` (by this user)."""
    messages = list(notices_for_union(union=union)[:limit])
    read = set(
        NoticeRead.objects.filter(
            user_id=int(user.pk or 0), message_id__in=[m.pk for m in messages]
        ).values_list("message_id", flat=True)
    )
    now = _resolvers(union)
    return [
        {"message": m, "resolved": notice_resolved(m, now), "read": m.pk in read} for m in messages
    ]


def union_membership(*, union: Union) -> dict[str, Any]:
    """Members against the effective employee count; over 100% is flagged as a data error."""
    rollup = UnionRollup.objects.filter(union=union).first()
    members = rollup.members_active if rollup else 0
    effective = employees_effective(union)
    employees = effective.count if effective else None
    return {
        "rollup": rollup,
        "members": members,
        "employees": employees,
        "employees_source": effective.source if effective else "",
        **membership_share(members, employees),
    }


def share_percent(share: Decimal | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"
