"""Report cycles: issue a form version for a period to unions, prefilled; send it to more
unions; close it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.platform.errors import ConflictError
from federation.reports import rules as R
from federation.reports.models import (
    Cycle,
    CycleStatus,
    ReportForm,
    ReportsAuditKind,
    Submission,
)
from federation.reports.selectors import prefill_for
from tenants.context import federation_side
from tenants.models import Union, UnionRollup
from tenants.selectors import unions_serving

UnionsChoice = Literal["all"] | Sequence[str]


def _unions_pick(unions: UnionsChoice) -> list[Union]:
    """The serving unions named (or all of them); an unknown slug is a 400 on ``unions``."""
    if unions == "all":
        picked = list(unions_serving())
        if not picked:
            raise ValidationError(
                {"unions": [_("There is no union to send the report to.")]}, code="no_union"
            )
        return picked
    slugs = list(unions)
    if not slugs:
        raise ValidationError({"unions": [_('Send "all" or a list of union slugs.')]})
    found = {u.slug: u for u in unions_serving().filter(slug__in=slugs)}
    unknown = sorted(set(slugs) - set(found))
    if unknown:
        raise ValidationError(
            {"unions": [_("Unknown unions: %s.") % ", ".join(unknown)]}, code="unknown_union"
        )
    return [found[s] for s in dict.fromkeys(slugs)]


def _prime_rollups(unions: list[Union]) -> None:
    """Load the roll-ups of many unions in one query for the sources to read."""
    rollups = {r.union_id: r for r in UnionRollup.objects.filter(union__in=unions)}
    for union in unions:
        union._reports_rollup = rollups.get(union.pk)  # type: ignore[attr-defined]


def _submissions_create(*, cycle: Cycle, unions: list[Union]) -> list[Union]:
    """One prefilled submission per union that has none in the cycle; the unions added."""
    fields = list(cycle.form.fields.all())
    _prime_rollups(unions)
    have = set(cycle.submissions.values_list("union_id", flat=True))
    added = [u for u in unions if u.pk not in have]
    Submission.objects.bulk_create(
        [
            Submission(
                cycle=cycle,
                union=u,
                prefilled=prefill_for(form=cycle.form, union=u, fields=fields),
            )
            for u in added
        ],
        ignore_conflicts=True,
    )
    return added


@federation_side
@transaction.atomic
def cycle_open(
    *, form: ReportForm, period: str, due_date: dt.date, unions: UnionsChoice, actor: Actor = None
) -> Cycle:
    """Issue a form for a period to all serving unions or the chosen ones, prefilled. One
    cycle per form code and period (a second one is a conflict)."""
    period = R.period_validate(period)
    picked = _unions_pick(unions)
    # lock the code's versions so two officers opening the same cycle at once (on different
    # versions) cannot both pass the check
    list(ReportForm.objects.select_for_update().filter(code=form.code).values_list("pk", flat=True))
    if Cycle.objects.filter(form__code=form.code, period=period).exists():
        raise ConflictError(
            _("A cycle of this form for %s is already open.") % period, code="cycle_exists"
        )
    cycle = Cycle.objects.create(
        form=form, period=period, due_date=due_date, opened_by=actor_label(actor)
    )
    _submissions_create(cycle=cycle, unions=picked)
    audit_record(
        actor=actor,
        kind=ReportsAuditKind.CYCLE_OPENED,
        obj=cycle,
        after={
            "form": form.pk,
            "period": period,
            "due_date": due_date,
            "unions": [u.slug for u in picked],
        },
    )
    return cycle


@federation_side
@transaction.atomic
def cycle_unions_add(*, cycle: Cycle, unions: UnionsChoice, actor: Actor = None) -> int:
    """Send an open cycle to more unions (a union founded after the cycle opened)."""
    cycle = Cycle.objects.select_for_update().select_related("form").get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        raise ValidationError({"status": [_("The cycle is closed.")]}, code="closed")
    added = _submissions_create(cycle=cycle, unions=_unions_pick(unions))
    if added:
        audit_record(
            actor=actor,
            kind=ReportsAuditKind.CYCLE_UNIONS_ADDED,
            obj=cycle,
            after={"unions": [u.slug for u in added]},
        )
    return len(added)


@federation_side
@transaction.atomic(durable=True)
def cycle_close(*, cycle: Cycle, actor: Actor = None) -> Cycle:
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == CycleStatus.CLOSED:
        return cycle
    cycle.status = CycleStatus.CLOSED
    cycle.closed_at = timezone.now()
    cycle.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=actor,
        kind=ReportsAuditKind.CYCLE_CLOSED,
        obj=cycle,
        before={"status": CycleStatus.OPEN},
        after={"status": CycleStatus.CLOSED, "closed_at": cycle.closed_at},
    )
    return cycle
