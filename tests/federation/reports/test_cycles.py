"""Cycles and the life of a report: save, submit, return, resubmit, accept; late marks."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from federation.platform.errors import ConflictError
from federation.reports import selectors, services
from federation.reports.models import Cycle, Submission, SubmissionStatus
from tests.federation.reports.conftest import MANUAL

pytestmark = pytest.mark.django_db


def test_a_cycle_goes_to_the_chosen_unions_prefilled(cycle, union_a, union_b):
    subs = {s.union.slug: s for s in cycle.submissions.select_related("union")}
    assert set(subs) == {"union-a", "union-b"}
    assert subs["union-a"].prefilled == {
        "members": 120,
        "women": 50,
        "migrant": 30,
        "employees": 200,
    }
    assert subs["union-b"].prefilled == {"members": 0, "women": 0, "migrant": 0, "employees": 80}
    assert all(s.status == "pending" and s.values == {} for s in subs.values())


def test_a_cycle_to_all_goes_to_every_serving_union(frozen, annual, union_a, union_b):
    cycle = services.cycle_open(
        form=annual, period="2026-Q4", due_date=dt.date(2026, 12, 31), unions="all"
    )
    assert set(cycle.submissions.values_list("union__slug", flat=True)) == {"union-a", "union-b"}
    assert cycle.form_id == annual.pk


def test_a_second_cycle_of_the_same_form_and_period_is_a_conflict(cycle, annual):
    with pytest.raises(ConflictError):
        services.cycle_open(form=annual, period="2026", due_date=dt.date(2026, 12, 1), unions="all")
    assert Cycle.objects.count() == 1


def test_bad_cycle_input_names_every_field(annual):
    from federation.reports.api.cycles import ReportCycleInput

    data = ReportCycleInput(
        data={"form": 999999, "period": "2026-Q9", "due_date": "tomorrow", "unions": "some"}
    )
    assert not data.is_valid()
    assert set(data.errors) == {"form", "period", "due_date", "unions"}


def test_an_unknown_union_is_refused_on_unions(annual):
    with pytest.raises(ValidationError) as exc:
        services.cycle_open(
            form=annual, period="2026", due_date=dt.date(2026, 12, 1), unions=["no-such-union"]
        )
    assert set(exc.value.message_dict) == {"unions"}
    assert Cycle.objects.count() == 0


def test_saving_keeps_the_override_beside_the_prefilled_value(sub_a):
    sub = services.submission_save(submission=sub_a, values={"members": 118, "union_staff": 2})
    assert sub.values == {"members": 118, "union_staff": 2}
    assert sub.prefilled["members"] == 120
    view = selectors.report_view(submission=sub)
    members = next(f for f in view["fields"] if f["key"] == "members")
    assert (members["prefilled"], members["value"], members["overridden"]) == (120, 118, True)


def test_saving_null_drops_the_override(sub_a):
    services.submission_save(submission=sub_a, values={"members": 118})
    sub = services.submission_save(submission=sub_a, values={"members": None})
    assert sub.values == {}
    assert selectors.report_view(submission=sub)["values"]["members"] == 120


def test_type_errors_refuse_the_whole_change(sub_a):
    with pytest.raises(ValidationError) as exc:
        services.submission_save(
            submission=sub_a,
            values={"union_staff": 2, "members": "many", "congress_held": "也许", "nope": 1},
        )
    assert set(exc.value.message_dict) == {"members", "congress_held", "nope"}
    sub_a.refresh_from_db()
    assert sub_a.values == {}


def test_a_broken_rule_refuses_the_change(sub_a):
    with pytest.raises(ValidationError) as exc:
        services.submission_save(submission=sub_a, values={"women": 121})
    assert exc.value.message_dict == {"women": ["其中：女会员人数应≤会员人数。"]}
    sub_a.refresh_from_db()
    assert sub_a.values == {}


def test_members_above_employees_breaks_the_rule(sub_b):
    with pytest.raises(ValidationError) as exc:
        services.submission_save(submission=sub_b, values={"members": 81})
    assert list(exc.value.message_dict) == ["members"]


def test_submitting_needs_every_required_field(sub_a):
    with pytest.raises(ValidationError) as exc:
        services.submission_submit(submission=sub_a)
    assert set(exc.value.message_dict) == {
        "congress_held",
        "collective_contract",
        "mediation_committee",
        "women_committee",
        "funds_review_committee",
    }
    sub_a.refresh_from_db()
    assert sub_a.status == "pending"


def test_submitting_stores_the_complete_values_on_time(sub_a):
    sub = services.submission_submit(submission=sub_a, values=MANUAL)
    assert sub.status == "submitted"
    assert sub.late is False
    assert sub.values == {"members": 120, "women": 50, "migrant": 30, "employees": 200, **MANUAL}
    assert [e.kind for e in sub.events.all()] == ["saved", "submitted"]


def test_the_whole_round_return_fix_resubmit_accept(sub_a, frozen):
    sub = services.submission_submit(submission=sub_a, values=MANUAL)
    with pytest.raises(ValidationError):
        services.submission_save(submission=sub, values={"union_staff": 3})  # awaiting review
    with pytest.raises(ValidationError) as exc:
        services.submission_return(submission=sub, comment="  ")
    assert list(exc.value.message_dict) == ["comment"]
    sub = services.submission_return(submission=sub, comment="职工代表人数不对")
    assert (sub.status, sub.comment) == ("returned", "职工代表人数不对")
    frozen.move_to(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    sub = services.submission_submit(submission=sub, values={"congress_delegates": 28})
    assert (sub.status, sub.values["congress_delegates"]) == ("submitted", 28)
    assert sub.late is False  # it was first sent on time; the return was the federation's doing
    sub = services.submission_accept(submission=sub, comment="好")
    assert sub.status == "accepted"
    assert [e.kind for e in sub.events.all()] == [
        "saved",
        "submitted",
        "returned",
        "saved",
        "submitted",
        "accepted",
    ]


def test_an_accepted_report_cannot_be_changed(sub_a):
    sub = services.submission_accept(
        submission=services.submission_submit(submission=sub_a, values=MANUAL)
    )
    with pytest.raises(ValidationError) as exc:
        services.submission_save(submission=sub, values={"union_staff": 3})
    assert list(exc.value.message_dict) == ["status"]
    with pytest.raises(ValidationError):
        services.submission_submit(submission=sub)
    with pytest.raises(ValidationError):
        services.submission_return(submission=sub, comment="再改")
    sub.refresh_from_db()
    assert (sub.status, sub.values["union_staff"]) == ("accepted", 1)


def test_only_a_submitted_report_can_be_accepted(sub_a):
    with pytest.raises(ValidationError):
        services.submission_accept(submission=sub_a)
    assert Submission.objects.get(pk=sub_a.pk).status == "pending"


def test_a_first_submission_after_the_due_date_is_late(sub_a, frozen):
    frozen.move_to(dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    sub = services.submission_submit(submission=sub_a, values=MANUAL)
    assert sub.late is True
    assert (
        next(r for r in selectors.cycle_status(cycle=sub.cycle) if r["union"] == "union-a")["late"]
        is True
    )


def test_submitting_on_the_due_date_is_not_late(sub_a, frozen):
    frozen.move_to(dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert services.submission_submit(submission=sub_a, values=MANUAL).late is False


def test_a_pending_report_is_late_after_the_due_date(cycle, frozen):
    rows = {r["union"]: r for r in selectors.cycle_status(cycle=cycle)}
    assert rows["union-b"]["late"] is False
    frozen.move_to(dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    rows = {r["union"]: r for r in selectors.cycle_status(cycle=cycle)}
    assert (rows["union-b"]["status"], rows["union-b"]["late"]) == ("pending", True)
    assert selectors.cycle_status_counts(cycle=cycle)["late"] == 2


def test_a_closed_cycle_takes_no_more_changes(cycle, sub_a):
    services.cycle_close(cycle=cycle)
    with pytest.raises(ValidationError):
        services.submission_save(submission=sub_a, values={"union_staff": 1})


def test_status_counts(cycle, sub_a, sub_b):
    services.submission_submit(submission=sub_a, values=MANUAL)
    assert selectors.cycle_status_counts(cycle=cycle) == {
        "pending": 1,
        "submitted": 1,
        "returned": 0,
        "accepted": 0,
        "late": 0,
    }
    assert Submission.objects.get(pk=sub_b.pk).status == SubmissionStatus.PENDING


def test_federation_services_refuse_to_run_inside_a_union_schema(annual, union_a, in_union):
    from tenants.context import WrongSideError

    with in_union(union_a), pytest.raises(WrongSideError):
        services.cycle_open(form=annual, period="2026", due_date=dt.date(2026, 12, 1), unions="all")
    assert Cycle.objects.count() == 0
