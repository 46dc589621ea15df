"""The workflow through the API: round, self-assessment, submit, return, resubmit, accept,
re-check, and the reminders."""

import datetime as dt
from decimal import Decimal

import pytest

from federation.homes.models import Assessment, Round, Status, Title
from federation.platform.audit.models import AuditEvent
from federation.platform.outbox.models import OutboxMessage
from tests.federation.homes.conftest import full_scores

pytestmark = pytest.mark.django_db


def _open(client_for, scheme, today, unions="all", **extra):
    body = {
        "scheme": scheme.pk,
        "title": "2026年度职工之家验收",
        "deadline": str(today + dt.timedelta(days=14)),
        "unions": unions,
        **extra,
    }
    return client_for("federation_assessor").post("/api/v1/homes/rounds/", body, format="json")


def test_a_round_for_all_unions_creates_one_assessment_each(client_for, scheme, today):
    r = _open(client_for, scheme, today)
    assert r.status_code == 201
    data = r.json()
    assert data["progress"]["by_status"]["not_started"] == 2
    assert sorted((a["union"], a["status"]) for a in data["assessments"]) == [
        ("union-a", "not_started"),
        ("union-b", "not_started"),
    ]
    rnd = Round.objects.get(pk=data["id"])
    assert sorted(rnd.assessments.values_list("union__slug", flat=True)) == ["union-a", "union-b"]
    assert rnd.assessments.first().items.count() == 21


def test_a_round_for_chosen_unions_assesses_only_those(client_for, scheme, today):
    r = _open(client_for, scheme, today, unions=["union-b"])
    assert r.status_code == 201
    assert list(
        Assessment.objects.filter(round_id=r.json()["id"]).values_list("union__slug", flat=True)
    ) == ["union-b"]


def test_the_results_list_each_union_with_status_and_totals(
    client_for, round_ab, assessment_a, union_a, fill_and_submit
):
    fill_and_submit(assessment_a, union_a, total="85.5")
    r = client_for("federation_assessor").get(f"/api/v1/homes/rounds/{round_ab.pk}/results/")
    assert r.status_code == 200
    rows = {row["union"]: row for row in r.json()["results"]}
    assert rows["union-a"]["status"] == "submitted"
    assert rows["union-a"]["self_total"] == "85.50"
    assert rows["union-a"]["score"] is None
    assert rows["union-a"]["level"] is None
    assert rows["union-b"]["status"] == "not_started"
    assert rows["union-b"]["self_total"] == "0.00"


def test_the_union_saves_its_self_scores_and_evidence(client_for, assessment_a, union_a):
    api = client_for("a_chair", union_a)
    r = api.patch(
        f"/api/v1/homes/assessments/{assessment_a.pk}/",
        {
            "items": [
                {"code": "ZZ01", "self_score": "5.5", "evidence": "2024年换届批复"},
                {"code": "JF01", "self_score": 5},
            ],
            "approval_rate": "88.5",
        },
        format="json",
    )
    assert r.status_code == 200
    data = r.json()
    assert data["status"] == "draft"
    assert data["self_total"] == "10.50"
    assert data["approval_rate"] == "88.50"
    item = next(i for i in data["items"] if i["code"] == "ZZ01")
    assert (item["self_score"], item["evidence"]) == ("5.50", "2024年换届批复")
    assert data["can_submit"] is False
    assert "items" in data["submit_blockers"]


def test_the_progress_grid_counts_every_status(
    client_for, scheme, union_a, union_b, today, fill_and_submit, review
):
    from federation.homes.selectors import round_progress
    from federation.homes.services import round_open

    r1 = round_open(
        scheme=scheme, title="R", deadline=today + dt.timedelta(days=5), unions="all", actor=None
    )
    a = r1.assessments.get(union=union_a)
    fill_and_submit(a, union_a)
    review(a, decision="return", comment="补材料", deadline=str(today + dt.timedelta(days=3)))
    progress = round_progress(round=r1)
    assert progress["total"] == 2
    assert progress["by_status"] == {
        "not_started": 1,
        "draft": 0,
        "submitted": 0,
        "returned": 1,
        "accepted": 0,
        "failed": 0,
        "vetoed": 0,
        "withdrawn": 0,
    }
    r2 = round_open(
        scheme=scheme, title="R2", deadline=today + dt.timedelta(days=5), unions="all", actor=None
    )
    a2, b2 = r2.assessments.get(union=union_a), r2.assessments.get(union=union_b)
    fill_and_submit(a2, union_a)
    review(a2, total="92")
    fill_and_submit(b2, union_b)
    api = client_for("federation_assessor")
    data = api.get(f"/api/v1/homes/rounds/{r2.pk}/").json()
    assert data["progress"]["by_status"]["accepted"] == 1
    assert data["progress"]["by_status"]["submitted"] == 1
    assert data["progress"]["by_status"]["not_started"] == 0


def test_return_and_resubmit_keeps_every_step_with_who_and_when(
    client_for, assessment_a, union_a, today, fill_and_submit
):
    fill_and_submit(assessment_a, union_a)
    fed = client_for("federation_assessor")
    new_deadline = str(today + dt.timedelta(days=7))
    r = fed.post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/review/",
        {
            "items": [{"code": "MZ01", "score": "2", "comment": "缺职代会决议"}],
            "decision": "return",
            "comment": "请补充职代会材料",
            "deadline": new_deadline,
        },
        format="json",
    )
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["deadline"]) == ("returned", new_deadline)
    own = client_for("a_chair", union_a)
    seen = own.get(f"/api/v1/homes/assessments/{assessment_a.pk}/").json()
    assert seen["review_comment"] == "请补充职代会材料"
    assert next(i for i in seen["items"] if i["code"] == "MZ01")["comment"] == "缺职代会决议"
    r = own.patch(
        f"/api/v1/homes/assessments/{assessment_a.pk}/",
        {"items": [{"code": "MZ01", "evidence": "补充2026年职代会决议"}]},
        format="json",
    )
    assert r.status_code == 200
    assert r.json()["status"] == "returned"
    r = own.post(f"/api/v1/homes/assessments/{assessment_a.pk}/submit/")
    assert r.status_code == 200
    assert r.json()["status"] == "submitted"
    r = fed.post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/review/",
        {
            "items": full_scores(assessment_a, field="score", total="86"),
            "decision": "accept",
            "comment": "整改到位",
        },
        format="json",
    )
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["score"], r.json()["level"]) == (
        "accepted",
        "86.00",
        "先进",
    )
    events = [(e["kind"], e["side"], e["actor"]) for e in r.json()["events"]]
    assert events == [
        ("opened", "federation", "federation_assessor"),
        ("saved", "union", "chair"),
        ("submitted", "union", "chair"),
        ("returned", "federation", "federation_assessor"),
        ("saved", "union", "a_chair"),
        ("submitted", "union", "a_chair"),
        ("accepted", "federation", "federation_assessor"),
    ]
    assert all(e["at"] for e in r.json()["events"])
    assessment_a.refresh_from_db()
    assert assessment_a.submissions == 2
    kinds = list(
        AuditEvent.objects.filter(object_id=str(assessment_a.pk), object_type="homes.assessment")
        .order_by("at", "id")
        .values_list("kind", "actor_name")
    )
    assert kinds == [
        ("homes.returned", "federation_assessor"),
        ("homes.accepted", "federation_assessor"),
    ]


def test_accepting_awards_a_title_with_a_recheck_date_a_year_later(
    assessment_a, union_a, fill_and_submit, review, today, client_for
):
    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="82")
    title = Title.objects.get(union=union_a, current=True)
    assert title.level.name == "先进"
    assert title.awarded_on == today
    assert (
        title.recheck_due == today.replace(year=today.year + 1)
        if not (today.month == 2 and today.day == 29)
        else dt.date(today.year + 1, 2, 28)
    )
    data = client_for("a_chair", union_a).get("/api/v1/homes/title/").json()
    assert data["current"]["level"] == "先进"
    assert data["current"]["number"] == title.number
    assert len(data["history"]) == 1


def test_a_failed_recheck_withdraws_the_title(
    scheme, assessment_a, union_a, fill_and_submit, review, today, client_for
):
    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="91")
    r = client_for("federation_assessor").post(
        "/api/v1/homes/rounds/",
        {
            "scheme": scheme.pk,
            "title": "复核",
            "deadline": str(today + dt.timedelta(days=5)),
            "unions": "all",
            "kind": "recheck",
        },
        format="json",
    )
    assert r.status_code == 201
    recheck = Assessment.objects.get(round_id=r.json()["id"])
    assert recheck.union == union_a  # only the union holding a title
    fill_and_submit(recheck, union_a, total="70")
    review(recheck, total="55", comment="复核未达标")
    title = Title.objects.get(assessment=assessment_a)
    assert title.current is False
    assert title.withdrawn_on == today
    assert title.withdrawn_reason == "复核未达标"
    event = AuditEvent.objects.get(kind="homes.withdrawn", object_id=str(title.pk))
    assert (event.before, event.after, event.note) == (
        {"current": True, "withdrawn_on": None, "withdrawn_reason": ""},
        {"current": False, "withdrawn_on": today.isoformat(), "withdrawn_reason": "复核未达标"},
        "复核未达标",
    )
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.WITHDRAWN
    recheck.refresh_from_db()
    assert (recheck.status, recheck.score) == (Status.FAILED, Decimal("55.00"))
    data = client_for("a_chair", union_a).get("/api/v1/homes/title/").json()
    assert data["current"] is None
    assert data["history"][0]["withdrawn_reason"] == "复核未达标"


def test_a_passed_recheck_renews_the_title(
    scheme, assessment_a, union_a, fill_and_submit, review, today
):
    from federation.homes.services import round_open

    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="85")
    rnd = round_open(
        scheme=scheme,
        title="复核",
        deadline=today + dt.timedelta(days=5),
        unions="all",
        kind="recheck",
        actor=None,
    )
    recheck = rnd.assessments.get()
    fill_and_submit(recheck, union_a)
    review(recheck, total="93")
    titles = list(Title.objects.filter(union=union_a).order_by("id"))
    assert [(t.level.name, t.current, t.superseded_on) for t in titles] == [
        ("先进", False, today),
        ("模范", True, None),
    ]


def test_the_assessor_withdraws_a_title_with_a_reason(
    assessment_a, union_a, fill_and_submit, review, client_for
):
    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="85")
    title = Title.objects.get(union=union_a)
    api = client_for("federation_assessor")
    assert (
        api.post(f"/api/v1/homes/titles/{title.pk}/withdraw/", {}, format="json").status_code == 400
    )
    r = api.post(
        f"/api/v1/homes/titles/{title.pk}/withdraw/", {"reason": "发生重大劳动争议"}, format="json"
    )
    assert r.status_code == 200
    assert (r.json()["current"], r.json()["withdrawn_reason"]) == (False, "发生重大劳动争议")


def test_submit_after_the_deadline_is_refused_unless_reopened(
    client_for, assessment_a, union_a, today, in_union
):
    from federation.homes.services import assessment_save

    with in_union(union_a):
        assessment_save(
            union=union_a,
            assessment=assessment_a,
            items=full_scores(assessment_a, typed=True),
            approval_rate=Decimal("90"),
            actor=None,
        )
    Round.objects.filter(pk=assessment_a.round_id).update(deadline=today - dt.timedelta(days=1))
    own = client_for("a_chair", union_a)
    r = own.post(f"/api/v1/homes/assessments/{assessment_a.pk}/submit/")
    assert r.status_code == 400
    assert list(r.json()) == ["deadline"]
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.DRAFT
    fed = client_for("federation_assessor")
    r = fed.post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/reopen/",
        {"comment": "因疫情延期"},
        format="json",
    )
    assert r.status_code == 200
    assert r.json()["reopened"] is True
    r = own.post(f"/api/v1/homes/assessments/{assessment_a.pk}/submit/")
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["reopened"]) == ("submitted", False)
    event = AuditEvent.objects.get(kind="homes.reopened", object_id=str(assessment_a.pk))
    assert (event.before["reopened"], event.after["reopened"], event.note) == (
        False,
        True,
        "因疫情延期",
    )


def test_submit_needs_every_criterion_and_the_approval_rate(client_for, assessment_a, union_a):
    own = client_for("a_chair", union_a)
    own.patch(
        f"/api/v1/homes/assessments/{assessment_a.pk}/",
        {"items": [{"code": "ZZ01", "self_score": "6"}]},
        format="json",
    )
    r = own.post(f"/api/v1/homes/assessments/{assessment_a.pk}/submit/")
    assert r.status_code == 400
    assert sorted(r.json()) == ["approval_rate", "items"]
    assert "ZZ02" in r.json()["items"][0]


def test_a_submitted_assessment_cannot_be_changed_by_the_union(
    client_for, assessment_a, union_a, fill_and_submit
):
    fill_and_submit(assessment_a, union_a)
    r = client_for("a_chair", union_a).patch(
        f"/api/v1/homes/assessments/{assessment_a.pk}/",
        {"items": [{"code": "ZZ01", "self_score": "1"}]},
        format="json",
    )
    assert r.status_code == 400
    assert list(r.json()) == ["status"]
    assert assessment_a.items.get(criterion__code="ZZ01").self_score == Decimal("6.00")


def test_the_union_does_not_see_the_assessors_scores_before_the_decision(
    client_for, assessment_a, union_a, fill_and_submit, review
):
    fill_and_submit(assessment_a, union_a)
    review(assessment_a, decision="save")
    data = (
        client_for("a_chair", union_a).get(f"/api/v1/homes/assessments/{assessment_a.pk}/").json()
    )
    assert {i["score"] for i in data["items"]} == {None}
    fed = (
        client_for("federation_assessor")
        .get(f"/api/v1/homes/assessments/{assessment_a.pk}/")
        .json()
    )
    assert next(i for i in fed["items"] if i["code"] == "ZZ01")["score"] == "6.00"


def test_reminders_go_before_the_deadline_to_unions_not_submitted_once_a_day(
    round_ab, assessment_a, union_a, union_b, fill_and_submit, today
):
    from federation.homes.services import reminders_send

    fill_and_submit(assessment_a, union_a)
    on = round_ab.deadline - dt.timedelta(days=7)
    assert reminders_send(on=on) == 1
    assert reminders_send(on=on) == 0
    msgs = OutboxMessage.objects.filter(kind="homes.deadline")
    assert [m.union.slug for m in msgs] == ["union-b"]
    assert round_ab.title in msgs[0].body
    assert reminders_send(on=round_ab.deadline - dt.timedelta(days=6)) == 0
    assert reminders_send(on=round_ab.deadline - dt.timedelta(days=3)) == 1


def test_reminders_go_before_the_recheck_date(assessment_a, union_a, fill_and_submit, review):
    from federation.homes.services import reminders_send

    fill_and_submit(assessment_a, union_a)
    review(assessment_a, total="85")
    title = Title.objects.get(union=union_a)
    assert reminders_send(on=title.recheck_due - dt.timedelta(days=30)) == 1
    msg = OutboxMessage.objects.get(kind="homes.recheck")
    assert msg.union == union_a
    assert title.number in msg.body


def test_the_daily_reminder_job_is_on_the_beat_schedule():
    from tasks.app import app
    from tasks.schedule import PERIODIC_JOBS

    assert any(job[1] == "homes.reminders_daily" for job in PERIODIC_JOBS)
    app.loader.import_default_modules()
    assert "homes.reminders_daily" in app.tasks


def test_a_run_of_drafts_by_one_person_is_one_step_of_the_history(
    client_for, assessment_a, union_a
):
    api = client_for("a_chair", union_a)
    for code in ("ZZ01", "ZZ02", "ZZ03"):
        api.patch(
            f"/api/v1/homes/assessments/{assessment_a.pk}/",
            {"items": [{"code": code, "self_score": "1"}]},
            format="json",
        )
    saved = assessment_a.events.filter(kind="saved")
    assert saved.count() == 1
    assert saved.get().data["saves"] == 3
    assert saved.get().data["items"] == ["ZZ01", "ZZ02", "ZZ03"]


def test_the_union_hears_of_each_decision_through_the_outbox(
    assessment_a, union_a, fill_and_submit, review, today, in_union
):
    from federation.homes.services import assessment_submit

    fill_and_submit(assessment_a, union_a)
    review(
        assessment_a,
        decision="return",
        comment="补充材料",
        deadline=str(today + dt.timedelta(days=5)),
    )
    with in_union(union_a):
        assessment_submit(union=union_a, assessment=assessment_a, actor="chair")
    review(assessment_a, total="85")
    msgs = list(
        OutboxMessage.objects.filter(union=union_a, kind__startswith="homes.").order_by("id")
    )
    assert [m.kind for m in msgs] == ["homes.returned", "homes.accepted"]
    assert "补充材料" in msgs[0].body
    assert "先进" in msgs[1].subject


def test_a_round_opened_twice_under_one_title_is_a_400_on_title(client_for, scheme, today):
    assert _open(client_for, scheme, today).status_code == 201
    r = _open(client_for, scheme, today)
    assert r.status_code == 400
    assert "title" in r.json()
    assert Round.objects.filter(title="2026年度职工之家验收").count() == 1
