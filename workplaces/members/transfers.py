"""Transfers (动态接转) between two unions of the federation.

The source starts a transfer; the destination accepts or rejects it. On accept, in one
transaction: the federation index moves to the destination, the member appears at the
destination with the history carried along and the status they held (a retained member
stays retained: DESIGN.md, issue 11 item 7), and the source member gets the status
``transferred_out`` (written in the source schema by a schema switch inside that same
transaction, so nothing is left half-done). The member's particulars travel encrypted.
Locks follow ``workplaces.members.locks``: index, counter, then rows by primary key.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, jsonable
from federation.platform.errors import ConflictError, NotFoundError, duplicate_only
from tenants.context import union_side
from tenants.member_index import id_hash, member_index_move
from tenants.models import MemberTransfer, TransferStatus, Union, UnionStatus
from workplaces.members.audit import MemberAuditKind
from workplaces.members.crypto import name_mask, payload_decrypt, payload_encrypt
from workplaces.members.locks import member_numbers_take, rows_lock
from workplaces.members.models import HOLDING_STATUSES, Member, MembershipEvent, MemberStatus
from workplaces.members.profile import PROFILE_FIELDS
from workplaces.members.services import event_add, rollup_refresh, this_union

# particulars that travel with the member (beyond the identity and the history)
CARRIED_FIELDS = ("phone", "employment", *PROFILE_FIELDS, "is_migrant")


def _payload(member: Member, union: Union) -> dict[str, Any]:
    return {
        "name": member.name,
        "gender": member.gender,
        "id_number": member.id_number,
        "birth_date": member.birth_date.isoformat(),
        **{k: jsonable(getattr(member, k)) for k in CARRIED_FIELDS},
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


def transfer_details(transfer: MemberTransfer) -> dict[str, Any]:
    """The decrypted particulars, for the two unions involved only."""
    return payload_decrypt(transfer.payload)


def _target_resolve(slug: str, union: Union) -> Union:
    target = Union.objects.filter(
        slug=(slug or "").strip(), is_federation=False, status=UnionStatus.ACTIVE, ready=True
    ).first()
    if target is None:
        raise ValidationError(
            {"to_union": [_("No such union in the federation.")]}, code="not_found"
        )
    if target.pk == union.pk:
        raise ValidationError(
            {"to_union": [_("Choose another union than this one.")]}, code="same_union"
        )
    return target


@union_side
@transaction.atomic(durable=True)
def transfer_start(*, member: Member, to_union: str, reason: str, actor: Actor) -> MemberTransfer:
    union = this_union()
    target = _target_resolve(to_union, union)
    reason = (reason or "").strip()[:500]
    member = rows_lock(Member.objects.filter(pk=member.pk))[0]
    if member.status not in HOLDING_STATUSES:
        raise ValidationError(
            {"status": [_("Only a current member can be transferred.")]}, code="not_holding"
        )
    try:
        with transaction.atomic():
            transfer = MemberTransfer.objects.create(
                from_union=union,
                to_union=target,
                id_hash=id_hash(member.id_number),
                source_member_id=member.pk,
                member_label=name_mask(member.name),
                payload=payload_encrypt(_payload(member, union)),
                reason=reason,
                created_by=actor_label(actor),
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(
            _("A transfer of this member is already pending."), code="transfer_pending"
        ) from None
    audit_record(
        actor=actor,
        kind=MemberAuditKind.TRANSFER_STARTED,
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


def _transfer_get(transfer_id: int, *, lock: bool = False, **where: Any) -> MemberTransfer:
    qs = MemberTransfer.objects.filter(pk=transfer_id, **where)
    # locked without a join, so that only the transfer row is locked (not its unions)
    found = rows_lock(qs) if lock else list(qs.select_related("from_union")[:1])
    if not found:
        raise NotFoundError(_("Not found."))
    return found[0]


def _pending(transfer: MemberTransfer) -> MemberTransfer:
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError(
            {"status": [_("This transfer has already been decided.")]}, code="decided"
        )
    return transfer


# --- accept: one step per function, in the lock order ------------------------------------
def _arrival_status(data: dict[str, Any]) -> str:
    """The status the member held at the source: retained stays retained (no dues, no
    vote); anything else arrives active."""
    status = data.get("status")
    return MemberStatus.RETAINED if status == MemberStatus.RETAINED else MemberStatus.ACTIVE


def _arrival_write(
    *, data: dict[str, Any], existing: Member | None, number: str | None, today: dt.date
) -> Member:
    """The destination's register entry: a new one, or the old one for someone coming back
    (with their particulars as the source last knew them)."""
    member = existing or Member(
        name=data["name"],
        gender=data["gender"],
        id_number=data["id_number"],
        birth_date=dt.date.fromisoformat(data["birth_date"]),
        joined_on=dt.date.fromisoformat(data["joined_on"]),
        member_no=number or "",
    )
    member.name = data["name"]
    member.phone = data.get("phone", "")
    member.employment = data.get("employment") or member.employment or "regular"
    member.monthly_wage = Decimal(data.get("monthly_wage") or "0")
    for name in (*PROFILE_FIELDS, "is_migrant"):
        if name in data:
            value = data[name]
            if name == "retirement_date" and value:
                value = dt.date.fromisoformat(value)
            setattr(member, name, value)
    member.status = _arrival_status(data)
    member.status_on = today
    member.save()
    return member


def _history_carry(member: Member, events: list[dict[str, Any]]) -> None:
    """The history comes along; steps this register already holds (a member coming back)
    once."""
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
            for e in events
            if (e["status"], e["on"], e["reason"], e["union_name"]) not in known
        ]
    )


def _source_close(*, transfer: MemberTransfer, union: Union, today: dt.date, actor: Actor) -> None:
    """The source side, in the same transaction: ``transferred_out`` and its roll-up."""
    source = transfer.from_union
    with tenant_context(source):
        old = rows_lock(Member.objects.filter(pk=transfer.source_member_id))
        if old and old[0].status in HOLDING_STATUSES:
            member = old[0]
            before = member.status
            member.status = MemberStatus.TRANSFERRED_OUT
            member.status_on = today
            member.save(update_fields=["status", "status_on", "updated_at"])
            reason = _("Transferred to %(union)s") % {"union": union.name}
            event_add(
                member,
                status=MemberStatus.TRANSFERRED_OUT,
                on=today,
                reason=reason + (f": {transfer.reason}" if transfer.reason else ""),
                actor=actor,
            )
            audit_record(
                actor=actor,
                kind=MemberAuditKind.TRANSFERRED_OUT,
                obj=member,
                before={"status": before},
                after={"status": member.status, "transfer_id": transfer.pk, "to_union": union.slug},
                union_slug=source.slug,
            )
        rollup_refresh(union=source)


@union_side
@transaction.atomic(durable=True)
def transfer_accept(*, transfer_id: int, actor: Actor) -> Member:
    union = this_union()
    transfer = _pending(_transfer_get(transfer_id, to_union=union))
    data = payload_decrypt(transfer.payload)
    if not data:
        raise ValidationError(
            {"payload": [_("The transfer's data cannot be read.")]}, code="unreadable"
        )
    # 1. the index moves; 2. a member number if the person is new here; 3. rows by pk
    member_index_move(digest=transfer.id_hash, from_union=transfer.from_union, to_union=union)
    known = Member.objects.filter(id_number=data["id_number"]).values_list("pk", flat=True)
    number = None if known else member_numbers_take(count=1)[0]
    transfer = _pending(_transfer_get(transfer_id, lock=True, to_union=union))
    existing = rows_lock(Member.objects.filter(pk__in=list(known)))
    if existing and existing[0].status in HOLDING_STATUSES:
        raise ConflictError(
            _("This person is already a member of this union."), code="member_exists"
        )
    today = timezone.localdate()
    member = _arrival_write(
        data=data, existing=existing[0] if existing else None, number=number, today=today
    )
    _history_carry(member, data.get("events", []))
    note = _("Transferred in from %(union)s") % {"union": transfer.from_union.name}
    event_add(member, status=member.status, on=today, reason=note, actor=actor)
    transfer.status = TransferStatus.ACCEPTED
    transfer.decided_at = timezone.now()
    transfer.decided_by = actor_label(actor)
    transfer.destination_member_id = member.pk
    transfer.save()
    audit_record(
        actor=actor,
        kind=MemberAuditKind.TRANSFER_ACCEPTED,
        obj=member,
        after={
            "transfer_id": transfer.pk,
            "from_union": transfer.from_union.slug,
            "status": member.status,
        },
        union_slug=union.slug,
    )
    rollup_refresh(union=union)
    _source_close(transfer=transfer, union=union, today=today, actor=actor)
    return member


@union_side
@transaction.atomic(durable=True)
def transfer_reject(*, transfer_id: int, reason: str, actor: Actor) -> MemberTransfer:
    union = this_union()
    reason = (reason or "").strip()[:500]
    transfer = _pending(_transfer_get(transfer_id, lock=True, to_union=union))
    transfer.status = TransferStatus.REJECTED
    transfer.decided_at = timezone.now()
    transfer.decided_by = actor_label(actor)
    transfer.decision_note = reason
    transfer.save()
    audit_record(
        actor=actor,
        kind=MemberAuditKind.TRANSFER_REJECTED,
        obj=transfer,
        after={"status": "rejected", "reason": reason},
        union_slug=union.slug,
    )
    return transfer


@union_side
@transaction.atomic(durable=True)
def transfer_cancel(*, transfer_id: int, actor: Actor) -> MemberTransfer:
    union = this_union()
    transfer = _pending(_transfer_get(transfer_id, lock=True, from_union=union))
    transfer.status = TransferStatus.CANCELLED
    transfer.decided_at = timezone.now()
    transfer.decided_by = actor_label(actor)
    transfer.save()
    audit_record(
        actor=actor,
        kind=MemberAuditKind.TRANSFER_CANCELLED,
        object_type="members.member",
        object_id=transfer.source_member_id,
        after={"transfer_id": transfer.pk, "status": "cancelled"},
        union_slug=union.slug,
    )
    return transfer
