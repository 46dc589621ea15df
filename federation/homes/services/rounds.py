"""Rounds: a set of unions asked to self-assess against a scheme by a deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.homes.audit_kinds import HomeAuditKind
from federation.homes.models import (
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    EventKind,
    Round,
    RoundKind,
    Scheme,
)
from federation.homes.services._base import field_error
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.platform.errors import duplicate_only
from tenants.context import federation_side
from tenants.models import Union
from tenants.selectors import unions_serving

ALL = "all"


def _unions_chosen(unions: Sequence[str] | str, *, kind: str) -> list[Union]:
    if unions == ALL:
        serving = unions_serving()
        if kind == RoundKind.RECHECK:
            serving = serving.filter(home_titles__current=True).distinct()
        chosen = list(serving)
        if not chosen:
            raise field_error("unions", _("No union to assess."), "empty")
        return chosen
    slugs = list(unions)
    if len(set(slugs)) != len(slugs):
        raise field_error("unions", _("A union is named twice."), "twice")
    found = {u.slug: u for u in unions_serving().filter(slug__in=slugs)}
    unknown = [s for s in slugs if s not in found]
    if unknown:
        raise field_error(
            "unions", _("Unknown or inactive union: %s.") % ", ".join(unknown), "unknown_union"
        )
    return [found[s] for s in slugs]


def _assessments_create(rnd: Round, unions: list[Union], *, actor: Actor) -> list[Assessment]:
    criteria = list(rnd.scheme.criteria.all())
    created = Assessment.objects.bulk_create(Assessment(round=rnd, union=u) for u in unions)
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=a, criterion=c) for a in created for c in criteria
    )
    AssessmentEvent.objects.bulk_create(
        AssessmentEvent(
            assessment=a,
            kind=EventKind.OPENED,
            actor=actor_label(actor),
            side="federation",
            comment=_("Self-assessment due by %(date)s.") % {"date": rnd.deadline},
        )
        for a in created
    )
    return created


@federation_side
@transaction.atomic(durable=True)
def round_open(
    *,
    scheme: Scheme,
    title: str,
    deadline: dt.date,
    unions: Sequence[str] | str,
    kind: str = RoundKind.NORMAL,
    actor: Actor,
) -> Round:
    """Open a round: one assessment (with one item per criterion) for each union named, or
    for every serving union with ``"all"`` (for a re-check, every union holding a title).
    A title already used is refused (``duplicate``): the same form sent twice opens one round."""
    if deadline < timezone.localdate():
        raise field_error("deadline", _("The deadline cannot be in the past."), "past")
    duplicate = field_error(
        "title", _("There is already an assessment round with this title."), "duplicate"
    )
    if Round.objects.filter(title=title).exists():
        raise duplicate
    chosen = _unions_chosen(unions, kind=kind)
    try:
        with transaction.atomic():
            rnd = Round.objects.create(
                title=title,
                scheme=scheme,
                deadline=deadline,
                kind=kind,
                opened_by=actor_label(actor),
            )
    except IntegrityError as exc:  # a concurrent retry won the race: the constraint holds
        duplicate_only(exc)
        raise duplicate from None
    _assessments_create(rnd, chosen, actor=actor)
    audit_record(
        actor=actor,
        kind=HomeAuditKind.ROUND_OPENED,
        obj=rnd,
        after={
            "title": title,
            "scheme": scheme.pk,
            "deadline": deadline,
            "kind": kind,
            "unions": [u.slug for u in chosen],
        },
    )
    return rnd


@federation_side
@transaction.atomic
def round_add_unions(*, round: Round, unions: list[Union], actor: Actor) -> list[Assessment]:
    """Add unions to an open round (e.g. a union founded after it opened); idempotent."""
    rnd = Round.objects.select_for_update().select_related("scheme").get(pk=round.pk)
    if rnd.closed_at is not None:
        raise field_error("round", _("This round is closed."), "round_closed")
    have = set(rnd.assessments.values_list("union_id", flat=True))
    created = _assessments_create(rnd, [u for u in unions if u.pk not in have], actor=actor)
    if created:
        audit_record(
            actor=actor,
            kind=HomeAuditKind.ROUND_UNIONS_ADDED,
            obj=rnd,
            after={"unions": [a.union.slug for a in created]},
        )
    return created


@federation_side
@transaction.atomic
def round_close(*, round: Round, actor: Actor) -> Round:
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    if rnd.closed_at is None:
        rnd.closed_at = timezone.now()
        rnd.save(update_fields=["closed_at"])
        audit_record(
            actor=actor,
            kind=HomeAuditKind.ROUND_CLOSED,
            obj=rnd,
            after={"closed_at": rnd.closed_at},
        )
    return rnd
