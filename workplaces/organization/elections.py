"""The union's side of an election (换届): the application to the federation and the
result. Both are public rows (``federation.elections``) the federation decides on.

Rules (rule table): a competitive election needs at least 20% more candidates than seats;
the election is valid when at least 2/3 of the eligible voters take part (exactly 2/3
counts); a candidate is elected with the yes votes of MORE than half of the ELIGIBLE
voters (应到会人数的过半数), not of those present.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from federation.elections.models import ElectionApplication, ElectionResult, StepStatus
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.platform.errors import ConflictError, duplicate_only
from tenants.context import union_side
from tenants.facts import fact_push
from workplaces.organization.audit_kinds import OrgAuditKind
from workplaces.organization.common import field_error, rule_share, this_union
from workplaces.organization.models import Position
from workplaces.organization.services import (
    SeatInput,
    _seats_resolve,
    committee_size_ok,
    members_active_count,
    size_error,
    term_years_check,
)
from workplaces.organization.thresholds import at_least, more_than


@dataclass(frozen=True)
class CandidateInput:
    name: str
    votes: int
    position: str = Position.MEMBER
    member: int | None = None
    user: int | None = None
    woman: bool | None = None


def election_valid(*, present: int, eligible: int, on: dt.date | None = None) -> bool:
    """At least the rule's share (2/3) of the eligible voters took part."""
    return eligible > 0 and at_least(
        present, eligible, rule_share("organization.election_validity", on=on)
    )


def candidate_elected(*, votes: int, eligible: int, on: dt.date | None = None) -> bool:
    """Yes votes of more than the rule's share (1/2) of the ELIGIBLE voters."""
    return more_than(votes, eligible, rule_share("organization.election_majority", on=on))


def candidates_enough(*, candidates: int, seats: int, on: dt.date | None = None) -> bool:
    """candidates >= seats * (1 + surplus), exactly: c * den >= seats * (den + num)."""
    surplus = rule_share("organization.candidate_surplus", on=on)
    return candidates * surplus.denominator >= seats * (surplus.denominator + surplus.numerator)


def _pending_push() -> None:
    from federation.elections.selectors import pending_counts

    union = this_union()
    fact_push(union=union, key="organization.pending", value=pending_counts(union=union))


@union_side
@transaction.atomic
def application_submit(
    *,
    planned_on: dt.date,
    seats: int,
    candidates: list[str],
    actor: Actor,
    competitive: bool = True,
) -> ElectionApplication:
    """Apply to the federation for the election; one open application at a time."""
    union = this_union()
    names = [str(c).strip() for c in candidates if str(c).strip()]
    if len(set(names)) != len(names) or any(len(n) > 50 for n in names):
        raise field_error(
            "candidates",
            _("Candidates must be distinct names of at most 50 characters."),
            code="invalid",
        )
    members = members_active_count()
    if not committee_size_ok(size=seats, members=members, on=planned_on):
        raise field_error(
            "seats", size_error(size=seats, members=members, on=planned_on), code="size_band"
        )
    if competitive and not candidates_enough(candidates=len(names), seats=seats, on=planned_on):
        share = rule_share("organization.candidate_surplus", on=planned_on)
        raise field_error(
            "candidates",
            _(
                "A competitive election needs at least %(pct)s%% more candidates than "
                "seats: %(n)s candidates for %(seats)s seats."
            )
            % {"pct": int(share * 100), "n": len(names), "seats": seats},
            code="too_few_candidates",
        )
    if not competitive and len(names) < seats:
        raise field_error(
            "candidates",
            _("At least as many candidates as seats are needed."),
            code="too_few_candidates",
        )
    if ElectionApplication.objects.filter(union_id=union.pk, status=StepStatus.SUBMITTED).exists():
        raise ConflictError(_("An application is already waiting for the federation."))
    try:
        with transaction.atomic():
            app = ElectionApplication.objects.create(
                union=union,
                planned_on=planned_on,
                seats=seats,
                competitive=competitive,
                candidates=names,
                submitted_by=actor_label(actor),
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("An application is already waiting for the federation.")) from None
    audit_record(
        actor=actor,
        kind=OrgAuditKind.APPLICATION,
        obj=app,
        after={"planned_on": planned_on, "seats": seats, "candidates": names},
        union_slug=union.slug,
    )
    _pending_push()
    return app


@union_side
@transaction.atomic(durable=True)
def result_submit(
    *,
    held_on: dt.date,
    term_years: int,
    eligible_voters: int,
    voters_present: int,
    candidates: list[CandidateInput],
    actor: Actor,
    application_id: int | None = None,
) -> ElectionResult:
    """Record the election result for the federation's approval. Validity and who is
    elected are computed from the rule table; a valid result must elect a committee of
    one chair whose size fits the band."""
    union = this_union()
    term_years_check(term_years, on=held_on)
    if eligible_voters < 1:
        raise field_error("eligible_voters", _("At least one eligible voter."), code="min")
    if voters_present > eligible_voters:
        raise field_error(
            "voters_present", _("More voters present than eligible voters."), code="too_many"
        )
    if not candidates:
        raise field_error("candidates", _("No candidates."), code="required")
    if any(c.votes > voters_present or c.votes < 0 for c in candidates):
        raise field_error(
            "candidates", _("A candidate has more votes than voters present."), code="votes"
        )
    application = None
    if application_id is not None:
        application = ElectionApplication.objects.filter(
            pk=application_id, union_id=union.pk
        ).first()
        if application is None:
            raise field_error("application", _("No such application."), code="not_found")
    valid = election_valid(present=voters_present, eligible=eligible_voters, on=held_on)
    rows: list[dict[str, Any]] = []
    for c in candidates:
        elected = valid and candidate_elected(votes=c.votes, eligible=eligible_voters, on=held_on)
        rows.append(
            {
                "name": c.name.strip(),
                "votes": c.votes,
                "position": c.position,
                "member": c.member,
                "user": c.user,
                "woman": c.woman,
                "elected": elected,
            }
        )
    if valid:
        seats = [
            SeatInput(r["name"], r["position"], r["member"], r["user"], r["woman"])
            for r in rows
            if r["elected"]
        ]
        try:
            _seats_resolve(seats, on=held_on)
        except ValidationError as exc:
            raise ValidationError({"candidates": exc.error_dict["committee"]}) from None
    if ElectionResult.objects.filter(union_id=union.pk, status=StepStatus.SUBMITTED).exists():
        raise ConflictError(_("A result is already waiting for the federation."))
    try:
        with transaction.atomic():
            result = ElectionResult.objects.create(
                union=union,
                application=application,
                held_on=held_on,
                term_years=term_years,
                eligible_voters=eligible_voters,
                voters_present=voters_present,
                valid=valid,
                candidates=rows,
                submitted_by=actor_label(actor),
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("A result is already waiting for the federation.")) from None
    audit_record(
        actor=actor,
        kind=OrgAuditKind.RESULT,
        obj=result,
        after={
            "held_on": held_on,
            "eligible_voters": eligible_voters,
            "voters_present": voters_present,
            "valid": valid,
            "candidates": rows,
        },
        union_slug=union.slug,
    )
    _pending_push()
    return result
