"""A title whose re-check date has passed is withdrawn on beat (issue 11 item 6): the union
is told through the outbox, the history is kept, and a second run changes nothing."""

import datetime as dt

import pytest

from federation.homes.models import AssessmentEvent, EventKind, Status, Title
from federation.homes.services import titles_withdraw_due
from federation.platform.audit.models import AuditEvent
from federation.platform.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(assessment_a, union_a, fill_and_submit, review):
    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="85")
    return Title.objects.get(union=union_a)


def test_a_title_past_its_recheck_date_is_withdrawn_and_the_union_told(title, union_a):
    on = title.recheck_due + dt.timedelta(days=1)
    assert titles_withdraw_due(on=on) == 1
    title.refresh_from_db()
    assert (title.current, title.withdrawn_on is not None) == (False, True)
    assert str(title.recheck_due) in title.withdrawn_reason
    assert title.assessment.status == Status.WITHDRAWN
    (message,) = OutboxMessage.objects.filter(kind="homes.title_expired")
    assert message.union == union_a
    assert title.number in message.body
    event = AssessmentEvent.objects.get(assessment=title.assessment, kind=EventKind.WITHDRAWN)
    assert (event.side, event.actor) == ("system", "system")
    audit = AuditEvent.objects.get(kind="homes.title_expired")
    assert (audit.before["current"], audit.after["current"]) == (True, False)


def test_the_history_keeps_the_withdrawn_title(title, union_a, client_for):
    titles_withdraw_due(on=title.recheck_due + dt.timedelta(days=1))
    data = client_for("a_chair", union_a).get("/api/v1/homes/title/").json()
    assert data["current"] is None
    assert [(t["number"], t["current"]) for t in data["history"]] == [(title.number, False)]


def test_a_title_due_today_is_not_withdrawn(title):
    assert titles_withdraw_due(on=title.recheck_due) == 0
    title.refresh_from_db()
    assert title.current is True


def test_withdrawing_due_titles_twice_changes_nothing_the_second_time(title):
    on = title.recheck_due + dt.timedelta(days=1)
    titles_withdraw_due(on=on)
    assert titles_withdraw_due(on=on) == 0
    assert OutboxMessage.objects.filter(kind="homes.title_expired").count() == 1
    assert AuditEvent.objects.filter(kind="homes.title_expired").count() == 1


def test_the_withdrawal_runs_on_beat():
    from tasks.schedule import PERIODIC_JOBS

    assert any(job[1] == "homes.titles_withdraw_due" for job in PERIODIC_JOBS)
