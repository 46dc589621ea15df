"""Work plans and summaries (工作计划、总结) and openness of affairs (厂务公开)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError, duplicate_only
from tenants.context import union_side
from workplaces.organization.audit_kinds import OrgAuditKind
from workplaces.organization.common import facts_refresh_on_commit, field_error, this_union
from workplaces.organization.models import Channel, OpennessItem, PlanItem, PlanKind, WorkPlan


def _text(value: str, field: str, *, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise field_error(field, _("This field is required."), code="required")
    if len(value) > max_length:
        raise ValidationError(
            {field: [_("At most %(n)s characters.") % {"n": max_length}]}, code="too_long"
        )
    return value


@union_side
@transaction.atomic(durable=True)
def plan_create(*, year: int, title: str, actor: Actor, kind: str = PlanKind.YEAR) -> WorkPlan:
    title = _text(title, "title", max_length=200)
    if kind not in PlanKind.values:
        raise field_error("kind", _("Unknown plan kind."), code="invalid")
    if not 2000 <= year <= 2100:
        raise field_error("year", _("A year between 2000 and 2100."), code="invalid")
    try:
        with transaction.atomic():
            plan = WorkPlan.objects.create(year=year, title=title, kind=kind)
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("This plan already exists.")) from None
    audit_record(
        actor=actor,
        kind=OrgAuditKind.PLAN,
        obj=plan,
        after=snapshot(plan),
        union_slug=this_union().slug,
    )
    return plan


@union_side
@transaction.atomic(durable=True)
def plan_summarise(*, plan: WorkPlan, summary: str, actor: Actor) -> WorkPlan:
    before = snapshot(plan)
    plan.summary = _text(summary, "summary", max_length=20000)
    plan.summary_on = timezone.localdate()
    plan.save(update_fields=["summary", "summary_on"])
    audit_record(
        actor=actor,
        kind=OrgAuditKind.PLAN,
        obj=plan,
        before=before,
        after=snapshot(plan),
        union_slug=this_union().slug,
    )
    return plan


@union_side
@transaction.atomic(durable=True)
def plan_item_add(
    *, plan: WorkPlan, title: str, due_on: dt.date, actor: Actor, owner: str = ""
) -> PlanItem:
    item = PlanItem.objects.create(
        plan=plan,
        title=_text(title, "title", max_length=200),
        owner=_text(owner, "owner", max_length=50, required=False),
        due_on=due_on,
    )
    audit_record(
        actor=actor,
        kind=OrgAuditKind.PLAN_ITEM,
        obj=item,
        after=snapshot(item),
        union_slug=this_union().slug,
    )
    return item


@union_side
@transaction.atomic(durable=True)
def plan_item_progress(*, item: PlanItem, progress: int, actor: Actor) -> PlanItem:
    if not 0 <= progress <= 100:
        raise field_error("progress", _("Progress is 0 to 100."), code="range")
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    before = snapshot(item)
    item.progress = progress
    item.done_on = timezone.localdate() if progress == 100 else None
    item.save(update_fields=["progress", "done_on"])
    audit_record(
        actor=actor,
        kind=OrgAuditKind.PLAN_ITEM,
        obj=item,
        before=before,
        after=snapshot(item),
        union_slug=this_union().slug,
    )
    return item


@union_side
@transaction.atomic(durable=True)
def openness_publish(
    *, title: str, published_on: dt.date, channel: str, actor: Actor, body: str = ""
) -> OpennessItem:
    """An item made public to members (厂务公开 / 校务公开), with its date and channel."""
    if channel not in Channel.values:
        raise field_error("channel", _("Unknown channel."), code="invalid")
    if published_on > timezone.localdate():
        raise field_error("published_on", _("Cannot be in the future."), code="future")
    item = OpennessItem.objects.create(
        title=_text(title, "title", max_length=200),
        body=_text(body, "body", max_length=20000, required=False),
        published_on=published_on,
        channel=channel,
        created_by=actor_label(actor),
    )
    facts_refresh_on_commit(["organization.openness_by_year"])
    audit_record(
        actor=actor,
        kind=OrgAuditKind.OPENNESS,
        obj=item,
        after=snapshot(item),
        union_slug=this_union().slug,
    )
    return item
