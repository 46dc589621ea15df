"""Labour dispute mediation (劳动争议调解仲裁法 art. 10-16), the mediation committee and
legal aid requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from federation.platform.actors import Actor
from federation.platform.audit.services import snapshot
from federation.platform.errors import ConflictError, duplicate_only
from federation.rules.selectors import rule_value
from tenants.facts import facts_refresh_on_commit
from workplaces.members.models import Member
from workplaces.rights import clocks
from workplaces.rights.common import audited, invalid
from workplaces.rights.models import (
    CommitteeSide,
    LegalAidRequest,
    LegalAidStatus,
    MediationCase,
    MediationCommitteeMember,
    MediationOutcome,
    RightsAuditKind,
)

MEDIATION_FACTS = ("rights.mediation",)


@transaction.atomic
def mediation_receive(
    *, received_on: dt.date, applicant: str, respondent: str, matter: str, actor: Actor
) -> MediationCase:
    """Register a dispute; its deadline is the received day plus the mediation period in
    force that day (art. 14: 15 days, after which a party may go to arbitration). The same
    applicant, respondent and day twice is a 409 and writes nothing."""
    days = rule_value("rights.mediation_days", on=received_on)
    case = MediationCase(
        received_on=received_on,
        applicant=applicant.strip(),
        respondent=respondent.strip(),
        matter=matter.strip(),
        deadline=clocks.mediation_deadline(received_on=received_on, mediation_days=days),
    )
    duplicate = ConflictError(
        _("This dispute is already registered (same applicant, respondent and day)."),
        code="duplicate",
    )
    if MediationCase.objects.filter(
        received_on=received_on, applicant=case.applicant, respondent=case.respondent
    ).exists():
        raise duplicate
    case.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as exc:  # a concurrent retry won the race: the constraint holds
        duplicate_only(exc)
        raise duplicate from None
    audited(actor=actor, kind=RightsAuditKind.MEDIATION_RECEIVED, obj=case)
    facts_refresh_on_commit(MEDIATION_FACTS)
    return case


@transaction.atomic(durable=True)
def mediation_close(
    *, case: MediationCase, outcome: str, closed_on: dt.date, note: str = "", actor: Actor
) -> MediationCase:
    c = MediationCase.objects.select_for_update().get(pk=case.pk)
    if not c.is_open:
        raise ConflictError(_("This case is already closed."), code="closed")
    if outcome not in MediationOutcome.values:
        raise invalid("outcome", _("Choose an outcome."), code="invalid_choice")
    if closed_on < c.received_on:
        raise invalid("closed_on", _("The case cannot close before it was received."), code="order")
    before = snapshot(c)
    c.outcome, c.closed_on, c.note = outcome, closed_on, note
    c.save()
    audited(actor=actor, kind=RightsAuditKind.MEDIATION_CLOSED, obj=c, before=before)
    facts_refresh_on_commit(MEDIATION_FACTS)
    return c


@transaction.atomic
def committee_set(
    *, members: list[dict[str, Any]], since: dt.date, actor: Actor
) -> list[MediationCommitteeMember]:
    """Replace the mediation committee: as many employees' as employer's representatives,
    at most one chair. The whole roster is written at once so it is never half-valid."""
    employees = [m for m in members if m.get("side") == CommitteeSide.EMPLOYEES]
    employer = [m for m in members if m.get("side") == CommitteeSide.EMPLOYER]
    if len(employees) + len(employer) != len(members):
        raise invalid("members", _("Each seat is for one side."), code="side")
    if not employees or len(employees) != len(employer):
        raise invalid(
            "members",
            _(
                "The committee needs as many employees' as employer's representatives "
                "(now %(employees)s and %(employer)s)."
            )
            % {"employees": len(employees), "employer": len(employer)},
            code="unequal",
        )
    if sum(1 for m in members if m.get("is_chair")) > 1:
        raise invalid("members", _("Name one chair at most."), code="chairs")
    list(MediationCommitteeMember.objects.select_for_update().order_by("pk"))
    before = [snapshot(m) for m in MediationCommitteeMember.objects.order_by("pk")]
    MediationCommitteeMember.objects.all().delete()
    rows = MediationCommitteeMember.objects.bulk_create(
        [
            MediationCommitteeMember(
                name=str(m["name"]).strip(),
                side=m["side"],
                position=str(m.get("position") or "").strip(),
                is_chair=bool(m.get("is_chair")),
                since=since,
            )
            for m in members
        ]
    )
    audited(
        actor=actor,
        kind=RightsAuditKind.COMMITTEE_SET,
        obj=rows[0],
        before={"members": before},
        after={"members": [snapshot(r) for r in rows]},
    )
    facts_refresh_on_commit(MEDIATION_FACTS)
    return rows


# --- legal aid ------------------------------------------------------------------


@transaction.atomic(durable=True)
def legal_aid_create(
    *,
    requester: str,
    matter: str,
    received_on: dt.date,
    member: Member | None = None,
    actor: Actor,
) -> LegalAidRequest:
    req = LegalAidRequest(
        member=member,
        requester=requester.strip() or (member.name if member else ""),
        matter=matter.strip(),
        received_on=received_on,
    )
    req.full_clean(validate_constraints=False)
    duplicate = ConflictError(
        _("This request is already registered (same requester, day and matter)."),
        code="duplicate",
    )
    if LegalAidRequest.objects.filter(
        requester=req.requester, received_on=received_on, matter=req.matter
    ).exists():
        raise duplicate
    try:
        with transaction.atomic():
            req.save()
    except IntegrityError as exc:  # a concurrent retry won the race: the constraint holds
        duplicate_only(exc)
        raise duplicate from None
    audited(actor=actor, kind=RightsAuditKind.LEGAL_AID_CREATED, obj=req)
    return req


@transaction.atomic(durable=True)
def legal_aid_refer(
    *, request: LegalAidRequest, referred_to: str, referred_on: dt.date, actor: Actor
) -> LegalAidRequest:
    r = LegalAidRequest.objects.select_for_update().get(pk=request.pk)
    if r.status != LegalAidStatus.RECEIVED:
        raise ConflictError(_("This request was already referred or closed."), code="state")
    if referred_on < r.received_on:
        raise invalid(
            "referred_on", _("The referral cannot come before the request."), code="order"
        )
    if not referred_to.strip():
        raise invalid("referred_to", _("Name where it was referred."), code="required")
    before = snapshot(r)
    r.referred_to, r.referred_on, r.status = referred_to.strip(), referred_on, "referred"
    r.save()
    audited(actor=actor, kind=RightsAuditKind.LEGAL_AID_REFERRED, obj=r, before=before)
    return r


@transaction.atomic(durable=True)
def legal_aid_close(
    *, request: LegalAidRequest, outcome: str, closed_on: dt.date, actor: Actor
) -> LegalAidRequest:
    r = LegalAidRequest.objects.select_for_update().get(pk=request.pk)
    if r.status == LegalAidStatus.CLOSED:
        raise ConflictError(_("This request is already closed."), code="closed")
    if closed_on < r.received_on:
        raise invalid(
            "closed_on", _("The request cannot close before it was received."), code="order"
        )
    before = snapshot(r)
    r.outcome, r.closed_on, r.status = outcome.strip(), closed_on, LegalAidStatus.CLOSED
    r.save()
    audited(actor=actor, kind=RightsAuditKind.LEGAL_AID_CLOSED, obj=r, before=before)
    return r
