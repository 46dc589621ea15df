"""Reads of rooms, bookings and equipment."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from workplaces.assets.models import Booking, BookingStatus, Lending


def bookings_of(*, room_id: int, since: dt.datetime | None = None) -> QuerySet[Booking]:
    since = since or timezone.now() - dt.timedelta(days=1)
    return Booking.objects.filter(
        room_id=room_id, status=BookingStatus.BOOKED, during__endswith__gte=since
    ).select_related("member")


def lendings_open() -> QuerySet[Lending]:
    return Lending.objects.filter(returned_on__isnull=True).select_related("equipment", "member")


def lendings_overdue(*, on: dt.date | None = None) -> QuerySet[Lending]:
    """Items not returned by their due date."""
    return lendings_open().filter(due_on__lt=on or timezone.localdate())
