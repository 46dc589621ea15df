"""The union's self-assessment: self scores and evidence text per criterion, the members'
approval rate from its own survey, and the submission by the deadline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.homes.checks import vetoes_run
from federation.homes.models import (
    EDITABLE,
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    EventKind,
    Status,
)
from federation.homes.services._base import (
    UNSET,
    Unset,
    assessment_lock,
    editable_or_400,
    event_add,
    items_apply,
    items_by_code,
    self_total_recompute,
)
from federation.platform.actors import Actor, actor_label
from federation.platform.errors import NotFoundError
from tenants.context import union_side
from tenants.models import Union


def _own(union: Union, assessment: Assessment) -> Assessment:
    if assessment.union_id != union.pk:
        raise NotFoundError(code="not_found")
    return assessment_lock(assessment)


def _saved_event(a: Assessment, codes: list[str], *, actor: Actor) -> None:
    """A run of drafts by the same person is one step of the history, with a count."""
    last = a.events.order_by("-id").first()
    if last is not None and last.kind == EventKind.SAVED and last.actor == actor_label(actor):
        saved = sorted(set(last.data.get("items", [])) | set(codes))
        data = {
            "items": saved,
            "self_total": str(a.self_total),
            "saves": last.data.get("saves", 1) + 1,
        }
        AssessmentEvent.objects.filter(pk=last.pk).update(at=timezone.now(), data=data)
        return
    event_add(
        a,
        kind=EventKind.SAVED,
        actor=actor,
        side="union",
        data={"items": codes, "self_total": str(a.self_total), "saves": 1},
    )


@union_side
@transaction.atomic
def assessment_save(
    *,
    union: Union,
    assessment: Assessment,
    items: list[dict[str, Any]] | None = None,
    approval_rate: Decimal | None | Unset = UNSET,
    survey_note: str | Unset = UNSET,
    actor: Actor,
) -> Assessment:
    """Save the union's self scores (0..max of each criterion), evidence text and the
    members' approval rate (0..100 %). Allowed while not started, draft or returned."""
    a = _own(union, assessment)
    editable_or_400(a)
    updates: list[AssessmentItem] = []
    if items is not None:
        updates = items_apply(
            items,
            items_by_code(a),
            score_field="self_score",
            text_field="evidence",
            refuse_twice=True,
        )
    if not isinstance(approval_rate, Unset):
        a.approval_rate = approval_rate
    if not isinstance(survey_note, Unset):
        a.survey_note = survey_note
    if updates:
        AssessmentItem.objects.bulk_update(updates, ["self_score", "evidence"])
    self_total_recompute(a)
    if a.status == Status.NOT_STARTED:
        a.status = Status.DRAFT
    a.save()
    _saved_event(a, [u.criterion.code for u in updates], actor=actor)
    return a


def submit_blockers(a: Assessment, *, today: dt.date | None = None) -> dict[str, list[str]]:
    """Why the assessment cannot be submitted now (empty when it can)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if a.status not in EDITABLE:
        errors["status"] = [
            _("This assessment is %(status)s and cannot be submitted.")
            % {"status": a.get_status_display()}
        ]
        return errors
    if a.round.closed_at is not None:
        errors["status"] = [_("This round is closed.")]
    if a.effective_deadline < today and not a.reopened:
        errors["deadline"] = [
            _("The deadline %(date)s has passed; ask the federation to reopen the assessment.")
            % {"date": a.effective_deadline}
        ]
    missing = list(
        a.items.filter(self_score__isnull=True).values_list("criterion__code", flat=True)
    )
    if missing:
        errors["items"] = [
            _("Score every criterion before submitting; missing: %(codes)s.")
            % {"codes": ", ".join(missing)}
        ]
    if a.approval_rate is None:
        errors["approval_rate"] = [_("Record the members' approval rate from your survey.")]
    return errors


@union_side
@transaction.atomic
def assessment_submit(*, union: Union, assessment: Assessment, actor: Actor) -> Assessment:
    """Submit the self-assessment: every criterion scored, the approval rate recorded, by the
    deadline (the round's, or the rectification deadline), unless the federation reopened it."""
    a = _own(union, assessment)
    errors = submit_blockers(a)
    if errors:
        raise ValidationError(errors, code="not_ready")
    self_total_recompute(a)
    was_returned = a.status == Status.RETURNED
    a.status = Status.SUBMITTED
    a.submitted_at = timezone.now()
    a.submissions += 1
    a.reopened = False
    a.veto_results = vetoes_run(union=a.union)
    a.save()
    event_add(
        a,
        kind=EventKind.SUBMITTED,
        actor=actor,
        side="union",
        comment=_("Resubmitted after rectification.") if was_returned else "",
        data={"self_total": str(a.self_total), "approval_rate": str(a.approval_rate)},
    )
    return a
