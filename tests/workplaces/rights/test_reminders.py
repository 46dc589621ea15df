"""The daily reminders: through the outbox, once per union and day."""

import datetime as dt

import pytest

from federation.platform.outbox.models import OutboxMessage
from tests.workplaces.rights.factories import contract_payload
from workplaces.rights.reminders import reminders_send

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_contract_due_for_filing_is_reminded_once_a_day(a_chair, in_union, union_a):
    a_chair.post("/api/v1/rights/contracts/", contract_payload(), format="json")
    with in_union(union_a):
        assert reminders_send(today=D(2026, 3, 9)) == 1
        reminders_send(today=D(2026, 3, 9))
    messages = OutboxMessage.objects.filter(union=union_a, kind="rights.reminder")
    assert messages.count() == 1
    assert "2026-03-11" in messages.get().body


def test_the_mediation_deadline_is_reminded_and_then_flagged(a_chair, in_union, union_a):
    a_chair.post(
        "/api/v1/rights/mediations/",
        {"received_on": "2026-05-01", "applicant": "赵六", "respondent": "公司", "matter": "欠薪"},
        format="json",
    )
    with in_union(union_a):
        assert reminders_send(today=D(2026, 5, 12)) == 0
        assert reminders_send(today=D(2026, 5, 13)) == 1
        assert reminders_send(today=D(2026, 5, 17)) == 1
    bodies = list(
        OutboxMessage.objects.filter(union=union_a, kind="rights.reminder")
        .order_by("id")
        .values_list("body", flat=True)
    )
    assert "arbitration" in bodies[-1]


def test_the_renewal_window_opens_on_its_first_day(a_chair, in_union, union_a):
    a_chair.post(
        "/api/v1/rights/contracts/", contract_payload(filed_on="2026-03-05"), format="json"
    )
    with in_union(union_a):
        assert reminders_send(today=D(2028, 11, 27)) == 0
        assert reminders_send(today=D(2028, 11, 28)) == 1


def test_the_dispatcher_sends_one_task_per_union(monkeypatch):
    from workplaces.rights import tasks

    sent = []
    monkeypatch.setattr(tasks.reminders_union, "apply_async", lambda **kw: sent.append(kw))
    assert tasks.reminders_dispatch() == len(sent) >= 2
    assert {kw["headers"]["_schema_name"] for kw in sent} >= {"union_a", "union_b"} or len(
        sent
    ) >= 2
