"""Writes of activities: create, sign-up (capacity under a row lock), attendance, awards,
photos, plans. Every write is audited and refreshes the federation's facts after commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import CULTURE_SPORTS, ORGANIZATION, VICE_CHAIR
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError, NotAllowedError, duplicate_only
from tenants import facts
from workplaces.activities.context import slug_here
from workplaces.activities.files import IMAGE_TYPES, upload_check
from workplaces.activities.kinds import ActivityAudit
from workplaces.activities.models import (
    Activity,
    ActivityPhoto,
    ActivityPlan,
    ActivityStatus,
    Award,
    Signup,
)
from workplaces.members.models import HOLDING_STATUSES, Member

# who organises activities for others (the chair passes every role check)
ORGANISERS = (CULTURE_SPORTS, VICE_CHAIR, ORGANIZATION)
ACTIVITY_FACTS = ["activities.held_by_year", "activities.participants_by_year"]
ACTIVITY_FIELDS = ["title", "kind", "starts_at", "ends_at", "place", "capacity", "status"]


def _slug() -> str:
    return slug_here()


def can_organise(user: Actor) -> bool:
    return has_role(user, *ORGANISERS)


@transaction.atomic
def activity_create(
    *,
    actor: Actor,
    title: str,
    kind: str,
    starts_at: dt.datetime,
    capacity: int,
    ends_at: dt.datetime | None = None,
    place: str = "",
    description: str = "",
    plan: ActivityPlan | None = None,
) -> Activity:
    """An activity the union organises (文体委员: plans and organises the activities)."""
    if ends_at is not None and ends_at < starts_at:
        raise ValidationError({"ends_at": _("The end is before the start.")}, code="order")
    activity = Activity(
        title=title,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        place=place,
        description=description,
        plan=plan,
        created_by=actor_label(actor),
    )
    activity.full_clean()
    activity.save()
    audit_record(
        actor=actor,
        kind=ActivityAudit.ACTIVITY_CREATED,
        obj=activity,
        after=snapshot(activity, ACTIVITY_FIELDS),
        union_slug=_slug(),
    )
    facts.facts_refresh_on_commit(ACTIVITY_FACTS)
    return activity


@transaction.atomic(durable=True)
def activity_update(*, actor: Actor, activity: Activity, **changes: Any) -> Activity:
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    before = snapshot(locked, ACTIVITY_FIELDS + ["results"])
    for name, value in changes.items():
        setattr(locked, name, value)
    if locked.capacity < locked.signups_count:
        raise ValidationError(
            {"capacity": _("%(n)s members have signed up already.") % {"n": locked.signups_count}},
            code="below_signups",
        )
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        kind=ActivityAudit.ACTIVITY_UPDATED,
        obj=locked,
        before=before,
        after=snapshot(locked, ACTIVITY_FIELDS + ["results"]),
        union_slug=_slug(),
    )
    facts.facts_refresh_on_commit(ACTIVITY_FACTS)
    return locked


def _member_for_signup(*, actor: Actor, member: Member | None) -> Member:
    user_pk = getattr(actor, "pk", None)
    own = Member.objects.filter(user_id=user_pk).first() if user_pk is not None else None
    if member is None:
        if own is None:
            raise ValidationError(
                {"member": _("No member record is linked to this login.")}, code="required"
            )
        return own
    if (own is None or own.pk != member.pk) and not can_organise(actor):
        raise NotAllowedError(_("Members sign up themselves; officers may sign up others."))
    return member


@transaction.atomic
def signup_create(*, actor: Actor, activity: Activity, member: Member | None = None) -> Signup:
    """Take a seat. The activity row is locked, so of two members taking the last seat at
    once one gets it and the other a conflict; the same member twice is a conflict (and a
    unique constraint behind it)."""
    member = _member_for_signup(actor=actor, member=member)
    if member.status not in HOLDING_STATUSES:
        raise ValidationError({"member": _("This person is not a member.")}, code="not_member")
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.status != ActivityStatus.PLANNED:
        raise ConflictError(_("Sign-up is closed for this activity."), code="closed")
    if Signup.objects.filter(activity=locked, member=member).exists():
        raise ConflictError(_("This member has signed up already."), code="duplicate")
    if locked.signups_count >= locked.capacity:
        raise ConflictError(_("The activity is full."), code="full")
    try:
        with transaction.atomic():
            signup = Signup.objects.create(
                activity=locked, member=member, signed_up_by=actor_label(actor)
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("This member has signed up already."), code="duplicate") from None
    Activity.objects.filter(pk=locked.pk).update(signups_count=F("signups_count") + 1)
    audit_record(
        actor=actor,
        kind=ActivityAudit.SIGNUP,
        obj=signup,
        after={"activity": locked.pk, "member": member.pk},
        union_slug=_slug(),
    )
    return signup


@transaction.atomic(durable=True)
def signup_cancel(*, actor: Actor, signup: Signup) -> None:
    locked = Activity.objects.select_for_update().get(pk=signup.activity_id)
    own = getattr(signup.member, "user_id", None) == getattr(actor, "pk", -1)
    if not own and not can_organise(actor):
        raise NotAllowedError(_("Only the member or an organiser may cancel a sign-up."))
    if signup.attended:
        raise ConflictError(_("Attendance is recorded for this sign-up."), code="attended")
    audit_record(
        actor=actor,
        kind=ActivityAudit.SIGNUP_CANCELLED,
        obj=signup,
        before={"activity": locked.pk, "member": signup.member_id},
        union_slug=_slug(),
    )
    signup.delete()
    Activity.objects.filter(pk=locked.pk).update(signups_count=F("signups_count") - 1)


@transaction.atomic
def attendance_record(*, actor: Actor, activity: Activity, member_ids: list[int]) -> int:
    """Mark who attended (only members who signed up); the activity counts as held."""
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.status == ActivityStatus.CANCELLED:
        raise ConflictError(_("The activity was cancelled."), code="cancelled")
    wanted = set(member_ids)
    signed = set(
        Signup.objects.filter(activity=locked, member_id__in=wanted).values_list(
            "member_id", flat=True
        )
    )
    missing = sorted(wanted - signed)
    if missing:
        raise ValidationError(
            {"members": _("Not signed up: %(ids)s.") % {"ids": ", ".join(map(str, missing))}},
            code="not_signed_up",
        )
    Signup.objects.filter(activity=locked).update(attended=False)
    marked = Signup.objects.filter(activity=locked, member_id__in=wanted).update(attended=True)
    before_status = locked.status
    locked.status = ActivityStatus.HELD
    locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        kind=ActivityAudit.ATTENDANCE,
        obj=locked,
        before={"status": before_status},
        after={"status": locked.status, "attended": sorted(wanted)},
        union_slug=_slug(),
    )
    facts.facts_refresh_on_commit(ACTIVITY_FACTS)
    return marked


@transaction.atomic(durable=True)
def award_record(
    *, actor: Actor, activity: Activity, award: str, member: Member | None = None, team: str = ""
) -> Award:
    if member is None and not team.strip():
        raise ValidationError({"team": _("Name a member or a team.")}, code="required")
    row = Award(activity=activity, member=member, team=team.strip(), award=award)
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        kind=ActivityAudit.AWARD,
        obj=row,
        after=snapshot(row, ["activity_id", "member_id", "team", "award"]),
        union_slug=_slug(),
    )
    return row


@transaction.atomic
def photo_add(*, actor: Actor, activity: Activity, upload: UploadedFile) -> ActivityPhoto:
    content_type, digest = upload_check(upload, field="file", allowed=IMAGE_TYPES)
    photo = ActivityPhoto(
        activity=activity,
        original_name=(upload.name or "photo")[:200],
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest,
        uploaded_by=actor_label(actor),
    )
    photo.file.save(upload.name or "photo", upload, save=False)
    photo.save()
    audit_record(
        actor=actor,
        kind=ActivityAudit.PHOTO,
        obj=photo,
        after={"activity": activity.pk, "name": photo.original_name, "sha256": digest},
        union_slug=_slug(),
    )
    return photo


@transaction.atomic
def plan_save(
    *,
    actor: Actor,
    period_kind: str,
    year: int,
    title: str,
    period: str = "",
    body: str = "",
    summary: str = "",
    plan: ActivityPlan | None = None,
) -> ActivityPlan:
    """A monthly, term or yearly activity plan; its summary is written when it is done."""
    row = plan or ActivityPlan(created_by=actor_label(actor))
    before = snapshot(row) if plan else None
    row.period_kind, row.year, row.title = period_kind, year, title
    row.period, row.body, row.summary = period, body, summary
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        kind=ActivityAudit.PLAN,
        obj=row,
        before=before,
        after=snapshot(row),
        union_slug=_slug(),
    )
    return row
