"""Writes of labour competitions, rationalisation proposals (合理化建议), honours and
nominations, and training sessions. Honour kinds and levels come from the rule table
``activities.honour_kinds`` (the township cadre organises competitions, proposals and the
selection of model workers: union-cadre-duties.txt, 乡镇工会干部职责 五)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError, duplicate_only
from federation.rules.selectors import rule_value
from tenants.facts import facts_refresh_on_commit
from workplaces.activities.kinds import ActivityAudit
from workplaces.activities.models import (
    Competition,
    Entrant,
    Honour,
    HonourStatus,
    Suggestion,
    SuggestionStatus,
    TrainingAttendance,
    TrainingSession,
)
from workplaces.activities.services import _slug
from workplaces.members.models import Member

HONOUR_FACTS = [
    "activities.model_workers",
    "activities.model_worker_roster",
    "activities.honours_by_year",
]


def honour_kinds(*, on: dt.date | None = None) -> dict[str, dict]:
    return {k["code"]: k for k in rule_value("activities.honour_kinds", on=on)}


@transaction.atomic
def competition_save(
    *,
    actor: Actor,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    description: str = "",
    competition: Competition | None = None,
) -> Competition:
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end is before the start.")}, code="order")
    row = competition or Competition(created_by=actor_label(actor))
    before = snapshot(row) if competition else None
    row.title, row.starts_on, row.ends_on, row.description = title, starts_on, ends_on, description
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        kind=ActivityAudit.COMPETITION,
        obj=row,
        before=before,
        after=snapshot(row),
        union_slug=_slug(),
    )
    return row


@transaction.atomic
def entrant_save(
    *,
    actor: Actor,
    competition: Competition,
    member: Member | None = None,
    team: str = "",
    result: str = "",
    rank: int | None = None,
) -> Entrant:
    """An entrant (a member or a team) and, later, its result; the same member once."""
    if member is None and not team.strip():
        raise ValidationError({"team": _("Name a member or a team.")}, code="required")
    row = (
        Entrant.objects.filter(competition=competition, member=member).first() if member else None
    ) or Entrant(competition=competition, member=member)
    before = snapshot(row) if row.pk else None
    row.team, row.result, row.rank = team.strip(), result, rank
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("This member has entered already."), code="duplicate") from None
    audit_record(
        actor=actor,
        kind=ActivityAudit.ENTRANT,
        obj=row,
        before=before,
        after=snapshot(row),
        union_slug=_slug(),
    )
    return row


@transaction.atomic
def suggestion_submit(
    *,
    actor: Actor,
    title: str,
    body: str,
    proposer: str,
    submitted_on: dt.date,
    member: Member | None = None,
) -> Suggestion:
    row = Suggestion(
        title=title,
        body=body,
        proposer=proposer,
        submitted_on=submitted_on,
        member=member,
        created_by=actor_label(actor),
    )
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        kind=ActivityAudit.SUGGESTION,
        obj=row,
        after=snapshot(row),
        union_slug=_slug(),
    )
    return row


@transaction.atomic
def suggestion_decide(
    *,
    actor: Actor,
    suggestion: Suggestion,
    adopted: bool,
    decided_on: dt.date,
    benefit: Decimal = Decimal("0.00"),
    benefit_note: str = "",
) -> Suggestion:
    """Adopt a proposal (with its benefit in CNY) or not."""
    row = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if row.status != SuggestionStatus.SUBMITTED:
        raise ConflictError(_("This proposal has been decided already."), code="decided")
    if decided_on < row.submitted_on:
        raise ValidationError({"decided_on": _("Before the proposal was made.")}, code="order")
    if not adopted and benefit:
        raise ValidationError({"benefit": _("Only an adopted proposal has a benefit.")})
    before = snapshot(row)
    row.status = SuggestionStatus.ADOPTED if adopted else SuggestionStatus.NOT_ADOPTED
    row.decided_on, row.benefit, row.benefit_note = decided_on, benefit, benefit_note
    row.save()
    audit_record(
        actor=actor,
        kind=ActivityAudit.SUGGESTION,
        obj=row,
        before=before,
        after=snapshot(row),
        union_slug=_slug(),
    )
    return row


def _honour_check(kind: str, level: str, member: Member | None, team: str) -> dict:
    kinds = honour_kinds()
    spec = kinds.get(kind)
    if spec is None:
        raise ValidationError(
            {
                "kind": _("Unknown honour; the rule table lists: %(k)s.")
                % {"k": "、".join(k["name"] for k in kinds.values())}
            },
            code="invalid_choice",
        )
    levels = spec.get("levels") or []
    if levels and level not in levels:
        raise ValidationError({"level": _("Choose a level of this honour.")}, code="invalid_choice")
    if not levels and level:
        raise ValidationError({"level": _("This honour has no levels.")}, code="invalid_choice")
    if spec.get("collective"):
        if not team.strip():
            raise ValidationError({"team": _("A collective honour names a team.")}, code="required")
    elif member is None:
        raise ValidationError({"member": _("Choose the member.")}, code="required")
    return spec


@transaction.atomic
def honour_nominate(
    *,
    actor: Actor,
    kind: str,
    year: int,
    level: str = "",
    member: Member | None = None,
    team: str = "",
    deeds: str = "",
) -> Honour:
    """A nomination (its form prints as PDF); the same honour once per member and year."""
    _honour_check(kind, level, member, team)
    row = Honour(
        kind=kind,
        level=level,
        member=member,
        team=team.strip(),
        year=year,
        deeds=deeds,
        nominated_by=actor_label(actor),
    )
    row.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(
            _("This member is nominated for this honour this year already."), code="duplicate"
        ) from None
    audit_record(
        actor=actor, kind=ActivityAudit.HONOUR, obj=row, after=snapshot(row), union_slug=_slug()
    )
    facts_refresh_on_commit(HONOUR_FACTS)
    return row


@transaction.atomic
def honour_decide(
    *, actor: Actor, honour: Honour, awarded: bool, on: dt.date | None = None, awarded_by: str = ""
) -> Honour:
    row = Honour.objects.select_for_update().get(pk=honour.pk)
    if row.status != HonourStatus.NOMINATED:
        raise ConflictError(_("This nomination has been decided already."), code="decided")
    before = snapshot(row)
    row.status = HonourStatus.AWARDED if awarded else HonourStatus.NOT_AWARDED
    row.awarded_on = (on or timezone.localdate()) if awarded else None
    row.awarded_by = awarded_by
    row.save()
    audit_record(
        actor=actor,
        kind=ActivityAudit.HONOUR,
        obj=row,
        before=before,
        after=snapshot(row),
        union_slug=_slug(),
    )
    if awarded:
        _model_worker_record(actor=actor, honour=row)
    facts_refresh_on_commit(HONOUR_FACTS)
    return row


# highest first: a member keeps the highest model-worker title awarded
MODEL_WORKER_RANK = ["national", "provincial", "city", "county"]


def _model_worker_record(*, actor: Actor, honour: Honour) -> None:
    """An awarded 劳动模范 (an honour kind flagged ``model_worker`` in the rule table) is
    written to the member's real-name record (是否劳模 and its level), through the members
    service so the change is audited; a lower title never replaces a higher one."""
    spec = honour_kinds().get(honour.kind) or {}
    if not spec.get("model_worker") or honour.member_id is None:
        return
    from workplaces.members.services import member_update

    member = Member.objects.get(pk=honour.member_id)
    level = honour.level if honour.level in MODEL_WORKER_RANK else ""
    held = member.model_worker_level
    if member.model_worker and (
        not level
        or (
            held in MODEL_WORKER_RANK
            and MODEL_WORKER_RANK.index(held) <= MODEL_WORKER_RANK.index(level)
        )
    ):
        return
    member_update(member=member, actor=actor, model_worker=True, model_worker_level=level or held)


@transaction.atomic
def training_save(
    *,
    actor: Actor,
    title: str,
    audience: str,
    held_on: dt.date,
    hours: Decimal,
    place: str = "",
    trainer: str = "",
    content: str = "",
    member_ids: list[int] | None = None,
) -> TrainingSession:
    """A cadre or member training session and who attended (each for the session's hours)."""
    session = TrainingSession(
        title=title,
        audience=audience,
        held_on=held_on,
        hours=hours,
        place=place,
        trainer=trainer,
        content=content,
        created_by=actor_label(actor),
    )
    session.full_clean()
    session.save()
    ids = sorted(set(member_ids or []))
    found = set(Member.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if len(found) != len(ids):
        raise ValidationError(
            {
                "members": _("Unknown members: %(ids)s.")
                % {"ids": ", ".join(str(i) for i in ids if i not in found)}
            },
            code="unknown",
        )
    TrainingAttendance.objects.bulk_create(
        [TrainingAttendance(session=session, member_id=i, hours=hours) for i in ids]
    )
    audit_record(
        actor=actor,
        kind=ActivityAudit.TRAINING,
        obj=session,
        after={**snapshot(session), "members": ids},
        union_slug=_slug(),
    )
    facts_refresh_on_commit(["activities.training_hours_by_year"])
    return session
