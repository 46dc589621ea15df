"""换届 reminders through the outbox: 6 and 1 months before the end, weekly once overdue,
idempotent per union and stage (a second run the same day sends nothing)."""

import datetime as dt

import pytest

from federation.platform.outbox.models import OutboxMessage
from tests.workplaces.organization.factories import committee, members_bulk
from workplaces.organization import services
from workplaces.organization.reminders import reminder_stage, term_reminders_send

pytestmark = pytest.mark.django_db

ELECTED = dt.date(2021, 7, 1)
ENDS = dt.date(2026, 7, 1)


@pytest.fixture
def term(union_a, in_union):
    with in_union(union_a):
        members_bulk(30)
        return services.term_create(
            elected_on=ELECTED, term_years=5, committee=committee(5), actor=None
        )


@pytest.mark.parametrize(
    ("on", "stage"),
    [
        (dt.date(2025, 12, 31), None),
        (dt.date(2026, 1, 1), "before:6"),
        (dt.date(2026, 5, 31), "before:6"),
        (dt.date(2026, 6, 1), "before:1"),
        (ENDS, "before:1"),
        (dt.date(2026, 7, 2), "overdue:0"),
        (dt.date(2026, 7, 8), "overdue:1"),
    ],
)
def test_reminder_stage_boundaries(term, on, stage):
    assert reminder_stage(term=term, on=on) == stage


def _messages(union):
    return OutboxMessage.objects.filter(
        union=union, kind="organization.election_reminder", channel="in_app"
    )


def test_a_reminder_is_sent_once_per_stage(term, union_a, in_union):
    with in_union(union_a):
        assert term_reminders_send(on=dt.date(2026, 1, 1)) == 1
        assert term_reminders_send(on=dt.date(2026, 1, 1)) == 0
        assert term_reminders_send(on=dt.date(2026, 2, 1)) == 0
        assert term_reminders_send(on=dt.date(2026, 6, 1)) == 1
    assert _messages(union_a).count() == 2


def test_weekly_once_overdue(term, union_a, in_union):
    with in_union(union_a):
        sent = [term_reminders_send(on=ENDS + dt.timedelta(days=d)) for d in range(1, 16)]
    assert sum(sent) == 3  # days 1, 7 and 14 after the end
    assert _messages(union_a).count() == 3


def test_no_term_no_reminder(union_a, in_union):
    with in_union(union_a):
        assert term_reminders_send(on=dt.date(2026, 1, 1)) == 0


def test_the_per_union_task_runs_in_the_union_schema(term, union_a):
    from workplaces.organization.tasks import reminders_union

    reminders_union(union_a.schema_name)  # today is past the end of this 2021-2026 term
    assert _messages(union_a).count() == 1


def test_the_job_is_registered():
    from tasks.schedule import PERIODIC_JOBS

    assert any(job[1] == "organization.reminders_dispatch" for job in PERIODIC_JOBS)
