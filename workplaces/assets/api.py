"""Activity room and equipment API (union host). Every user of the union sees the rooms
and books them; organisers manage rooms and lend equipment."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from federation.platform import api_fields
from federation.platform.api import page, validated
from federation.platform.errors import NotAllowedError
from workplaces.activities.api import (
    ANY_UNION_USER,
    ORGANISE,
    ORGANISE_OR_READ,
    OrganiseOrRead,
    UnionUser,
    member_or_400,
)
from workplaces.activities.services import can_organise
from workplaces.assets import selectors, services
from workplaces.assets.models import Booking, Equipment, Lending, Room
from workplaces.members.models import Member


class RoomInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    opens_at = serializers.TimeField()
    closes_at = serializers.TimeField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    capacity = serializers.IntegerField(
        min_value=1, max_value=10000, required=False, allow_null=True
    )
    rules = serializers.CharField(max_length=5000, required=False, allow_blank=True)


def _room_out(r: Room) -> dict:
    return {
        "id": r.pk,
        "name": r.name,
        "place": r.place,
        "capacity": r.capacity,
        "opens_at": r.opens_at.strftime("%H:%M"),
        "closes_at": r.closes_at.strftime("%H:%M"),
        "rules": r.rules,
        "active": r.active,
    }


class RoomApi(APIView):
    permission_classes = [OrganiseOrRead]
    api_access = ORGANISE_OR_READ

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response({"results": [_room_out(r) for r in Room.objects.all()]})

    @extend_schema(request=RoomInput, responses={201: dict})
    def post(self, request):
        room = services.room_save(actor=request.user, **validated(RoomInput, request.data))
        return Response(_room_out(room), status=201)


class BookingInput(serializers.Serializer):
    starts_at = api_fields.DateTimeField()
    ends_at = api_fields.DateTimeField()
    purpose = serializers.CharField(max_length=200)
    member = serializers.IntegerField(required=False, allow_null=True, min_value=1)


def _booking_out(b: Booking) -> dict:
    return {
        "id": b.pk,
        "room": b.room_id,
        "starts_at": b.during.lower,
        "ends_at": b.during.upper,
        "purpose": b.purpose,
        "member": b.member_id,
        "booked_by": b.booked_by,
        "status": b.status,
    }


class BookingApi(APIView):
    """A member books for themselves, an organiser for anyone; an overlap is a 409."""

    permission_classes = [UnionUser]
    api_access = ANY_UNION_USER

    @extend_schema(responses={200: dict})
    def get(self, request, pk: int):
        room = get_object_or_404(Room, pk=pk)
        return Response(
            {"results": [_booking_out(b) for b in selectors.bookings_of(room_id=room.pk)]}
        )

    @extend_schema(request=BookingInput, responses={201: dict})
    def post(self, request, pk: int):
        room = get_object_or_404(Room, pk=pk)
        data = validated(BookingInput, request.data)
        own = Member.objects.filter(user_id=request.user.pk).first()
        member = member_or_400(data.pop("member", None)) or own
        if not can_organise(request.user) and (own is None or member != own):
            raise NotAllowedError("Members book for themselves.")
        booking = services.booking_create(actor=request.user, room=room, member=member, **data)
        return Response(_booking_out(booking), status=201)


class BookingCancelApi(APIView):
    permission_classes = [UnionUser]
    api_access = ANY_UNION_USER

    @extend_schema(request=None, responses={200: dict})
    def post(self, request, pk: int):
        booking = get_object_or_404(Booking, pk=pk)
        if not can_organise(request.user) and booking.booked_by != request.user.get_username():
            raise NotAllowedError("Only who booked it or an organiser cancels a booking.")
        return Response(_booking_out(services.booking_cancel(actor=request.user, booking=booking)))


class EquipmentInput(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=100)
    room = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    bought_on = api_fields.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


def _item_out(e: Equipment) -> dict:
    return {
        "id": e.pk,
        "code": e.code,
        "name": e.name,
        "room": e.room_id,
        "status": e.status,
        "bought_on": e.bought_on,
        "note": e.note,
    }


class EquipmentApi(APIView):
    permission_classes = [ORGANISE]

    @extend_schema(responses={200: dict})
    def get(self, request):
        return page(request, self, Equipment.objects.all(), _item_out)

    @extend_schema(request=EquipmentInput, responses={201: dict})
    def post(self, request):
        data = validated(EquipmentInput, request.data)
        room_id = data.pop("room", None)
        room = get_object_or_404(Room, pk=room_id) if room_id else None
        return Response(
            _item_out(services.equipment_add(actor=request.user, room=room, **data)), status=201
        )


class LendInput(serializers.Serializer):
    member = serializers.IntegerField(min_value=1)
    due_on = api_fields.DateField()
    lent_on = api_fields.DateField(required=False)


def _lending_out(row: Lending) -> dict:
    return {
        "id": row.pk,
        "equipment": row.equipment_id,
        "member": row.member_id,
        "lent_on": row.lent_on,
        "due_on": row.due_on,
        "returned_on": row.returned_on,
    }


class LendApi(APIView):
    permission_classes = [ORGANISE]

    @extend_schema(request=LendInput, responses={201: dict})
    def post(self, request, pk: int):
        item = get_object_or_404(Equipment, pk=pk)
        data = validated(LendInput, request.data)
        member = member_or_400(data["member"])
        assert member is not None
        lending = services.lending_create(
            actor=request.user,
            equipment=item,
            member=member,
            lent_on=data.get("lent_on") or timezone.localdate(),
            due_on=data["due_on"],
        )
        return Response(_lending_out(lending), status=201)


class ReturnInput(serializers.Serializer):
    returned_on = api_fields.DateField()
    damage = serializers.CharField(max_length=500, required=False, allow_blank=True)
    responsible = serializers.CharField(max_length=100, required=False, allow_blank=True)
    compensation = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("1000000"),
        required=False,
    )


class ReturnApi(APIView):
    permission_classes = [ORGANISE]

    @extend_schema(request=ReturnInput, responses={200: dict})
    def post(self, request, pk: int):
        lending = get_object_or_404(Lending, pk=pk)
        data = validated(ReturnInput, request.data)
        return Response(
            _lending_out(services.lending_return(actor=request.user, lending=lending, **data))
        )


class LendingListApi(APIView):
    permission_classes = [ORGANISE]

    @extend_schema(parameters=[OpenApiParameter("overdue", bool)], responses={200: dict})
    def get(self, request):
        overdue = request.query_params.get("overdue") in ("1", "true")
        qs = selectors.lendings_overdue() if overdue else selectors.lendings_open()
        return Response({"results": [_lending_out(row) for row in qs]})


union_api = [
    path("api/v1/assets/rooms/", RoomApi.as_view(), name="api-rooms"),
    path("api/v1/assets/rooms/<int:pk>/bookings/", BookingApi.as_view(), name="api-room-bookings"),
    path(
        "api/v1/assets/bookings/<int:pk>/cancel/",
        BookingCancelApi.as_view(),
        name="api-booking-cancel",
    ),
    path("api/v1/assets/equipment/", EquipmentApi.as_view(), name="api-equipment"),
    path("api/v1/assets/equipment/<int:pk>/lend/", LendApi.as_view(), name="api-equipment-lend"),
    path("api/v1/assets/lendings/", LendingListApi.as_view(), name="api-lendings"),
    path("api/v1/assets/lendings/<int:pk>/return/", ReturnApi.as_view(), name="api-lending-return"),
]
