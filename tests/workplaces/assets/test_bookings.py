"""Room bookings cannot overlap: the database's exclusion constraint refuses it (also
for two requests at once); opening hours, cancellation, equipment lending and damage."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django_tenants.utils import schema_context

from workplaces.assets.models import DEFAULT_ROOM_RULES, Booking, Equipment, Lending, Room

TZ = dt.timezone(dt.timedelta(hours=8))
ROOM = {"name": "职工之家活动室", "opens_at": "12:00", "closes_at": "14:00"}


def at(hour: int, minute: int = 0, day: int = 7) -> str:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=TZ).isoformat()


@pytest.fixture
def room(union_a_chair_api):
    return union_a_chair_api.post("/api/v1/assets/rooms/", ROOM, format="json").json()


@pytest.mark.django_db
def test_a_room_gets_the_activity_room_rules_by_default(room):
    assert room["rules"] == DEFAULT_ROOM_RULES
    assert "每天中午" in room["rules"]
    assert room["opens_at"] == "12:00"


@pytest.mark.django_db
def test_an_overlapping_booking_is_a_409(union_a_chair_api, room, union_a, in_union):
    url = f"/api/v1/assets/rooms/{room['id']}/bookings/"
    first = union_a_chair_api.post(
        url, {"starts_at": at(12), "ends_at": at(13), "purpose": "象棋"}, format="json"
    )
    assert first.status_code == 201
    clash = union_a_chair_api.post(
        url, {"starts_at": at(12, 30), "ends_at": at(13, 30), "purpose": "乒乓"}, format="json"
    )
    assert clash.status_code == 409
    assert clash.json()["code"] == "overlap"
    touching = union_a_chair_api.post(
        url, {"starts_at": at(13), "ends_at": at(14), "purpose": "乒乓"}, format="json"
    )
    assert touching.status_code == 201
    with in_union(union_a):
        assert Booking.objects.count() == 2


@pytest.mark.django_db
def test_the_database_itself_refuses_an_overlap(union_a, in_union, room):
    with in_union(union_a):
        r = Room.objects.get(pk=room["id"])
        Booking.objects.create(
            room=r,
            during=DateTimeTZRange(
                dt.datetime(2026, 12, 7, 12, tzinfo=TZ), dt.datetime(2026, 12, 7, 13, tzinfo=TZ)
            ),
            purpose="a",
        )
        with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
            Booking.objects.create(
                room=r,
                during=DateTimeTZRange(
                    dt.datetime(2026, 12, 7, 12, 59, tzinfo=TZ),
                    dt.datetime(2026, 12, 7, 13, 30, tzinfo=TZ),
                ),
                purpose="b",
            )
        assert Booking.objects.count() == 1


@pytest.mark.django_db
def test_a_cancelled_booking_frees_the_slot(union_a_chair_api, room):
    url = f"/api/v1/assets/rooms/{room['id']}/bookings/"
    first = union_a_chair_api.post(
        url, {"starts_at": at(12), "ends_at": at(13), "purpose": "象棋"}, format="json"
    ).json()
    assert (
        union_a_chair_api.post(f"/api/v1/assets/bookings/{first['id']}/cancel/").status_code == 200
    )
    again = union_a_chair_api.post(
        url, {"starts_at": at(12), "ends_at": at(13), "purpose": "乒乓"}, format="json"
    )
    assert again.status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end"), [(at(11, 59), at(13)), (at(13), at(14, 1)), (at(13), at(12))]
)
def test_a_booking_outside_the_opening_hours_is_a_400(union_a_chair_api, room, start, end):
    response = union_a_chair_api.post(
        f"/api/v1/assets/rooms/{room['id']}/bookings/",
        {"starts_at": start, "ends_at": end, "purpose": "x"},
        format="json",
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_exclusion_constraint_is_in_each_union(union_a, union_b):
    with connection.cursor() as cur:
        for union in (union_a, union_b):
            cur.execute(
                "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                "WHERE c.conname = 'booking_no_overlap' AND c.contype = 'x' AND n.nspname = %s",
                [union.schema_name],
            )
            assert cur.fetchone() == (1,)


@pytest.mark.django_db
def test_another_unions_room_and_booking_are_404(union_a_chair_api, union_b_chair_api):
    room_b = union_b_chair_api.post("/api/v1/assets/rooms/", ROOM, format="json").json()
    booking = union_b_chair_api.post(
        f"/api/v1/assets/rooms/{room_b['id']}/bookings/",
        {"starts_at": at(12), "ends_at": at(13), "purpose": "x"},
        format="json",
    ).json()
    assert (
        union_a_chair_api.get(f"/api/v1/assets/rooms/{room_b['id']}/bookings/").status_code == 404
    )
    assert (
        union_a_chair_api.post(f"/api/v1/assets/bookings/{booking['id']}/cancel/").status_code
        == 404
    )


@pytest.mark.django_db
def test_lending_due_dates_overdue_items_and_damage(
    union_a_chair_api, member_in, union_a, in_union
):
    item = union_a_chair_api.post(
        "/api/v1/assets/equipment/", {"code": "QP-01", "name": "乒乓球拍"}, format="json"
    ).json()
    member = member_in(union_a)
    lend = union_a_chair_api.post(
        f"/api/v1/assets/equipment/{item['id']}/lend/",
        {"member": member.pk, "lent_on": "2026-11-01", "due_on": "2026-11-08"},
        format="json",
    )
    assert lend.status_code == 201
    again = union_a_chair_api.post(
        f"/api/v1/assets/equipment/{item['id']}/lend/",
        {"member": member.pk, "due_on": "2026-12-30"},
        format="json",
    )
    assert again.status_code == 409
    overdue = union_a_chair_api.get("/api/v1/assets/lendings/?overdue=1").json()["results"]
    assert [o["id"] for o in overdue] == [lend.json()["id"]]
    back = union_a_chair_api.post(
        f"/api/v1/assets/lendings/{lend.json()['id']}/return/",
        {"returned_on": "2026-11-20", "damage": "拍面开裂", "compensation": "30.00"},
        format="json",
    )
    assert back.status_code == 200
    with in_union(union_a):
        eq = Equipment.objects.get(pk=item["id"])
        assert eq.status == "damaged"
        damage = eq.damages.get()
        assert damage.compensation == 30
        assert damage.responsible == member.name
        assert Lending.objects.get().returned_on == dt.date(2026, 11, 20)
    assert union_a_chair_api.get("/api/v1/assets/lendings/?overdue=1").json()["results"] == []


@pytest.mark.django_db
def test_a_plain_member_cannot_manage_equipment(client_for, union_a):
    api = client_for("a_member", union_a)
    assert (
        api.post("/api/v1/assets/equipment/", {"code": "X", "name": "x"}, format="json").status_code
        == 403
    )
    assert api.post("/api/v1/assets/rooms/", ROOM, format="json").status_code == 403


def test_two_bookings_of_the_same_slot_at_once_one_wins(live_township):
    from tenants.models import Union
    from workplaces.assets.services import booking_create, room_save

    union = Union.objects.get(slug="union-a")
    with schema_context(union.schema_name):
        room = room_save(actor=None, name="并发测试室", opens_at=dt.time(8), closes_at=dt.time(20))
    connection.set_schema_to_public()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def book(purpose: str) -> None:
        from federation.platform.errors import ConflictError

        try:
            with schema_context(union.schema_name):
                barrier.wait()
                booking_create(
                    actor=None,
                    room=room,
                    purpose=purpose,
                    starts_at=dt.datetime(2026, 12, 9, 10, tzinfo=TZ),
                    ends_at=dt.datetime(2026, 12, 9, 11, tzinfo=TZ),
                )
            outcomes.append("booked")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(p,)) for p in ("甲", "乙")]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["booked", "conflict"]
        with schema_context(union.schema_name):
            assert Booking.objects.filter(room=room).count() == 1
    finally:
        with schema_context(union.schema_name):
            Booking.objects.filter(room=room).delete()
            Room.objects.filter(pk=room.pk).delete()
        connection.set_schema_to_public()
