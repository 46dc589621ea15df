"""Writes to the member register of the union whose schema the connection is on.

Rules (DESIGN.md "Members"): membership is a timeline of events; one active membership
in the whole federation, enforced by a partial unique index on the public member index
(``tenants.member_index``); admission by application counts from the approval date; every
change is audited and the federation's roll-up is refreshed in the same transaction.
Locks are taken in the order written down in ``workplaces.members.locks``.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError
from tenants.context import union_side
from tenants.member_index import id_hash, member_index_deactivate, member_index_reconcile
from tenants.models import MemberTransfer, TransferStatus, Union, UnionRollup
from workplaces.members import selectors
from workplaces.members.audit import MemberAuditKind
from workplaces.members.locks import index_claim, member_numbers_take, rows_lock
from workplaces.members.models import (
    HOLDING_STATUSES,
    Member,
    MemberDuesRule,
    MembershipEvent,
    MemberStatus,
)
from workplaces.members.profile import PROFILE_FIELDS
from workplaces.members.validation import member_clean

MEMBER_AUDIT_FIELDS = [
    "name",
    "gender",
    "id_number",
    "birth_date",
    "phone",
    "employment",
    "group_id",
    "monthly_wage",
    "joined_on",
    "member_no",
    "status",
    "status_on",
    "user_id",
    *PROFILE_FIELDS,
    "is_migrant",
]
LEAVE_WORDS = {
    "retired": MemberStatus.RETAINED,
    "retained": MemberStatus.RETAINED,
    "withdrawn": MemberStatus.WITHDRAWN,
    "expelled": MemberStatus.EXPELLED,
    "deceased": MemberStatus.DECEASED,
}
EDITABLE = (
    "name",
    "gender",
    "phone",
    "employment",
    "group",
    "monthly_wage",
    "joined_on",
    "birth_date",
    *PROFILE_FIELDS,
)


def this_union() -> Union:
    """The union whose schema the connection is on (a real row, also under schema_context)."""
    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Union):
        return tenant
    return Union.objects.get(schema_name=getattr(connection, "schema_name", ""))


def _today() -> dt.date:
    return timezone.localdate()


def member_numbers_reserve(*, count: int) -> list[str]:
    """Member numbers (see ``locks.member_numbers_take``: take the index first)."""
    return member_numbers_take(count=count)


# --- roll-up and the nightly reconciliation ---------------------------------------------
@union_side
@transaction.atomic
def rollup_refresh(*, union: Union) -> UnionRollup:
    """Push this union's member counts and monthly dues total into the public roll-up.

    The row is written only when a figure changed: every write to the roll-ups is a new
    version of the federation dashboard's data (``federation.dashboard.freshness``), so an
    edit that moves no figure (a phone number) or a nightly recount that finds no drift
    leaves the dashboard's cached figures standing."""
    counts = selectors.member_counts()
    values = {
        "members_active": counts["active"],
        "members_women": counts["women"],
        "members_migrant": counts["migrant"],
        "members_retained": counts["retained"],
        "member_dues_monthly": selectors.dues_monthly_total(),
    }
    rollup = UnionRollup.objects.select_for_update().filter(union=union).first()
    if rollup is None:
        rollup, _created = UnionRollup.objects.update_or_create(union=union, defaults=values)
        return rollup
    changed = [field for field, value in values.items() if getattr(rollup, field) != value]
    if changed:
        for field in changed:
            setattr(rollup, field, values[field])
        rollup.save(update_fields=[*changed, "updated_at"])
    return rollup


@union_side
def index_reconcile(*, union: Union) -> dict[str, int]:
    """Bring this union's rows of the federation index in line with its register."""
    holding = Member.objects.filter(status__in=HOLDING_STATUSES).values_list("id_number", flat=True)
    return member_index_reconcile(union=union, holding=[id_hash(n) for n in holding])


def index_reconcile_schema(*, schema_name: str) -> dict[str, int]:
    """The nightly index repair for one union (run by a task; the roll-up's recount is
    ``federation.dashboard.reconcile.rollup_reconcile``, which the same task calls)."""
    from django_tenants.utils import schema_context

    union = Union.objects.get(schema_name=schema_name)
    with schema_context(schema_name), transaction.atomic():
        return index_reconcile(union=union)


# --- members ------------------------------------------------------------------------
def event_add(
    member: Member, *, status: str, on: dt.date, reason: str, actor: Actor
) -> MembershipEvent:
    return MembershipEvent.objects.create(
        member=member,
        status=status,
        on=on,
        reason=reason[:500],
        union_name=this_union().name,
        actor_name=actor_label(actor),
    )


def member_admit(*, union: Union, fields: dict[str, Any], actor: Actor, reason: str) -> Member:
    """Admission in the global lock order: the index row, the register check, the
    counter, then the row. Call inside a transaction."""
    number = fields["id_number"]
    index_claim(union=union, hashes=[id_hash(number)])
    # read after the index row is ours: a concurrent admission of this person has committed
    existing = Member.objects.filter(id_number=number).first()
    if existing is not None:
        raise ConflictError(
            _("This person is already on this union's register (member number %(no)s).")
            % {"no": existing.member_no},
            code="member_exists",
        )
    member = Member(**fields, status=MemberStatus.ACTIVE, status_on=fields["joined_on"])
    member.member_no = member_numbers_take(count=1)[0]
    member.save()
    event_add(member, status=MemberStatus.ACTIVE, on=member.joined_on, reason=reason, actor=actor)
    audit_record(
        actor=actor,
        kind=MemberAuditKind.CREATED,
        obj=member,
        after=snapshot(member, MEMBER_AUDIT_FIELDS),
        union_slug=union.slug,
    )
    rollup_refresh(union=union)
    return member


@union_side
@transaction.atomic
def member_create(*, actor: Actor, reason: str = "", **data: Any) -> Member:
    """Admit a member directly (the organization officer's form, the API)."""
    fields = member_clean(data)
    return member_admit(
        union=this_union(), fields=fields, actor=actor, reason=reason or _("Joined")
    )


@union_side
@transaction.atomic
def member_update(*, member: Member, actor: Actor, **changes: Any) -> Member:
    """Change a member's particulars; the ID number and status change only through their
    own services (re-admission, leave, transfer)."""
    union = this_union()
    link = changes.pop("user", ...)
    unknown = set(changes) - set(EDITABLE) - {"id_number"}
    if unknown:
        raise ValidationError(
            {k: [_("This field cannot be changed.")] for k in sorted(unknown)}, code="read_only"
        )
    member = rows_lock(Member.objects.filter(pk=member.pk))[0]
    if (
        "id_number" in changes
        and str(changes["id_number"] or "").strip().upper() != member.id_number
    ):
        raise ValidationError(
            {"id_number": [_("The ID number cannot be changed.")]}, code="read_only"
        )
    current: dict[str, Any] = {
        "name": member.name,
        "gender": member.gender,
        "id_number": member.id_number,
        "phone": member.phone,
        "employment": member.employment,
        "group": member.group,
        "monthly_wage": member.monthly_wage,
        "joined_on": member.joined_on,
        **{k: getattr(member, k) for k in PROFILE_FIELDS},
    }
    current.update({k: v for k, v in changes.items() if k != "id_number"})
    fields = member_clean(current)
    if link is not ...:
        fields["user"] = _login_resolve(link, member=member)
    before = snapshot(member, MEMBER_AUDIT_FIELDS)
    inputs = [getattr(member, f) for f in selectors.ROLLUP_INPUTS]
    for key, value in fields.items():
        setattr(member, key, value)
    member.save()
    after = snapshot(member, MEMBER_AUDIT_FIELDS)
    if after != before:
        audit_record(
            actor=actor,
            kind=MemberAuditKind.UPDATED,
            obj=member,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
            union_slug=union.slug,
        )
        if [getattr(member, f) for f in selectors.ROLLUP_INPUTS] != inputs:
            # a phone or an address moves no figure: four statements saved per edit
            rollup_refresh(union=union)
    return member


def _login_resolve(value: Any, *, member: Member) -> Any:
    """The login a member reads their own record with (None unlinks)."""
    if value in (None, ""):
        return None
    user_model = get_user_model()
    try:
        user = user_model.objects.get(pk=int(value), is_active=True)
    except (TypeError, ValueError, user_model.DoesNotExist):
        raise ValidationError({"user": [_("No such user.")]}, code="not_found") from None
    if Member.objects.filter(user=user).exclude(pk=member.pk).exists():
        raise ValidationError({"user": [_("This login belongs to another member.")]}, code="taken")
    return user


def _leave_check(*, member: Member, new_status: str, when: dt.date, union: Union) -> None:
    if when > _today():
        raise ValidationError({"on": [_("The date cannot be in the future.")]}, code="future")
    if when < member.joined_on:
        raise ValidationError(
            {"on": [_("The date is before the member joined.")]}, code="before_joined"
        )
    if member.status not in HOLDING_STATUSES or member.status == new_status:
        raise ValidationError(
            {
                "status": [
                    _("The member's status is already %(s)s.") % {"s": member.get_status_display()}
                ]
            },
            code="same_status",
        )
    if MemberTransfer.objects.filter(
        from_union=union, source_member_id=member.pk, status=TransferStatus.PENDING
    ).exists():
        raise ValidationError(
            {"status": [_("A transfer of this member is pending; cancel it first.")]},
            code="transfer_pending",
        )


@union_side
@transaction.atomic
def member_leave(
    *, member: Member, status: str, on: dt.date | None, reason: str, actor: Actor
) -> Member:
    """Record a departure: retained (保留会籍, e.g. retired), withdrawn, expelled, deceased.

    Retained members keep their membership (they stay in the federation index) but pay
    no dues and have no vote; the others release the index row.
    """
    union = this_union()
    new_status = LEAVE_WORDS.get(status)
    if new_status is None:
        raise ValidationError(
            {"status": [_("Choose one of: %s.") % ", ".join(LEAVE_WORDS)]}, code="invalid_choice"
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("This field is required.")]}, code="required")
    when = on or _today()
    member = rows_lock(Member.objects.filter(pk=member.pk))[0]
    _leave_check(member=member, new_status=new_status, when=when, union=union)
    before = snapshot(member, ["status", "status_on"])
    member.status = new_status
    member.status_on = when
    member.save(update_fields=["status", "status_on", "updated_at"])
    event_add(member, status=new_status, on=when, reason=reason, actor=actor)
    if new_status not in HOLDING_STATUSES:
        member_index_deactivate(union=union, hashes=[id_hash(member.id_number)])
    audit_record(
        actor=actor,
        kind=MemberAuditKind.LEFT,
        obj=member,
        before=before,
        after={"status": member.status, "status_on": when, "reason": reason},
        union_slug=union.slug,
    )
    rollup_refresh(union=union)
    return member


@union_side
@transaction.atomic(durable=True)
def member_reinstate(*, member: Member, on: dt.date | None, reason: str, actor: Actor) -> Member:
    """A retained member back at work, or a former member admitted again."""
    union = this_union()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("This field is required.")]}, code="required")
    when = on or _today()
    if member.status in (MemberStatus.ACTIVE, MemberStatus.DECEASED):
        raise ValidationError(
            {"status": [_("This member cannot be reinstated.")]}, code="not_reinstatable"
        )
    index_claim(union=union, hashes=[id_hash(member.id_number)])
    member = rows_lock(Member.objects.filter(pk=member.pk))[0]
    if member.status in (MemberStatus.ACTIVE, MemberStatus.DECEASED):
        raise ValidationError(
            {"status": [_("This member cannot be reinstated.")]}, code="not_reinstatable"
        )
    before = {"status": member.status, "status_on": member.status_on}
    member.status = MemberStatus.ACTIVE
    member.status_on = when
    member.save(update_fields=["status", "status_on", "updated_at"])
    event_add(member, status=MemberStatus.ACTIVE, on=when, reason=reason, actor=actor)
    audit_record(
        actor=actor,
        kind=MemberAuditKind.REINSTATED,
        obj=member,
        before=before,
        after={"status": member.status, "status_on": when, "reason": reason},
        union_slug=union.slug,
    )
    rollup_refresh(union=union)
    return member


@union_side
@transaction.atomic(durable=True)
def member_reveal(*, member: Member, actor: Actor) -> dict[str, str]:
    """The full ID number and phone of one member, for a reader who sees them masked.
    Audited every time; the numbers themselves are not written to the log."""
    audit_record(
        actor=actor,
        kind=MemberAuditKind.REVEALED,
        obj=member,
        after={"fields": ["id_number", "phone"]},
        union_slug=this_union().slug,
    )
    return {"id_number": member.id_number, "phone": member.phone}


# --- dues rule --------------------------------------------------------------------
@union_side
@transaction.atomic
def dues_rule_set(
    *, effective_from: dt.date, rate: Decimal, floor_unit: Decimal, actor: Actor
) -> MemberDuesRule:
    """Add a member dues rule row from a date; the previous open row ends the day before.
    The rate is at most 10% (the door bounds it; the default is 0.5%, DESIGN.md)."""
    if not (Decimal("0") <= rate <= Decimal("0.1")):
        raise ValidationError({"rate": [_("Enter a rate from 0 to 0.1.")]}, code="out_of_range")
    if floor_unit < 0:
        raise ValidationError(
            {"floor_unit": [_("Enter an amount from 0 to 1,000,000.")]}, code="out_of_range"
        )
    union = this_union()
    MemberDuesRule.objects.filter(
        effective_to__isnull=True, effective_from__lt=effective_from
    ).update(effective_to=effective_from - dt.timedelta(days=1))
    rule, _created = MemberDuesRule.objects.update_or_create(
        effective_from=effective_from, defaults={"rate": rate, "floor_unit": floor_unit}
    )
    audit_record(
        actor=actor,
        kind=MemberAuditKind.DUES_RULE_SET,
        obj=rule,
        after={"effective_from": effective_from, "rate": rate, "floor_unit": floor_unit},
        union_slug=union.slug,
    )
    rollup_refresh(union=union)
    return rule
