"""The proposals' handling report (提案办理情况报告) a congress session hears: the proposals
answered since the previous session, with the proposers' satisfaction, and those accepted
(立案) but still being handled on the day of the session (DESIGN.md, "Workplace
governance": proposals are answered, rated for satisfaction, reported at the next session).

The report is read from the dated records (``answered_on``, ``reviewed_on``), which are set
once, so an earlier session's report stays what that session heard when printed later; only
a satisfaction rated after the session shows as it stands now.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tenants.context import union_side
from workplaces.congress.models import (
    Proposal,
    ProposalKind,
    ProposalStatus,
    Satisfaction,
    Session,
)

UNRATED = "unrated"


@union_side
def session_previous(session: Session) -> Session | None:
    """The session held last before this one (any kind of session of the union)."""
    return (
        Session.objects.filter(held_on__lt=session.held_on)
        .exclude(pk=session.pk)
        .order_by("-held_on", "-id")
        .first()
    )


@union_side
def proposal_reported_at(proposal: Proposal) -> Session | None:
    """The session whose handling report carries this answered proposal: the first session
    held on or after the answer's day (None while no such session is recorded)."""
    if proposal.kind != ProposalKind.PROPOSAL or proposal.answered_on is None:
        return None
    return (
        Session.objects.filter(held_on__gte=proposal.answered_on).order_by("held_on", "id").first()
    )


def _answered(since: dt.date | None, until: dt.date) -> QuerySet[Proposal]:
    qs = Proposal.objects.filter(
        kind=ProposalKind.PROPOSAL, status=ProposalStatus.ANSWERED, answered_on__lte=until
    )
    if since is not None:
        qs = qs.filter(answered_on__gt=since)
    return qs.order_by("answered_on", "number")


def _in_hand(until: dt.date) -> QuerySet[Proposal]:
    """Accepted on or before ``until`` and not answered by then."""
    return (
        Proposal.objects.filter(
            kind=ProposalKind.PROPOSAL,
            status__in=[ProposalStatus.ACCEPTED, ProposalStatus.ANSWERED],
            reviewed_on__lte=until,
        )
        .filter(Q(answered_on__isnull=True) | Q(answered_on__gt=until))
        .order_by("number")
    )


def _row(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.pk,
        "number": p.number,
        "title": p.title,
        "proposer": p.proposer,
        "department": p.department,
        "answered_on": p.answered_on,
        "satisfaction": p.satisfaction or UNRATED,
        "satisfaction_label": p.get_satisfaction_display() if p.satisfaction else "",
    }


@union_side
def session_proposals_report(*, session: Session) -> dict[str, Any]:
    """``{"since", "answered": [...], "satisfaction": {satisfied, basically, unsatisfied,
    unrated}, "in_hand": [...]}`` for the session: proposals answered after the previous
    session's day (all answered ones up to this day when there is none) and on or before
    this session's day; proposals accepted by this day and not yet answered."""
    previous = session_previous(session)
    since = previous.held_on if previous else None
    answered = [_row(p) for p in _answered(since, session.held_on)]
    satisfaction = {value: 0 for value in Satisfaction.values}
    satisfaction[UNRATED] = 0
    for row in answered:
        satisfaction[row["satisfaction"]] += 1
    return {
        "since": since,
        "previous_session": previous.pk if previous else None,
        "answered": answered,
        "satisfaction": satisfaction,
        "in_hand": [_row(p) for p in _in_hand(session.held_on)],
    }


def report_line(report: dict[str, Any]) -> str:
    """One line of the report for the minutes book: answered, satisfaction, in hand."""
    s = report["satisfaction"]
    return _(
        "Proposals answered: %(n)s (satisfied %(s)s, basically %(b)s, unsatisfied %(u)s, "
        "not rated %(r)s); still in hand: %(h)s"
    ) % {
        "n": len(report["answered"]),
        "s": s[Satisfaction.SATISFIED],
        "b": s[Satisfaction.BASICALLY],
        "u": s[Satisfaction.UNSATISFIED],
        "r": s[UNRATED],
        "h": len(report["in_hand"]),
    }
