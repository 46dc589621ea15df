"""Admission by application (入会申请): submitted, then approved or rejected.

Membership counts from the approval date (DESIGN.md "Members"); approval goes through
``member_admit``, so the one-membership rule, the lock order, the audit and the roll-up
apply. The application row is locked last (``locks``: index, counter, rows).
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.platform.errors import ConflictError
from tenants.context import union_side
from workplaces.members.audit import MemberAuditKind
from workplaces.members.locks import rows_lock
from workplaces.members.models import (
    HOLDING_STATUSES,
    ApplicationStatus,
    Member,
    MembershipApplication,
)
from workplaces.members.profile import PROFILE_FIELDS
from workplaces.members.services import member_admit, this_union
from workplaces.members.validation import member_clean

# what an applicant gives: the register's particulars and the national real-name collection
APPLICATION_FIELDS = (
    "name",
    "gender",
    "id_number",
    "phone",
    "employment",
    "group",
    "monthly_wage",
    *PROFILE_FIELDS,
)


def _decided() -> ValidationError:
    return ValidationError(
        {"status": [_("This application has already been decided.")]}, code="decided"
    )


@union_side
@transaction.atomic
def application_submit(*, actor: Actor, note: str = "", **data: Any) -> MembershipApplication:
    """An application to join. The joining date is not asked: it will be the approval date."""
    errors: dict[str, list[str]] = {}
    note = (note or "").strip()
    if len(note) > 500:
        errors["note"] = [_("At most %(n)d characters.") % {"n": 500}]
    try:
        fields = member_clean({**data, "joined_on": timezone.localdate()})
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    number = fields["id_number"]
    if Member.objects.filter(id_number=number, status__in=HOLDING_STATUSES).exists():
        raise ConflictError(
            _("This person is already a member of this union."), code="member_exists"
        )
    if MembershipApplication.objects.filter(
        id_number=number, status=ApplicationStatus.SUBMITTED
    ).exists():
        raise ConflictError(
            _("An application for this person is already open."), code="application_open"
        )
    app = MembershipApplication.objects.create(
        **{k: fields[k] for k in APPLICATION_FIELDS},
        note=note,
        submitted_by=actor_label(actor),
    )
    audit_record(
        actor=actor,
        kind=MemberAuditKind.APPLICATION_SUBMITTED,
        obj=app,
        after={"status": app.status, "name": app.name},
        union_slug=this_union().slug,
    )
    return app


@union_side
@transaction.atomic(durable=True)
def application_approve(
    *, application: MembershipApplication, actor: Actor, on: dt.date | None = None
) -> Member:
    """Approve: the member is created with membership from the approval date."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise _decided()
    approved_on = on or timezone.localdate()
    union = this_union()
    fields = member_clean(
        {
            **{k: getattr(application, k) for k in APPLICATION_FIELDS},
            "joined_on": approved_on,
        }
    )
    member = member_admit(union=union, fields=fields, actor=actor, reason=_("Application approved"))
    app = rows_lock(MembershipApplication.objects.filter(pk=application.pk))[0]
    if app.status != ApplicationStatus.SUBMITTED:
        raise _decided()
    app.status = ApplicationStatus.APPROVED
    app.decided_on = approved_on
    app.decided_by = actor_label(actor)
    app.member = member
    app.save()
    audit_record(
        actor=actor,
        kind=MemberAuditKind.APPLICATION_APPROVED,
        obj=app,
        before={"status": ApplicationStatus.SUBMITTED.value},
        after={"status": app.status, "member_id": member.pk},
        union_slug=union.slug,
    )
    return member


@union_side
@transaction.atomic(durable=True)
def application_reject(
    *, application: MembershipApplication, reason: str, actor: Actor
) -> MembershipApplication:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("This field is required.")]}, code="required")
    app = rows_lock(MembershipApplication.objects.filter(pk=application.pk))[0]
    if app.status != ApplicationStatus.SUBMITTED:
        raise _decided()
    app.status = ApplicationStatus.REJECTED
    app.decided_on = timezone.localdate()
    app.decided_by = actor_label(actor)
    app.decision_reason = reason
    app.save()
    audit_record(
        actor=actor,
        kind=MemberAuditKind.APPLICATION_REJECTED,
        obj=app,
        before={"status": ApplicationStatus.SUBMITTED.value},
        after={"status": app.status, "reason": reason},
        union_slug=this_union().slug,
    )
    return app
