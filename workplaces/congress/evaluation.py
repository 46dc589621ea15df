"""Democratic evaluation (民主评议) by secret ballot.

A voter casts one ballot per evaluation, a grade for every subject. The marker that they
voted is written first and its unique constraint refuses a second ballot; the grades go to
``Ballot`` rows with no voter, no time and random keys. The audit event records that the
login voted, never the grades. Nobody, the chair included, can read who gave which grade:
only the tally per subject and grade exists.
"""

from __future__ import annotations

from collections import Counter

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from federation.platform.actors import Actor
from federation.platform.audit.services import audit_record
from federation.platform.errors import ConflictError, duplicate_only
from tenants.context import union_side
from workplaces.congress.audit_kinds import CongressAuditKind
from workplaces.congress.models import Ballot, Evaluation, EvaluationSubject, Grade, VotedMarker
from workplaces.congress.services import _slug, _text
from workplaces.organization.common import field_error


@union_side
@transaction.atomic(durable=True)
def evaluation_create(*, title: str, subjects: list[tuple[str, str]], actor: Actor) -> Evaluation:
    rows = [
        (_text(n, "subjects", 50), _text(p, "subjects", 100, required=False)) for n, p in subjects
    ]
    if not rows:
        raise field_error("subjects", _("Name at least one cadre."), code="required")
    evaluation = Evaluation.objects.create(title=_text(title, "title", 200))
    EvaluationSubject.objects.bulk_create(
        [EvaluationSubject(evaluation=evaluation, name=n, post=p) for n, p in rows]
    )
    audit_record(
        actor=actor,
        kind=CongressAuditKind.EVALUATION,
        obj=evaluation,
        after={"title": evaluation.title, "subjects": [n for n, _p in rows]},
        union_slug=_slug(),
    )
    return evaluation


@union_side
@transaction.atomic(durable=True)
def evaluation_vote(*, evaluation: Evaluation, voter: Actor, grades: dict[int, str]) -> int:
    """Cast the voter's ballot: one grade for every subject. Returns the ballots written."""
    if voter is None or not getattr(voter, "is_authenticated", False):
        raise field_error("voter", _("Log in to vote."), code="anonymous")
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not evaluation.is_open:
        raise ConflictError(_("This evaluation is closed."), code="closed")
    subjects = {s.pk: s for s in evaluation.subjects.all()}
    if set(grades) != set(subjects):
        raise field_error("grades", _("Grade every cadre once."), code="incomplete")
    if any(g not in Grade.values for g in grades.values()):
        raise field_error("grades", _("Unknown grade."), code="invalid")
    try:
        with transaction.atomic():
            VotedMarker.objects.create(evaluation=evaluation, voter_id=int(getattr(voter, "pk", 0)))
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("You have already voted in this evaluation."), code="voted") from None
    Ballot.objects.bulk_create(
        [Ballot(evaluation=evaluation, subject=subjects[pk], grade=g) for pk, g in grades.items()]
    )
    audit_record(
        actor=voter,
        kind=CongressAuditKind.BALLOT,
        obj=evaluation,
        after={"voted": True},
        union_slug=_slug(),
    )
    return len(grades)


@union_side
@transaction.atomic(durable=True)
def evaluation_close(*, evaluation: Evaluation, actor: Actor) -> Evaluation:
    evaluation.is_open = False
    evaluation.save(update_fields=["is_open"])
    audit_record(
        actor=actor,
        kind=CongressAuditKind.EVALUATION,
        obj=evaluation,
        after={"closed": True},
        union_slug=_slug(),
    )
    return evaluation


@union_side
def evaluation_tally(*, evaluation: Evaluation) -> list[dict]:
    """Per subject: the count of each grade and the number of voters."""
    counts = Counter(
        (subject_id, grade)
        for subject_id, grade in Ballot.objects.filter(evaluation=evaluation).values_list(
            "subject_id", "grade"
        )
    )
    return [
        {
            "subject": s.pk,
            "name": s.name,
            "post": s.post,
            "grades": {g: counts.get((s.pk, g), 0) for g in Grade.values},
        }
        for s in evaluation.subjects.all()
    ]
