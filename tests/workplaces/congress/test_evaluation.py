"""Democratic evaluation: anonymous by construction, one ballot per voter."""

import pytest
from django.db import connection

from federation.platform.audit.models import AuditEvent
from federation.platform.errors import ConflictError
from tests.workplaces.organization.factories import user_make
from workplaces.congress import evaluation
from workplaces.congress.models import Ballot, VotedMarker

pytestmark = pytest.mark.django_db


def test_the_ballots_table_has_no_voter_column(union_a, in_union):
    with in_union(union_a):
        columns = [
            c.name
            for c in connection.introspection.get_table_description(
                connection.cursor(), Ballot._meta.db_table
            )
        ]
    assert sorted(columns) == ["evaluation_id", "grade", "id", "subject_id"]


def _ev():
    return evaluation.evaluation_create(
        title="2026年民主评议", subjects=[("张主席", "主席"), ("李副主席", "副主席")], actor=None
    )


def test_a_second_ballot_by_the_same_voter_is_refused_by_the_marker(union_a, in_union):
    with in_union(union_a):
        voter = user_make("gov_voter", "member")
        ev = _ev()
        subjects = [s.pk for s in ev.subjects.all()]
        evaluation.evaluation_vote(
            evaluation=ev, voter=voter, grades={subjects[0]: "excellent", subjects[1]: "competent"}
        )
        with pytest.raises(ConflictError):
            evaluation.evaluation_vote(
                evaluation=ev,
                voter=voter,
                grades={subjects[0]: "incompetent", subjects[1]: "incompetent"},
            )
        assert Ballot.objects.filter(evaluation=ev).count() == 2
        assert VotedMarker.objects.filter(evaluation=ev).count() == 1
        assert evaluation.evaluation_tally(evaluation=ev)[0]["grades"] == {
            "excellent": 1,
            "competent": 0,
            "basic": 0,
            "incompetent": 0,
        }


def test_the_marker_has_a_unique_constraint():
    names = [c.name for c in VotedMarker._meta.constraints]
    assert "congress_vote_once" in names


def test_the_audit_of_a_ballot_holds_no_grade(union_a, in_union):
    with in_union(union_a):
        voter = user_make("gov_voter2", "member")
        ev = _ev()
        evaluation.evaluation_vote(
            evaluation=ev, voter=voter, grades={s.pk: "excellent" for s in ev.subjects.all()}
        )
        event = AuditEvent.objects.get(kind="congress.ballot")
        assert "excellent" not in str(event.after)
        assert "excellent" not in event.note


def test_a_ballot_must_grade_every_cadre(union_a, in_union):
    from django.core.exceptions import ValidationError

    with in_union(union_a):
        voter = user_make("gov_voter3", "member")
        ev = _ev()
        with pytest.raises(ValidationError):
            evaluation.evaluation_vote(
                evaluation=ev, voter=voter, grades={ev.subjects.first().pk: "excellent"}
            )
        assert VotedMarker.objects.count() == 0


def test_a_closed_evaluation_takes_no_ballot(union_a, in_union):
    with in_union(union_a):
        voter = user_make("gov_voter4", "member")
        ev = evaluation.evaluation_close(evaluation=_ev(), actor=None)
        with pytest.raises(ConflictError):
            evaluation.evaluation_vote(
                evaluation=ev, voter=voter, grades={s.pk: "basic" for s in ev.subjects.all()}
            )
