"""What the staff-home services share: the history event, the row lock, the edit guard."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from federation.homes.models import EDITABLE, Assessment, AssessmentEvent, AssessmentItem
from federation.platform.actors import Actor, actor_label
from federation.platform.errors import field_error as field_error

ZERO = Decimal("0.00")
HUNDRED = Decimal("100.00")
ASSESSMENT_AUDIT_FIELDS = [
    "status",
    "self_total",
    "score",
    "level_id",
    "approval_rate",
    "deadline",
    "reopened",
]


class Unset:
    """The value of an argument that was not sent (a PATCH leaves that field alone)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = Unset()


def event_add(
    assessment: Assessment,
    *,
    kind: str,
    actor: Actor,
    side: str,
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> AssessmentEvent:
    return AssessmentEvent.objects.create(
        assessment=assessment,
        kind=kind,
        actor=actor_label(actor),
        side=side,
        comment=comment or "",
        data=data or {},
    )


def assessment_lock(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update()
        .select_related("round__scheme", "union")
        .get(pk=assessment.pk)
    )


def editable_or_400(a: Assessment) -> None:
    if a.status not in EDITABLE:
        raise field_error(
            "status",
            _("This assessment is %(status)s and cannot be changed.")
            % {"status": a.get_status_display()},
            "not_editable",
        )
    if a.round.closed_at is not None:
        raise field_error("status", _("This round is closed."), "round_closed")


def items_by_code(a: Assessment) -> dict[str, AssessmentItem]:
    return {
        i.criterion.code: i
        for i in a.items.select_related("criterion").select_for_update(of=("self",))
    }


def self_total_recompute(a: Assessment) -> None:
    a.self_total = sum(
        (s for s in a.items.values_list("self_score", flat=True) if s is not None), ZERO
    )


def items_apply(
    items: list[dict[str, Any]],
    by_code: dict[str, AssessmentItem],
    *,
    score_field: str,
    text_field: str,
    refuse_twice: bool,
) -> list[AssessmentItem]:
    """Per-criterion scores (0..the criterion's maximum) and text, from the union's
    self-assessment or the assessor's review. Every problem is one message naming the
    criterion and the field, with ``params`` ``{"criterion", "field"}`` so a page can mark
    that one box; nothing is applied when any item is wrong."""
    updates: list[AssessmentItem] = []
    problems: list[ValidationError] = []
    seen: set[str] = set()
    for raw in items:
        code = raw["code"]
        item = by_code.get(code)
        if item is None:
            problems.append(_item_error(code, "code", "unknown_criterion"))
            continue
        if refuse_twice and code in seen:
            problems.append(_item_error(code, "code", "criterion_twice"))
            continue
        seen.add(code)
        score = raw.get(score_field, UNSET)
        if score is not None and not isinstance(score, Unset) and score > item.criterion.max_points:
            problems.append(
                _item_error(code, score_field, "above_max", maximum=item.criterion.max_points)
            )
            continue
        if not isinstance(score, Unset):
            setattr(item, score_field, score)
        if text_field in raw:
            setattr(item, text_field, raw[text_field])
        updates.append(item)
    if problems:
        raise ValidationError({"items": problems})
    return updates


def _item_error(
    code: str, field: str, kind: str, *, maximum: Decimal | None = None
) -> ValidationError:
    labels = {
        "self_score": _("self score"),
        "score": _("score"),
        "code": _("criterion"),
    }
    if kind == "unknown_criterion":
        text = _("Criterion %(criterion)s: there is no such criterion in this scheme.")
    elif kind == "criterion_twice":
        text = _("Criterion %(criterion)s is given twice.")
    else:
        text = _("%(criterion)s %(label)s: enter a number from 0 to %(max)s.")
    params = {"criterion": code, "field": field, "label": labels.get(field, field), "max": maximum}
    return ValidationError(text, code=kind, params=params)
