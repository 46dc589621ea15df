"""The activity room and the equipment (in the union's schema).

Bookings of a room cannot overlap: a PostgreSQL exclusion constraint (room equal, time
range overlapping, the room as a one-point range), not a check in Python."""

from __future__ import annotations

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workplaces.members.models import Member

# union-cadre-duties.txt, 教工活动室制度 (the activity-room rules), as the default text
DEFAULT_ROOM_RULES = """1、活动室每天中午向职工开放，遇有活动可随时开放。
2、本室只允许本单位职工活动，不得随便带闲杂人员入内。
3、活动期间注意管好室内的物品及设施，如有损坏或丢失，必须赔偿，并追究责任，任何人不准随意拿走室内的东西。
4、活动时注意保持室内卫生，不准随地吐痰、扔烟头、大声喧哗。
5、每天活动结束后，按时关好门窗、关灯。"""


class Room(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    rules = models.TextField(pgettext_lazy("room", "rules"), default=DEFAULT_ROOM_RULES)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")), name="room_opens_before_closing"
            )
        ]

    def __str__(self) -> str:
        return self.name


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class Booking(models.Model):
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings")
    during = DateTimeRangeField(_("time"))
    purpose = models.CharField(_("purpose"), max_length=200)
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT)
    booked_by = models.CharField(max_length=150, blank=True)
    status = models.CharField(
        max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["during"]
        constraints = [
            ExclusionConstraint(
                name="booking_no_overlap",
                # the room as a one-point range, so core GiST range support suffices
                # (btree_gist is not shipped with the embedded PostgreSQL of `make run`)
                expressions=[
                    (
                        Func(F("room"), F("room"), Value("[]"), function="int8range"),
                        RangeOperators.OVERLAPS,
                    ),
                    ("during", RangeOperators.OVERLAPS),
                ],
                condition=Q(status="booked"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.room_id} {self.during}"


class EquipmentStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    LENT = "lent", _("Lent out")
    DAMAGED = "damaged", _("Damaged")
    RETIRED = "retired", _("Retired")


class Equipment(models.Model):
    """An item of sports goods or equipment the culture-and-sports officer keeps."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(
        max_length=10, choices=EquipmentStatus.choices, default=EquipmentStatus.AVAILABLE
    )
    bought_on = models.DateField(_("bought on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Lending(models.Model):
    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, related_name="lendings")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="lendings")
    lent_on = models.DateField(_("lent on"))
    due_on = models.DateField(pgettext_lazy("loan", "due on"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    lent_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-lent_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["equipment"],
                condition=Q(returned_on__isnull=True),
                name="lending_one_open_per_item",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("lent_on")), name="lending_due_after_lent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.equipment_id} {self.lent_on}"


class DamageRecord(models.Model):
    """Damage or loss (the room rules: damage is compensated and the responsibility found)."""

    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, related_name="damages")
    lending = models.ForeignKey(Lending, null=True, blank=True, on_delete=models.PROTECT)
    found_on = models.DateField(_("found on"))
    description = models.CharField(_("description"), max_length=500)
    responsible = models.CharField(_("responsible person"), max_length=100, blank=True)
    compensation = models.DecimalField(
        _("compensation (CNY)"), max_digits=14, decimal_places=2, default=0
    )
    recorded_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-found_on", "-id"]

    def __str__(self) -> str:
        return self.description[:40]
