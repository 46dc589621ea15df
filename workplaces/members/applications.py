"""Admission by application (入会申请): submitted, then approved or rejected.

Membership counts from the approval date (DESIGN.md "Members"); approval goes through
``member_create``, so the one-membership rule, the audit and the roll-up apply.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.api import Conflict
from federation.platform.audit.models import AuditKind
from federation.platform.audit.services import audit_record
from tenants.context import union_side
from workplaces.members.models import (
    HOLDING_STATUSES,
    ApplicationStatus,
    Member,
    MembershipApplication,
)
from workplaces.members.services import actor_name, member_create
from workplaces.members.services import this_union as _union
from workplaces.members.validation import _text, date_parse, member_clean


def _today():
    return timezone.localdate()


# --- applications (入会申请) -------------------------------------------------------------
@union_side
@transaction.atomic
def application_submit(*, actor, note: str = "", **data) -> MembershipApplication:
    """An application to join. The joining date is not asked: it will be the approval date."""
    errors: dict[str, list[str]] = {}
    note = _text(note, "note", errors, max_length=500, required=False)
    try:
        fields = member_clean({**data, "joined_on": _today()})
    except ValidationError as exc:
        errors.update(exc.message_dict)
        fields = {}
    if errors:
        raise ValidationError(errors)
    number = fields["id_number"]
    if Member.objects.filter(id_number=number, status__in=HOLDING_STATUSES).exists():
        raise Conflict(_("This person is already a member of this union."))
    if MembershipApplication.objects.filter(
        id_number=number, status=ApplicationStatus.SUBMITTED
    ).exists():
        raise Conflict(_("An application for this person is already open."))
    app = MembershipApplication.objects.create(
        name=fields["name"],
        gender=fields["gender"],
        id_number=number,
        phone=fields["phone"],
        employment=fields["employment"],
        group=fields["group"],
        monthly_wage=fields["monthly_wage"],
        note=note,
        submitted_by=actor_name(actor),
    )
    audit_record(
        actor=actor,
        kind=AuditKind.APPLICATION,
        obj=app,
        after={"status": app.status, "name": app.name},
        union_slug=_union().slug,
    )
    return app


@union_side
@transaction.atomic
def application_approve(*, application: MembershipApplication, actor, on=None) -> Member:
    """Approve: the member is created with membership from the approval date."""
    app = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if app.status != ApplicationStatus.SUBMITTED:
        raise ValidationError({"status": [_("This application has already been decided.")]})
    errors: dict[str, list[str]] = {}
    approved_on = date_parse(on, "on", errors, required=False) or _today()
    if errors:
        raise ValidationError(errors)
    member = member_create(
        actor=actor,
        reason=_("Application approved"),
        name=app.name,
        gender=app.gender,
        id_number=app.id_number,
        phone=app.phone,
        employment=app.employment,
        group=app.group,
        monthly_wage=app.monthly_wage,
        joined_on=approved_on,
    )
    app.status = ApplicationStatus.APPROVED
    app.decided_on = approved_on
    app.decided_by = actor_name(actor)
    app.member = member
    app.save()
    audit_record(
        actor=actor,
        kind=AuditKind.APPLICATION,
        obj=app,
        before={"status": "submitted"},
        after={"status": app.status, "member_id": member.pk},
        union_slug=_union().slug,
    )
    return member


@union_side
@transaction.atomic
def application_reject(
    *, application: MembershipApplication, reason: str, actor
) -> MembershipApplication:
    errors: dict[str, list[str]] = {}
    reason = _text(reason, "reason", errors, max_length=500, required=True)
    if errors:
        raise ValidationError(errors)
    app = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if app.status != ApplicationStatus.SUBMITTED:
        raise ValidationError({"status": [_("This application has already been decided.")]})
    app.status = ApplicationStatus.REJECTED
    app.decided_on = _today()
    app.decided_by = actor_name(actor)
    app.decision_reason = reason
    app.save()
    audit_record(
        actor=actor,
        kind=AuditKind.APPLICATION,
        obj=app,
        before={"status": "submitted"},
        after={"status": app.status, "reason": reason},
        union_slug=_union().slug,
    )
    return app
