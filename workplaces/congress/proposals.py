"""Proposals (提案) and suggestions (意见建议).

A proposal is one matter, with a proposer and at least two seconders (a rule value), and
is collected before the session's deadline; one submitted after it becomes a suggestion.
The proposals committee accepts (立案) it, assigning a department, or rejects it with a
reason; the department's answer and the proposer's satisfaction are recorded.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.actors import Actor, actor_id, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError, duplicate_only
from federation.rules.selectors import rule_value
from tenants.context import union_side
from workplaces.congress.audit_kinds import CongressAuditKind
from workplaces.congress.models import (
    Congress,
    Delegate,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Satisfaction,
    Session,
)
from workplaces.congress.services import MANAGERS, _slug, _text
from workplaces.members.models import Member
from workplaces.organization.common import facts_refresh_on_commit, field_error

PROPOSAL_FACTS = ("congress.proposals_by_year",)


def _roster_check(names: list[str], field: str) -> None:
    """With a delegate roster, proposer and seconders must be on it."""
    congress = Congress.objects.filter(is_current=True).first()
    if congress is None:
        return
    roster = set(
        Delegate.objects.filter(congress=congress, active=True).values_list("name", flat=True)
    )
    if not roster:
        return
    strangers = [n for n in names if n not in roster]
    if strangers:
        raise ValidationError(
            {field: [_("Not a delegate: %(names)s") % {"names": "、".join(strangers)}]},
            code="not_delegate",
        )


def _proposer_check(proposer: str, actor: Actor) -> None:
    """A congress manager (or a job) may register a proposal on anyone's behalf, e.g. from
    a paper form; anyone else files in their own name, that of their member record."""
    if actor is None or has_role(actor, *MANAGERS):
        return
    uid = actor_id(actor)
    own = (
        Member.objects.filter(user_id=uid).values_list("name", flat=True).first()
        if uid is not None
        else None
    )
    if own is None:
        raise field_error(
            "proposer",
            _(
                "Your login is not linked to a member record; ask the union's organization "
                "officer to register the proposal for you."
            ),
            code="no_member",
        )
    if proposer != own:
        raise field_error(
            "proposer",
            _("You can only submit in your own name (%(name)s).") % {"name": own},
            code="not_self",
        )


def _next_number(kind: str) -> int:
    return (Proposal.objects.filter(kind=kind).aggregate(n=Max("number"))["n"] or 0) + 1


def _session_for(session_id: int | None, on: dt.date) -> Session | None:
    if session_id is not None:
        session = Session.objects.filter(pk=session_id).first()
        if session is None:
            raise field_error("session", _("No such session."), code="not_found")
        return session
    # the next session that collects proposals, if one is planned
    return Session.objects.filter(held_on__gte=on).order_by("held_on").first()


@union_side
@transaction.atomic
def proposal_submit(
    *,
    title: str,
    body: str,
    proposer: str,
    seconders: list[str],
    actor: Actor,
    session_id: int | None = None,
    submitted_on: dt.date | None = None,
    suggestion: bool = False,
) -> Proposal:
    """Submit a proposal (or, with ``suggestion``, a suggestion that needs no seconders)."""
    on = submitted_on or timezone.localdate()
    title = _text(title, "title", 200)
    body = _text(body, "body", 20000)
    proposer = _text(proposer, "proposer", 50)
    _proposer_check(proposer, actor)
    names = []
    for name in seconders:
        name = str(name).strip()
        if name and name != proposer and name not in names:
            names.append(name[:50])
    session = _session_for(session_id, on)
    if not suggestion:
        needed = int(rule_value("congress.proposal_seconders_min", on=on))
        if len(names) < needed:
            raise field_error(
                "seconders",
                _("A proposal needs at least %(n)s seconders other than the proposer.")
                % {"n": needed},
                code="too_few",
            )
        _roster_check([proposer], "proposer")
        _roster_check(names, "seconders")
    late = bool(session and session.proposals_deadline and on > session.proposals_deadline)
    kind = ProposalKind.SUGGESTION if suggestion or late else ProposalKind.PROPOSAL
    for _attempt in range(3):
        try:
            with transaction.atomic():
                proposal = Proposal.objects.create(
                    kind=kind,
                    number=_next_number(kind),
                    session=session,
                    title=title,
                    body=body,
                    proposer=proposer,
                    seconders=names,
                    submitted_on=on,
                    status=ProposalStatus.SUGGESTION
                    if kind == ProposalKind.SUGGESTION
                    else ProposalStatus.SUBMITTED,
                    reason=_("Submitted after the deadline.") if late and not suggestion else "",
                    created_by=actor_label(actor),
                )
            break
        except IntegrityError as exc:
            duplicate_only(exc)
            continue
    else:
        raise ConflictError(_("Please try again."), code="busy")
    audit_record(
        actor=actor,
        kind=CongressAuditKind.PROPOSAL,
        obj=proposal,
        after=snapshot(proposal),
        union_slug=_slug(),
    )
    facts_refresh_on_commit(PROPOSAL_FACTS)
    return proposal


def _locked(proposal: Proposal, status: str, message: str) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != status:
        raise ConflictError(message, code="wrong_status")
    return proposal


def _save(proposal: Proposal, before: dict, fields: list[str], kind: str, actor: Actor) -> Proposal:
    proposal.save(update_fields=fields)
    audit_record(
        actor=actor,
        kind=kind,
        obj=proposal,
        before=before,
        after=snapshot(proposal),
        union_slug=_slug(),
    )
    facts_refresh_on_commit(PROPOSAL_FACTS)
    return proposal


@union_side
@transaction.atomic
def proposal_review(
    *, proposal: Proposal, decision: str, actor: Actor, reason: str = "", department: str = ""
) -> Proposal:
    proposal = _locked(proposal, ProposalStatus.SUBMITTED, _("This proposal was already reviewed."))
    before = snapshot(proposal)
    if decision == "accept":
        proposal.department = _text(department, "department", 100)
        proposal.status = ProposalStatus.ACCEPTED
        proposal.reason = _text(reason, "reason", 500, required=False)
    elif decision == "reject":
        proposal.reason = _text(reason, "reason", 500)
        proposal.status = ProposalStatus.REJECTED
    else:
        raise field_error("decision", _("Accept or reject."), code="invalid")
    proposal.reviewed_on = timezone.localdate()
    return _save(
        proposal,
        before,
        ["status", "reason", "department", "reviewed_on"],
        CongressAuditKind.PROPOSAL_REVIEW,
        actor,
    )


@union_side
@transaction.atomic
def proposal_answer(*, proposal: Proposal, answer: str, actor: Actor) -> Proposal:
    proposal = _locked(
        proposal, ProposalStatus.ACCEPTED, _("Only an accepted proposal is answered.")
    )
    before = snapshot(proposal)
    proposal.answer = _text(answer, "answer", 20000)
    proposal.answered_on = timezone.localdate()
    proposal.status = ProposalStatus.ANSWERED
    return _save(
        proposal,
        before,
        ["answer", "answered_on", "status"],
        CongressAuditKind.PROPOSAL_ANSWER,
        actor,
    )


@union_side
@transaction.atomic
def proposal_rate(*, proposal: Proposal, satisfaction: str, actor: Actor) -> Proposal:
    proposal = _locked(proposal, ProposalStatus.ANSWERED, _("Only an answered proposal is rated."))
    if satisfaction not in Satisfaction.values:
        raise field_error("satisfaction", _("Unknown value."), code="invalid")
    before = snapshot(proposal)
    proposal.satisfaction = satisfaction
    return _save(proposal, before, ["satisfaction"], CongressAuditKind.PROPOSAL_RATE, actor)
