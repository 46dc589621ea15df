"""Writes of the activity room and equipment. A booking's overlap is refused by the
database (exclusion constraint); the service turns that refusal into a 409."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError, duplicate_only
from workplaces.activities.context import slug_here
from workplaces.assets.kinds import AssetAudit
from workplaces.assets.models import (
    DEFAULT_ROOM_RULES,
    Booking,
    BookingStatus,
    DamageRecord,
    Equipment,
    EquipmentStatus,
    Lending,
    Room,
)
from workplaces.members.models import Member


def _room_snapshot(room: Room) -> dict:
    data = snapshot(room, ["name", "place", "capacity", "rules", "active"])
    data["opens_at"] = room.opens_at.strftime("%H:%M") if room.opens_at else None
    data["closes_at"] = room.closes_at.strftime("%H:%M") if room.closes_at else None
    return data


@transaction.atomic(durable=True)
def room_save(
    *,
    actor: Actor,
    name: str,
    opens_at: dt.time,
    closes_at: dt.time,
    place: str = "",
    capacity: int | None = None,
    rules: str = "",
    room: Room | None = None,
) -> Room:
    """A room with its opening hours and rules (the duties file's rules by default)."""
    if opens_at >= closes_at:
        raise ValidationError({"closes_at": _("Closing is before opening.")}, code="order")
    row = room or Room()
    before = _room_snapshot(row) if room else None
    row.name, row.opens_at, row.closes_at = name, opens_at, closes_at
    row.place, row.capacity, row.rules = place, capacity, rules.strip() or DEFAULT_ROOM_RULES
    row.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("There is a room of this name already."), code="duplicate") from None
    audit_record(
        actor=actor,
        kind=AssetAudit.ROOM,
        obj=row,
        before=before,
        after=_room_snapshot(row),
        union_slug=slug_here(),
    )
    return row


@transaction.atomic(durable=True)
def booking_create(
    *,
    actor: Actor,
    room: Room,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
    member: Member | None = None,
) -> Booking:
    """Book the room within its opening hours; an overlapping booking is refused by the
    database's exclusion constraint (also between two requests at the same moment).

    The room's row is locked first: two bookings of one room at once then take turns. Left
    to the exclusion constraint alone, two inserts each wait for the other's transaction
    while checking it, and PostgreSQL breaks the deadlock by failing one (a 500, not a 409).
    Its state (in use, opening hours) is read under that lock."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end is before the start.")}, code="order")
    room = Room.objects.select_for_update().get(pk=room.pk)
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if not room.active:
        raise ConflictError(_("This room is not in use."), code="inactive")
    if start.date() != end.date() or start.time() < room.opens_at or end.time() > room.closes_at:
        raise ValidationError(
            {
                "starts_at": _("The room is open %(o)s to %(c)s.")
                % {"o": room.opens_at.strftime("%H:%M"), "c": room.closes_at.strftime("%H:%M")}
            },
            code="closed",
        )
    booking = Booking(
        room=room,
        during=DateTimeTZRange(starts_at, ends_at, "[)"),
        purpose=purpose,
        member=member,
        booked_by=actor_label(actor),
    )
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as exc:
        if "booking_no_overlap" in str(exc):
            raise ConflictError(_("The room is booked at that time."), code="overlap") from None
        raise
    audit_record(
        actor=actor,
        kind=AssetAudit.BOOKING,
        obj=booking,
        after={"room": room.pk, "from": starts_at, "to": ends_at, "purpose": purpose},
        union_slug=slug_here(),
    )
    return booking


@transaction.atomic(durable=True)
def booking_cancel(*, actor: Actor, booking: Booking) -> Booking:
    row = Booking.objects.select_for_update().get(pk=booking.pk)
    if row.status == BookingStatus.CANCELLED:
        raise ConflictError(_("This booking is cancelled already."), code="cancelled")
    row.status = BookingStatus.CANCELLED
    row.save(update_fields=["status"])
    audit_record(
        actor=actor,
        kind=AssetAudit.BOOKING_CANCELLED,
        obj=row,
        before={"status": "booked"},
        after={"status": row.status},
        union_slug=slug_here(),
    )
    return row


@transaction.atomic(durable=True)
def equipment_add(
    *,
    actor: Actor,
    code: str,
    name: str,
    room: Room | None = None,
    bought_on: dt.date | None = None,
    note: str = "",
) -> Equipment:
    row = Equipment(code=code, name=name, room=room, bought_on=bought_on, note=note)
    row.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(
            _("There is an item with this code already."), code="duplicate"
        ) from None
    audit_record(
        actor=actor, kind=AssetAudit.EQUIPMENT, obj=row, after=snapshot(row), union_slug=slug_here()
    )
    return row


@transaction.atomic(durable=True)
def lending_create(
    *, actor: Actor, equipment: Equipment, member: Member, lent_on: dt.date, due_on: dt.date
) -> Lending:
    """Lend an item until a due date; an item is out to one borrower at a time (a unique
    constraint on the open lending)."""
    item = Equipment.objects.select_for_update().get(pk=equipment.pk)
    if due_on < lent_on:
        raise ValidationError({"due_on": _("The due date is before the lending.")}, code="order")
    if item.status != EquipmentStatus.AVAILABLE:
        raise ConflictError(_("This item is not available."), code="unavailable")
    try:
        with transaction.atomic():
            lending = Lending.objects.create(
                equipment=item,
                member=member,
                lent_on=lent_on,
                due_on=due_on,
                lent_by=actor_label(actor),
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("This item is lent out."), code="lent") from None
    item.status = EquipmentStatus.LENT
    item.save(update_fields=["status"])
    audit_record(
        actor=actor,
        kind=AssetAudit.LENDING,
        obj=lending,
        after=snapshot(lending),
        union_slug=slug_here(),
    )
    return lending


@transaction.atomic(durable=True)
def lending_return(
    *,
    actor: Actor,
    lending: Lending,
    returned_on: dt.date,
    damage: str = "",
    responsible: str = "",
    compensation: Decimal = Decimal("0.00"),
) -> Lending:
    """Take an item back; damage found is recorded with who answers for it and the
    compensation (the room rules: damage or loss is compensated)."""
    row = Lending.objects.select_for_update().select_related("equipment").get(pk=lending.pk)
    if row.returned_on is not None:
        raise ConflictError(_("This item was returned already."), code="returned")
    if returned_on < row.lent_on:
        raise ValidationError({"returned_on": _("Before it was lent.")}, code="order")
    before = snapshot(row)
    row.returned_on = returned_on
    row.save(update_fields=["returned_on"])
    item = Equipment.objects.select_for_update().get(pk=row.equipment_id)
    item.status = EquipmentStatus.DAMAGED if damage.strip() else EquipmentStatus.AVAILABLE
    item.save(update_fields=["status"])
    if damage.strip():
        damage_record(
            actor=actor,
            equipment=item,
            lending=row,
            found_on=returned_on,
            description=damage,
            responsible=responsible or row.member.name,
            compensation=compensation,
        )
    audit_record(
        actor=actor,
        kind=AssetAudit.RETURNED,
        obj=row,
        before=before,
        after=snapshot(row),
        union_slug=slug_here(),
    )
    return row


@transaction.atomic
def damage_record(
    *,
    actor: Actor,
    equipment: Equipment,
    found_on: dt.date,
    description: str,
    responsible: str = "",
    compensation: Decimal = Decimal("0.00"),
    lending: Lending | None = None,
) -> DamageRecord:
    if compensation < 0:
        raise ValidationError({"compensation": _("The amount must not be negative.")})
    row = DamageRecord.objects.create(
        equipment=equipment,
        lending=lending,
        found_on=found_on,
        description=description,
        responsible=responsible,
        compensation=compensation,
        recorded_by=actor_label(actor),
    )
    audit_record(
        actor=actor, kind=AssetAudit.DAMAGE, obj=row, after=snapshot(row), union_slug=slug_here()
    )
    return row
