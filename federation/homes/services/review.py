"""The federation's review of a submitted self-assessment: scores, then one decision
(accept, return for rectification 整改, veto 一票否决, or save to decide later), and the
reopening of an assessment whose deadline passed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from federation.homes import selectors
from federation.homes.audit_kinds import HomeAuditKind
from federation.homes.checks import vetoes_blocking, vetoes_run
from federation.homes.models import EDITABLE, Assessment, AssessmentItem, EventKind, Status
from federation.homes.scoring import level_for, mandatory_zero
from federation.homes.services._base import (
    ASSESSMENT_AUDIT_FIELDS,
    ZERO,
    assessment_lock,
    event_add,
    field_error,
    items_apply,
    items_by_code,
)
from federation.homes.services.titles import recheck_withdraw, title_award
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.outbox.services import message_enqueue
from tenants.context import federation_side

DECISIONS = ("accept", "return", "veto", "save")


def _guard(a: Assessment, *, decision: str, union: str | None) -> None:
    if union is not None and union != a.union.slug:
        raise field_error("union", _("This union is not in the round."), "not_in_round")
    if decision not in DECISIONS:
        raise field_error(
            "decision", _("Choose one of: %s.") % ", ".join(DECISIONS), "invalid_choice"
        )
    if a.status != Status.SUBMITTED:
        raise field_error(
            "status",
            _("Only a submitted assessment can be reviewed; this one is %(status)s.")
            % {"status": a.get_status_display()},
            "not_submitted",
        )


def _deadline_for(decision: str, deadline: dt.date | None) -> dt.date | None:
    """The new deadline of a return: the one given (not in the past), or the rule table's
    days for rectification (整改) from today."""
    if decision != "return":
        return None
    today = timezone.localdate()
    if deadline is None:
        return today + dt.timedelta(days=selectors.rule_in_force(on=today).rectification_days)
    if deadline < today:
        raise field_error("deadline", _("The new deadline cannot be in the past."), "past")
    return deadline


def _inputs_checked(
    a: Assessment,
    *,
    decision: str,
    comment: str,
    deadline: dt.date | None,
    items: list[dict[str, Any]] | None,
) -> tuple[dt.date | None, list[AssessmentItem], dict[str, AssessmentItem]]:
    errors: dict[str, list[ValidationError]] = {}
    if decision in ("return", "veto") and not comment.strip():
        errors["comment"] = [ValidationError(_("Give the reason in the comment."), code="required")]
    new_deadline = None
    try:
        new_deadline = _deadline_for(decision, deadline)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    by_code = items_by_code(a)
    updates: list[AssessmentItem] = []
    if items:
        try:
            updates = items_apply(
                items, by_code, score_field="score", text_field="comment", refuse_twice=False
            )
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    return new_deadline, updates, by_code


@federation_side
@transaction.atomic
def assessment_review(
    *,
    assessment: Assessment,
    items: list[dict[str, Any]] | None = None,
    decision: str = "save",
    comment: str = "",
    deadline: dt.date | None = None,
    union: str | None = None,
    actor: Actor,
) -> Assessment:
    """The assessor's scores (0..max per criterion, with comments) and decision: ``accept``
    (every criterion scored, no veto check blocking; the level from the total and the
    approval rate), ``return`` for rectification with a reason and a new deadline,
    ``veto`` with a reason, or ``save`` to decide later."""
    a = assessment_lock(assessment)
    _guard(a, decision=decision, union=union)
    new_deadline, updates, by_code = _inputs_checked(
        a, decision=decision, comment=comment, deadline=deadline, items=items
    )
    if updates:
        AssessmentItem.objects.bulk_update(updates, ["score", "comment"])
    before = snapshot(a, ASSESSMENT_AUDIT_FIELDS)
    scored = [i.score for i in by_code.values() if i.score is not None]
    a.score = sum(scored, ZERO) if scored else None
    a.veto_results = vetoes_run(union=a.union)
    if decision == "save":
        return _scores_save(a, comment=comment, before=before, actor=actor)
    a.reviewed_at, a.reviewed_by, a.review_comment = timezone.now(), actor_label(actor), comment
    if decision == "return":
        _return(a, deadline=new_deadline, comment=comment, before=before, actor=actor)
    elif decision == "veto":
        _veto(a, comment=comment, before=before, actor=actor)
    else:
        _accept(a, by_code, comment=comment, before=before, actor=actor)
    _notify_decision(a, comment=comment)
    return a


def _audit(a: Assessment, kind: str, *, before: dict[str, Any], comment: str, actor: Actor) -> None:
    audit_record(
        actor=actor,
        kind=kind,
        obj=a,
        before=before,
        after=snapshot(a, ASSESSMENT_AUDIT_FIELDS),
        union_slug=a.union.slug,
        note=comment,
    )


def _scores_save(
    a: Assessment, *, comment: str, before: dict[str, Any], actor: Actor
) -> Assessment:
    a.save()
    event_add(
        a,
        kind=EventKind.REVIEW_SAVED,
        actor=actor,
        side="federation",
        comment=comment,
        data={"score": str(a.score)},
    )
    _audit(a, HomeAuditKind.REVIEW_SAVED, before=before, comment=comment, actor=actor)
    return a


def _return(
    a: Assessment, *, deadline: dt.date | None, comment: str, before: dict[str, Any], actor: Actor
) -> None:
    a.status = Status.RETURNED
    a.deadline = deadline
    a.save()
    event_add(
        a,
        kind=EventKind.RETURNED,
        actor=actor,
        side="federation",
        comment=comment,
        data={"deadline": str(deadline), "score": str(a.score)},
    )
    _audit(a, HomeAuditKind.RETURNED, before=before, comment=comment, actor=actor)


def _veto(a: Assessment, *, comment: str, before: dict[str, Any], actor: Actor) -> None:
    a.status = Status.VETOED
    a.level = None
    a.save()
    failed = [v["key"] for v in vetoes_blocking(a.veto_results)]
    event_add(
        a,
        kind=EventKind.VETOED,
        actor=actor,
        side="federation",
        comment=comment,
        data={"failed": failed},
    )
    _audit(a, HomeAuditKind.VETOED, before=before, comment=comment, actor=actor)
    recheck_withdraw(a, actor=actor, reason=comment)


def _accept_refusal(a: Assessment, by_code: dict[str, AssessmentItem]) -> None:
    missing = [code for code, i in by_code.items() if i.score is None]
    if missing:
        raise field_error(
            "items",
            _("Score every criterion before accepting; missing: %(codes)s.")
            % {"codes": ", ".join(missing)},
            "unscored",
        )
    blocking = vetoes_blocking(a.veto_results)
    if blocking:
        why = " ".join(f"{v['label']}: {v['reason']}" for v in blocking)
        message = _(
            "A veto check failed or has no record, the assessment cannot be accepted: %(why)s"
        ) % {"why": why}
        raise field_error("decision", message, "veto_blocks")


def _accept(
    a: Assessment,
    by_code: dict[str, AssessmentItem],
    *,
    comment: str,
    before: dict[str, Any],
    actor: Actor,
) -> None:
    _accept_refusal(a, by_code)
    items = list(by_code.values())
    level = level_for(
        levels=selectors.scheme_levels(a.round.scheme),
        total=a.score or ZERO,
        approval_rate=a.approval_rate,
        mandatory_failed=mandatory_zero(items, field="score"),
    )
    a.level = level
    a.status = Status.ACCEPTED if level else Status.FAILED
    a.save()
    data = {
        "score": str(a.score),
        "level": level.name if level else None,
        "mandatory_zero": [c for c, i in by_code.items() if i.criterion.mandatory and i.score == 0],
    }
    event_add(
        a,
        kind=EventKind.ACCEPTED if level else EventKind.FAILED,
        actor=actor,
        side="federation",
        comment=comment,
        data=data,
    )
    kind = HomeAuditKind.ACCEPTED if level else HomeAuditKind.FAILED
    _audit(a, kind, before=before, comment=comment, actor=actor)
    if level:
        title_award(a, level=level, actor=actor)
    else:
        recheck_withdraw(a, actor=actor, reason=comment or _("The re-check did not reach a level."))


def _decision_text(a: Assessment, *, comment: str) -> tuple[str, str]:
    values = {"round": a.round.title, "score": a.score, "comment": comment}
    if a.status == Status.RETURNED:
        return _("Staff home: returned for rectification"), _(
            '"%(round)s" was returned for rectification; please resubmit by %(date)s. %(comment)s'
        ) % {**values, "date": a.effective_deadline}
    if a.status == Status.ACCEPTED and a.level is not None:
        level = a.level.name
        return _("Staff home: accepted as %(level)s") % {"level": level}, _(
            '"%(round)s": accepted with %(score)s points, level %(level)s. %(comment)s'
        ) % {**values, "level": level}
    if a.status == Status.VETOED:
        return _("Staff home: vetoed"), _('"%(round)s" was vetoed: %(comment)s') % values
    return _("Staff home: not passed"), _(
        '"%(round)s": %(score)s points reach no level. %(comment)s'
    ) % values


def _notify_decision(a: Assessment, *, comment: str) -> None:
    """The union hears of the decision through the outbox (an in-app notice on its home
    page), once per decision: the key carries the submission it answers."""
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _decision_text(a, comment=comment)
    message_enqueue(
        union=a.union,
        kind=f"homes.{a.status}",
        subject=subject,
        body=body.strip(),
        dedupe_key=f"homes:assessment:{a.pk}:{a.status}:{a.submissions}",
        link=f"/homes/{a.pk}/",
    )


@federation_side
@transaction.atomic(durable=True)
def assessment_reopen(
    *, assessment: Assessment, deadline: dt.date | None = None, comment: str = "", actor: Actor
) -> Assessment:
    """Let a union submit after its deadline (optionally with a new deadline)."""
    a = assessment_lock(assessment)
    if a.status not in EDITABLE:
        raise field_error(
            "status", _("Only an assessment not yet submitted can be reopened."), "not_editable"
        )
    if deadline is not None and deadline < timezone.localdate():
        raise field_error("deadline", _("The new deadline cannot be in the past."), "past")
    before = snapshot(a, ASSESSMENT_AUDIT_FIELDS)
    if deadline is not None:
        a.deadline = deadline
    a.reopened = True
    a.save()
    event_add(
        a,
        kind=EventKind.REOPENED,
        actor=actor,
        side="federation",
        comment=comment,
        data={"deadline": str(a.effective_deadline)},
    )
    _audit(a, HomeAuditKind.REOPENED, before=before, comment=comment, actor=actor)
    return a
