"""Transfers (动态接转) between two unions of the federation.

The source starts a transfer; the destination accepts or rejects it. On accept, in one
transaction: the member appears at the destination with the history carried along, the
federation index moves to the destination, and the source member gets the status
``transferred_out`` (written in the source schema by a schema switch inside that same
transaction, so nothing is left half-done). The member's particulars travel encrypted.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from federation.platform.api import Conflict
from federation.platform.audit.models import AuditKind
from federation.platform.audit.services import audit_record
from tenants.context import union_side
from tenants.models import MemberIndex, MemberTransfer, TransferStatus, Union, UnionStatus
from workplaces.members.crypto import id_hash, name_mask, payload_decrypt, payload_encrypt
from workplaces.members.models import HOLDING_STATUSES, Member, MembershipEvent, MemberStatus
from workplaces.members.services import (
    _event,
    actor_name,
    member_numbers_reserve,
    rollup_refresh,
    this_union,
)
from workplaces.members.validation import _text


class TransferNotFound(Exception):
    pass


def _payload(member: Member, union: Union) -> dict:
    return {
        "name": member.name,
        "gender": member.gender,
        "id_number": member.id_number,
        "birth_date": member.birth_date.isoformat(),
        "phone": member.phone,
        "employment": member.employment,
        "monthly_wage": str(member.monthly_wage),
        "joined_on": member.joined_on.isoformat(),
        "source_member_no": member.member_no,
        "source_union": union.name,
        "status": member.status,
        "events": [
            {
                "status": e.status,
                "on": e.on.isoformat(),
                "reason": e.reason,
                "union_name": e.union_name or union.name,
                "actor_name": e.actor_name,
            }
            for e in member.events.order_by("on", "id")
        ],
    }


def transfer_details(transfer: MemberTransfer) -> dict:
    """The decrypted particulars, for the two unions involved only."""
    return payload_decrypt(transfer.payload)


@union_side
@transaction.atomic
def transfer_start(*, member: Member, to_union: str, reason: str, actor) -> MemberTransfer:
    union = this_union()
    errors: dict[str, list[str]] = {}
    slug = _text(to_union, "to_union", errors, max_length=40, required=True)
    reason = _text(reason, "reason", errors, max_length=500, required=False)
    target = None
    if slug and "to_union" not in errors:
        target = Union.objects.filter(
            slug=slug, is_federation=False, status=UnionStatus.ACTIVE, ready=True
        ).first()
        if target is None:
            errors["to_union"] = [_("No such union in the federation.")]
        elif target.pk == union.pk:
            errors["to_union"] = [_("Choose another union than this one.")]
    if errors:
        raise ValidationError(errors)
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status not in HOLDING_STATUSES:
        raise ValidationError({"status": [_("Only a current member can be transferred.")]})
    digest = id_hash(member.id_number)
    try:
        with transaction.atomic():
            transfer = MemberTransfer.objects.create(
                from_union=union,
                to_union=target,
                id_hash=digest,
                source_member_id=member.pk,
                member_label=name_mask(member.name),
                payload=payload_encrypt(_payload(member, union)),
                reason=reason,
                created_by=actor_name(actor),
            )
    except IntegrityError:
        raise Conflict(_("A transfer of this member is already pending.")) from None
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBER_TRANSFER,
        obj=member,
        after={
            "transfer_id": transfer.pk,
            "to_union": target.slug,
            "status": "pending",
            "reason": reason,
        },
        union_slug=union.slug,
    )
    _notify(target, transfer, union)
    return transfer


def _notify(target: Union, transfer: MemberTransfer, source: Union) -> None:
    from federation.platform.outbox.services import message_enqueue

    message_enqueue(
        union=target,
        kind="member.transfer",
        subject=_("Incoming member transfer from %(union)s") % {"union": source.name},
        body=_("%(union)s asks you to accept a member (%(label)s). Open Members → Transfers.")
        % {"union": source.name, "label": transfer.member_label},
        dedupe_key=f"member-transfer:{transfer.pk}",
    )


def _locked(transfer_id: int, **where) -> MemberTransfer:
    try:
        return MemberTransfer.objects.select_for_update().get(pk=transfer_id, **where)
    except (MemberTransfer.DoesNotExist, ValueError, TypeError):
        raise TransferNotFound from None


@union_side
@transaction.atomic
def transfer_accept(*, transfer_id: int, actor) -> Member:
    union = this_union()
    transfer = _locked(transfer_id, to_union=union)
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError({"status": [_("This transfer has already been decided.")]})
    data = payload_decrypt(transfer.payload)
    if not data:
        raise ValidationError({"payload": [_("The transfer's data cannot be read.")]})
    source = transfer.from_union
    today = timezone.localdate()
    note = _("Transferred in from %(union)s") % {"union": source.name}

    # the destination: a new register entry (or the old one, for someone coming back)
    member = Member.objects.select_for_update().filter(id_number=data["id_number"]).first()
    if member is not None and member.status in HOLDING_STATUSES:
        raise Conflict(_("This person is already a member of this union."))
    if member is None:
        member = Member(
            name=data["name"],
            gender=data["gender"],
            id_number=data["id_number"],
            birth_date=dt.date.fromisoformat(data["birth_date"]),
            phone=data.get("phone", ""),
            employment=data.get("employment", "regular"),
            monthly_wage=Decimal(data.get("monthly_wage") or "0"),
            joined_on=dt.date.fromisoformat(data["joined_on"]),
            member_no=member_numbers_reserve(count=1)[0],
        )
    else:
        # someone coming back: their particulars as the source last knew them
        member.name = data["name"]
        member.phone = data.get("phone", "")
        member.employment = data.get("employment", member.employment)
        member.monthly_wage = Decimal(data.get("monthly_wage") or "0")
    member.status = MemberStatus.ACTIVE
    member.status_on = today
    member.save()
    # the history comes along; steps this register already holds (a member coming back) once
    known = {(e.status, e.on.isoformat(), e.reason, e.union_name) for e in member.events.all()}
    MembershipEvent.objects.bulk_create(
        [
            MembershipEvent(
                member=member,
                status=e["status"],
                on=dt.date.fromisoformat(e["on"]),
                reason=e["reason"],
                union_name=e["union_name"],
                actor_name=e["actor_name"],
                carried=True,
            )
            for e in data.get("events", [])
            if (e["status"], e["on"], e["reason"], e["union_name"]) not in known
        ]
    )
    _event(member, status=MemberStatus.ACTIVE, on=today, reason=note, actor=actor)

    # the index moves, in this transaction
    MemberIndex.objects.filter(id_hash=transfer.id_hash, union=source).update(active=False)
    try:
        with transaction.atomic():
            MemberIndex.objects.update_or_create(
                id_hash=transfer.id_hash, union=union, defaults={"active": True}
            )
    except IntegrityError:
        raise Conflict(
            _("This person is active in a third union; the transfer cannot be accepted.")
        ) from None

    transfer.status = TransferStatus.ACCEPTED
    transfer.decided_at = timezone.now()
    transfer.decided_by = actor_name(actor)
    transfer.destination_member_id = member.pk
    transfer.save()
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBER_TRANSFER,
        obj=member,
        after={"transfer_id": transfer.pk, "from_union": source.slug, "status": "accepted"},
        union_slug=union.slug,
    )
    rollup_refresh(union=union)

    # the source side, same transaction
    with tenant_context(source):
        old = Member.objects.select_for_update().filter(pk=transfer.source_member_id).first()
        if old is not None and old.status in HOLDING_STATUSES:
            before = old.status
            old.status = MemberStatus.TRANSFERRED_OUT
            old.status_on = today
            old.save(update_fields=["status", "status_on", "updated_at"])
            _event(
                old,
                status=MemberStatus.TRANSFERRED_OUT,
                on=today,
                reason=(_("Transferred to %(union)s") % {"union": union.name})
                + (f": {transfer.reason}" if transfer.reason else ""),
                actor=actor,
            )
            audit_record(
                actor=actor,
                kind=AuditKind.MEMBER_TRANSFER,
                obj=old,
                before={"status": before},
                after={"status": old.status, "transfer_id": transfer.pk, "to_union": union.slug},
                union_slug=source.slug,
            )
        rollup_refresh(union=source)
    return member


@union_side
@transaction.atomic
def transfer_reject(*, transfer_id: int, reason: str, actor) -> MemberTransfer:
    union = this_union()
    errors: dict[str, list[str]] = {}
    reason = _text(reason, "reason", errors, max_length=500, required=False)
    if errors:
        raise ValidationError(errors)
    transfer = _locked(transfer_id, to_union=union)
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError({"status": [_("This transfer has already been decided.")]})
    transfer.status = TransferStatus.REJECTED
    transfer.decided_at = timezone.now()
    transfer.decided_by = actor_name(actor)
    transfer.decision_note = reason
    transfer.save()
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBER_TRANSFER,
        obj=transfer,
        after={"status": "rejected", "reason": reason},
        union_slug=union.slug,
    )
    return transfer


@union_side
@transaction.atomic
def transfer_cancel(*, transfer_id: int, actor) -> MemberTransfer:
    union = this_union()
    transfer = _locked(transfer_id, from_union=union)
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError({"status": [_("This transfer has already been decided.")]})
    transfer.status = TransferStatus.CANCELLED
    transfer.decided_at = timezone.now()
    transfer.decided_by = actor_name(actor)
    transfer.save()
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBER_TRANSFER,
        object_type="members.member",
        object_id=transfer.source_member_id,
        after={"transfer_id": transfer.pk, "status": "cancelled"},
        union_slug=union.slug,
    )
    return transfer
