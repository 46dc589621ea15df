"""Congress boundaries: quorum (2/3 of ALL delegates, exactly counts), motions (more than
half of ALL delegates, however many were present), proposals (two seconders, deadline)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from federation.platform.errors import ConflictError
from workplaces.congress import proposals, selectors, services
from workplaces.congress.models import Motion, Proposal

pytestmark = pytest.mark.django_db


def test_199_of_300_present_is_not_quorate():
    assert services.session_quorate(present=199, total=300) is False


def test_200_of_300_present_is_quorate():
    assert services.session_quorate(present=200, total=300) is True


@pytest.mark.parametrize("present", [200, 250, 300])
def test_151_yes_of_300_passes_however_many_were_present(present):
    assert services.motion_passes(yes=151, total=300) is True


def test_150_yes_of_300_does_not_pass():
    assert services.motion_passes(yes=150, total=300) is False


def _session(present=200, total=300, **kw):
    return services.session_record(
        kind="workers",
        title="第三届第一次职代会",
        held_on=kw.pop("held_on", dt.date(2026, 3, 1)),
        delegates_total=total,
        delegates_present=present,
        actor=None,
        **kw,
    )


def test_motion_with_150_of_300_fails_even_when_150_is_most_of_those_present(union_a, in_union):
    with in_union(union_a):
        session = _session(present=200)
        motion = services.motion_vote(
            session=session, title="工作报告", yes=150, no=10, abstain=0, actor=None
        )
        assert motion.passed is False
        assert services.motion_vote(
            session=session, title="财务报告", yes=151, no=0, abstain=0, actor=None
        ).passed


def test_motion_at_a_session_that_is_not_quorate_is_refused(union_a, in_union):
    with in_union(union_a):
        session = _session(present=199)
        assert session.quorate is False
        with pytest.raises(ConflictError):
            services.motion_vote(
                session=session, title="工作报告", yes=190, no=0, abstain=0, actor=None
            )
        assert Motion.objects.count() == 0


def test_more_votes_than_present_refused(union_a, in_union):
    with in_union(union_a):
        session = _session(present=200)
        with pytest.raises(ValidationError):
            services.motion_vote(session=session, title="x", yes=150, no=40, abstain=11, actor=None)


def test_attendance_from_the_roster_sets_the_quorum(union_a, in_union):
    with in_union(union_a):
        congress = services.congress_create(
            kind="workers", starts_on=dt.date(2025, 1, 1), term_years=5, actor=None
        )
        delegates = [
            services.delegate_add(
                congress=congress, name=f"代表{i}", category="front_line", actor=None
            )
            for i in range(3)
        ]
        session = _session(present=0, total=3)
        session = services.attendance_record(
            session=session, present_ids=[delegates[0].pk], actor=None
        )
        assert (session.delegates_total, session.delegates_present, session.quorate) == (
            3,
            1,
            False,
        )
        session = services.attendance_record(
            session=session, present_ids=[d.pk for d in delegates[:2]], actor=None
        )
        assert (session.delegates_present, session.quorate) == (2, True)


def test_congress_term_of_6_years_refused(union_a, in_union):
    with in_union(union_a):
        with pytest.raises(ValidationError) as exc:
            services.congress_create(
                kind="workers", starts_on=dt.date(2025, 1, 1), term_years=6, actor=None
            )
        assert "term_years" in exc.value.message_dict


def test_proposal_with_one_seconder_refused(union_a, in_union):
    with in_union(union_a):
        with pytest.raises(ValidationError) as exc:
            proposals.proposal_submit(
                title="食堂", body="改善", proposer="甲", seconders=["乙"], actor=None
            )
        assert exc.value.error_dict["seconders"][0].code == "too_few"
        assert Proposal.objects.count() == 0


def test_the_proposer_does_not_count_as_a_seconder(union_a, in_union):
    with in_union(union_a), pytest.raises(ValidationError):
        proposals.proposal_submit(
            title="食堂", body="改善", proposer="甲", seconders=["甲", "乙"], actor=None
        )


def test_proposal_with_two_seconders_accepted_answered_rated(union_a, in_union):
    with in_union(union_a):
        p = proposals.proposal_submit(
            title="食堂", body="改善", proposer="甲", seconders=["乙", "丙"], actor=None
        )
        assert (p.kind, p.status, p.number) == ("proposal", "submitted", 1)
        with pytest.raises(ConflictError):
            proposals.proposal_answer(proposal=p, answer="x", actor=None)
        p = proposals.proposal_review(
            proposal=p, decision="accept", department="行政部", actor=None
        )
        p = proposals.proposal_answer(proposal=p, answer="已办理", actor=None)
        p = proposals.proposal_rate(proposal=p, satisfaction="basically", actor=None)
        assert (p.status, p.satisfaction, p.department) == ("answered", "basically", "行政部")


def test_reject_needs_a_reason(union_a, in_union):
    with in_union(union_a):
        p = proposals.proposal_submit(
            title="食堂", body="改善", proposer="甲", seconders=["乙", "丙"], actor=None
        )
        with pytest.raises(ValidationError) as exc:
            proposals.proposal_review(proposal=p, decision="reject", actor=None)
        assert "reason" in exc.value.message_dict


def test_a_late_proposal_becomes_a_suggestion(union_a, in_union):
    with in_union(union_a):
        session = _session(held_on=dt.date(2026, 3, 10), proposals_deadline=dt.date(2026, 3, 1))
        on_time = proposals.proposal_submit(
            title="a",
            body="b",
            proposer="甲",
            seconders=["乙", "丙"],
            session_id=session.pk,
            submitted_on=dt.date(2026, 3, 1),
            actor=None,
        )
        late = proposals.proposal_submit(
            title="a",
            body="b",
            proposer="甲",
            seconders=["乙", "丙"],
            session_id=session.pk,
            submitted_on=dt.date(2026, 3, 2),
            actor=None,
        )
        assert on_time.kind == "proposal"
        assert (late.kind, late.status) == ("suggestion", "suggestion")


def test_seconders_must_be_delegates_when_there_is_a_roster(union_a, in_union):
    with in_union(union_a):
        congress = services.congress_create(
            kind="workers", starts_on=dt.date(2025, 1, 1), term_years=5, actor=None
        )
        for name in ("甲", "乙", "丙"):
            services.delegate_add(congress=congress, name=name, category="front_line", actor=None)
        with pytest.raises(ValidationError) as exc:
            proposals.proposal_submit(
                title="a", body="b", proposer="甲", seconders=["乙", "路人"], actor=None
            )
        assert "seconders" in exc.value.message_dict


def test_composition_managers_cap_boundary():
    ok = selectors.composition_findings(
        kind="workers", counts={"manager": 6, "front_line": 24}, total=30, employees=200
    )
    bad = selectors.composition_findings(
        kind="workers", counts={"manager": 7, "front_line": 23}, total=30, employees=200
    )
    assert {f["code"]: f["ok"] for f in ok}["managers_cap"] is True
    assert {f["code"]: f["ok"] for f in bad}["managers_cap"] is False


def test_composition_teachers_at_least_60_percent():
    ok = selectors.composition_findings(
        kind="teachers", counts={"teacher": 18, "other": 12}, total=30, employees=90
    )
    bad = selectors.composition_findings(
        kind="teachers", counts={"teacher": 17, "other": 13}, total=30, employees=90
    )
    assert {f["code"]: f["ok"] for f in ok}["teachers_min"] is True
    assert {f["code"]: f["ok"] for f in bad}["teachers_min"] is False


def test_composition_delegates_at_least_30_and_5_percent():
    def count_ok(total, employees):
        found = selectors.composition_findings(
            kind="workers", counts={"front_line": total}, total=total, employees=employees
        )
        return {f["code"]: f["ok"] for f in found}["delegates_count"]

    assert count_ok(30, 600) is True
    assert count_ok(29, 100) is False
    assert count_ok(40, 801) is False  # 5% of 801 is 40.05
    assert count_ok(41, 801) is True


def test_session_facts_pushed(union_a, in_union, django_capture_on_commit_callbacks):
    from tenants.facts import fact_value

    with in_union(union_a), django_capture_on_commit_callbacks(execute=True):
        _session(present=200, held_on=dt.date(2026, 3, 1))
        _session(present=100, held_on=dt.date(2026, 6, 1))  # not quorate: not a congress held
    assert fact_value(union=union_a, key="congress.last_held_on") == "2026-03-01"
    assert fact_value(union=union_a, key="congress.sessions_by_year") == {"2026": 1}


def test_proposal_facts_pushed(union_a, in_union, django_capture_on_commit_callbacks):
    from tenants.facts import fact_value

    with in_union(union_a), django_capture_on_commit_callbacks(execute=True):
        p = proposals.proposal_submit(
            title="a",
            body="b",
            proposer="甲",
            seconders=["乙", "丙"],
            submitted_on=dt.date(2026, 2, 1),
            actor=None,
        )
        proposals.proposal_submit(
            title="c",
            body="d",
            proposer="甲",
            seconders=["乙", "丙"],
            submitted_on=dt.date(2026, 2, 2),
            actor=None,
        )
        proposals.proposal_review(proposal=p, decision="accept", department="工会", actor=None)
        proposals.proposal_answer(proposal=p, answer="ok", actor=None)
    assert fact_value(union=union_a, key="congress.proposals_by_year") == {
        "2026": {"received": 2, "accepted": 1, "answered": 1}
    }
