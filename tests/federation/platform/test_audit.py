import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import translation

from federation.platform.audit.models import AuditEvent, audit_kind_label, audit_kinds_register
from federation.platform.audit.services import audit_record, audit_record_many, jsonable

pytestmark = pytest.mark.django_db


def test_jsonable_turns_money_and_dates_into_strings():
    assert jsonable({"amount": Decimal("1.50"), "on": dt.date(2026, 1, 2), 3: [Decimal("2")]}) == {
        "amount": "1.50",
        "on": "2026-01-02",
        "3": ["2"],
    }


def test_an_event_keeps_who_what_before_and_after():
    user = get_user_model().objects.get(username="federation_clerk")
    event = audit_record(
        actor=user,
        kind="test.changed",
        object_type="test.thing",
        object_id=7,
        before={"amount": Decimal("1.00")},
        after={"amount": Decimal("2.00")},
    )
    event.refresh_from_db()
    assert (event.actor_id, event.actor_name, event.kind, event.object_id) == (
        user.pk,
        "federation_clerk",
        "test.changed",
        "7",
    )
    assert (event.before, event.after) == ({"amount": "1.00"}, {"amount": "2.00"})


def test_a_job_is_recorded_as_system():
    event = audit_record(actor=None, kind="test.job", object_type="t", object_id=1)
    assert (event.actor_id, event.actor_name) == (None, "system")


def test_a_bulk_write_records_one_event_per_row_with_its_contents():
    rows = [{"object_type": "t", "object_id": i, "after": {"n": Decimal(i)}} for i in range(1, 4)]
    assert audit_record_many(actor=None, kind="test.bulk", rows=rows) == 3
    events = AuditEvent.objects.filter(kind="test.bulk").order_by("object_id")
    assert [(e.object_id, e.after) for e in events] == [
        ("1", {"n": "1"}),
        ("2", {"n": "2"}),
        ("3", {"n": "3"}),
    ]


def test_an_apps_own_kinds_get_their_label():
    class Kinds(models.TextChoices):
        DONE = "test.done", "办结"

    audit_kinds_register(Kinds)
    assert audit_kind_label("test.done") == "办结"
    assert audit_kind_label("test.unknown") == "test.unknown"


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("dues.payment", "Dues payment"),
        ("dues.policy", "Dues rule changed"),
        ("homes.round", "Staff-home round"),
        ("member.status", "Membership status changed"),
        ("other", "Other"),
        ("rules.changed", "Rule value changed"),
    ],
)
def test_rows_of_retired_and_app_kinds_read_with_their_label(kind, label):
    with translation.override("en"):
        assert audit_kind_label(kind) == label
