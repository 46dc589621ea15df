"""Proposals are reported at the next session (DESIGN.md, "Workplace governance"): a session
hears the proposals answered since the previous session with their satisfaction, and those
accepted but still in hand; on its page, in its API, its printed minutes and the minutes
book."""

import datetime as dt

import pytest

pytestmark = pytest.mark.django_db

S = "/api/v1/congress/sessions/"
MARCH = dt.date(2026, 3, 1)
NOVEMBER = dt.date(2026, 11, 20)


def _session(held_on: dt.date, title: str = "职代会"):
    from workplaces.congress.models import Session

    return Session.objects.create(
        kind="workers",
        title=title,
        held_on=held_on,
        delegates_total=60,
        delegates_present=50,
        quorate=True,
    )


def _proposal(number: int, *, status: str, reviewed=None, answered=None, satisfaction=""):
    from workplaces.congress.models import Proposal

    return Proposal.objects.create(
        kind="proposal",
        number=number,
        title=f"提案{number}",
        body="内容",
        proposer="甲",
        seconders=["乙", "丙"],
        submitted_on=dt.date(2026, 1, 5),
        status=status,
        department="后勤部" if reviewed else "",
        reviewed_on=reviewed,
        answered_on=answered,
        answer="已办理" if answered else "",
        satisfaction=satisfaction,
    )


@pytest.fixture
def year_of_proposals(union_a, in_union):
    """Two sessions (March, November) and proposals handled around them."""
    with in_union(union_a):
        first, second = _session(MARCH, "一届一次"), _session(NOVEMBER, "一届二次")
        _proposal(
            1, status="answered", reviewed=dt.date(2026, 1, 20), answered=dt.date(2026, 2, 10)
        )
        _proposal(
            2,
            status="answered",
            reviewed=dt.date(2026, 3, 10),
            answered=dt.date(2026, 6, 1),
            satisfaction="satisfied",
        )
        _proposal(3, status="answered", reviewed=dt.date(2026, 3, 10), answered=dt.date(2026, 7, 1))
        _proposal(4, status="accepted", reviewed=dt.date(2026, 5, 1))
        _proposal(5, status="rejected", reviewed=dt.date(2026, 3, 10))
        _proposal(6, status="answered", reviewed=dt.date(2026, 5, 1), answered=dt.date(2026, 12, 1))
    return first, second


def test_the_next_session_hears_the_proposals_answered_since_the_previous_one(
    union_a, in_union, year_of_proposals
):
    from workplaces.congress.report import session_proposals_report

    _first, second = year_of_proposals
    with in_union(union_a):
        report = session_proposals_report(session=second)
    assert report["since"] == MARCH
    assert [r["number"] for r in report["answered"]] == [2, 3]
    assert report["satisfaction"] == {
        "satisfied": 1,
        "basically": 0,
        "unsatisfied": 0,
        "unrated": 1,
    }


def test_a_proposal_answered_after_the_session_is_reported_in_hand(
    union_a, in_union, year_of_proposals
):
    from workplaces.congress.report import session_proposals_report

    _first, second = year_of_proposals
    with in_union(union_a):
        report = session_proposals_report(session=second)
    assert [r["number"] for r in report["in_hand"]] == [4, 6]


def test_the_first_session_hears_everything_answered_before_it(
    union_a, in_union, year_of_proposals
):
    from workplaces.congress.report import session_proposals_report

    first, _second = year_of_proposals
    with in_union(union_a):
        report = session_proposals_report(session=first)
    assert (report["since"], report["previous_session"]) == (None, None)
    assert [r["number"] for r in report["answered"]] == [1]
    assert report["in_hand"] == []


def test_the_session_api_carries_the_report(union_a_chair_api, year_of_proposals):
    _first, second = year_of_proposals
    r = union_a_chair_api.get(f"{S}{second.pk}/")
    assert r.status_code == 200
    report = r.data["proposals_report"]
    assert report["since"] == "2026-03-01"
    assert [(p["number"], p["satisfaction"]) for p in report["answered"]] == [
        (2, "satisfied"),
        (3, "unrated"),
    ]
    assert [p["number"] for p in report["in_hand"]] == [4, 6]


def test_the_session_page_shows_the_report(union_a, year_of_proposals):
    from django.test import Client

    from tests.conftest import PASSWORD

    _first, second = year_of_proposals
    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    html = client.get(f"/congress/sessions/{second.pk}/").content.decode()
    section = html.split('id="proposals-report"')[1].split("</section>")[0]
    assert '<b id="report-answered">2</b>' in section
    assert '<b id="report-satisfied">1</b>' in section
    assert '<b id="report-in-hand">2</b>' in section
    assert "提案办理情况报告" in html
    assert f'href="/congress/sessions/{second.pk}/minutes.pdf"' in section


def test_the_minutes_print_as_a_pdf_with_hostile_titles(union_a, in_union, union_a_chair_api):
    with in_union(union_a):
        session = _session(NOVEMBER, "<img src=x> 一届二次")
        _proposal(1, status="answered", reviewed=MARCH, answered=dt.date(2026, 6, 1))
        session.motions.create(title="<b>工作报告</b>", yes=40, no=0, abstain=0, passed=True)
    r = union_a_chair_api.get(f"{S}{session.pk}/minutes.pdf")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")


def test_another_unions_session_minutes_are_404(union_a, in_union, union_b_chair_api):
    with in_union(union_a):
        session = _session(NOVEMBER)
    assert union_b_chair_api.get(f"{S}{session.pk}/minutes.pdf").status_code == 404


def test_a_member_cannot_print_the_minutes(union_a, in_union, client_for):
    with in_union(union_a):
        session = _session(NOVEMBER)
    assert client_for("a_member", union_a).get(f"{S}{session.pk}/minutes.pdf").status_code == 403


def test_the_minutes_book_row_carries_the_report(union_a, in_union, year_of_proposals):
    from django.utils import translation

    from workplaces.ledgers.module_books import sessions_rows

    with in_union(union_a), translation.override("zh-hans"):
        rows = {r[2]: r[3] for r in sessions_rows(dt.date(2026, 1, 1), dt.date(2026, 12, 31))}
    assert (
        "已答复提案 2 件（满意 1 件，基本满意 0 件，不满意 0 件，未评价 1 件）" in rows["一届二次"]
    )
    assert "仍在办理 2 件" in rows["一届二次"]


def test_the_minutes_text_is_recorded_audited_and_printed(union_a, in_union, union_a_chair_api):
    from federation.platform.audit.models import AuditEvent

    with in_union(union_a):
        session = _session(NOVEMBER)
    r = union_a_chair_api.put(
        f"{S}{session.pk}/minutes/",
        {"minutes": "会议由主席主持。\n审议通过工作报告。"},
        format="json",
    )
    assert r.status_code == 200
    assert r.data["minutes"] == "会议由主席主持。\n审议通过工作报告。"
    with in_union(union_a):
        session.refresh_from_db()
        event = AuditEvent.objects.get(kind="congress.session_minutes")
    assert session.minutes == "会议由主席主持。\n审议通过工作报告。"
    assert (event.before, event.after["minutes"]) == ({"minutes": ""}, session.minutes)
    assert union_a_chair_api.get(f"{S}{session.pk}/minutes.pdf").status_code == 200


def test_minutes_over_the_limit_are_400_and_keep_the_old_text(union_a, in_union, union_a_chair_api):
    with in_union(union_a):
        session = _session(NOVEMBER)
        session.minutes = "原有纪要"
        session.save()
    r = union_a_chair_api.put(
        f"{S}{session.pk}/minutes/", {"minutes": "字" * 20_001}, format="json"
    )
    assert r.status_code == 400
    assert list(r.data) == ["minutes"]
    with in_union(union_a):
        session.refresh_from_db()
    assert session.minutes == "原有纪要"


def test_a_member_cannot_write_the_minutes(union_a, in_union, client_for):
    with in_union(union_a):
        session = _session(NOVEMBER)
    r = client_for("a_member", union_a).put(
        f"{S}{session.pk}/minutes/", {"minutes": "x"}, format="json"
    )
    assert r.status_code == 403
    with in_union(union_a):
        session.refresh_from_db()
    assert session.minutes == ""


def test_the_session_page_records_the_minutes(union_a, in_union):
    from django.test import Client

    from tests.conftest import PASSWORD

    with in_union(union_a):
        session = _session(NOVEMBER)
    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    r = client.post(
        f"/congress/sessions/{session.pk}/",
        {"action": "minutes", "minutes": "听取提案办理情况报告。"},
    )
    assert r.status_code == 302
    with in_union(union_a):
        session.refresh_from_db()
    assert session.minutes == "听取提案办理情况报告。"


def test_the_demo_session_of_this_year_hears_last_years_proposal(union_a, in_union):
    from django.utils import timezone

    from workplaces.congress import demo
    from workplaces.congress.models import Session
    from workplaces.congress.report import session_proposals_report

    demo.congress_demo_seed(union_a)
    with in_union(union_a):
        session = Session.objects.filter(held_on__year=timezone.localdate().year).get()
        report = session_proposals_report(session=session)
    assert [(r["title"], r["satisfaction"]) for r in report["answered"]] == [
        ("为一线职工配备防暑降温用品", "basically")
    ]


def test_an_answered_proposal_names_the_session_that_heard_it(union_a, in_union, year_of_proposals):
    from workplaces.congress.models import Proposal
    from workplaces.congress.report import proposal_reported_at

    first, second = year_of_proposals
    with in_union(union_a):
        by_number = {p.number: p for p in Proposal.objects.all()}
        assert proposal_reported_at(by_number[1]) == first
        assert proposal_reported_at(by_number[2]) == second
        assert proposal_reported_at(by_number[6]) is None  # answered after the last session
        assert proposal_reported_at(by_number[4]) is None  # not answered


def test_the_proposal_page_links_the_session_that_heard_it(union_a, in_union, year_of_proposals):
    from django.test import Client

    from tests.conftest import PASSWORD
    from workplaces.congress.models import Proposal

    _first, second = year_of_proposals
    with in_union(union_a):
        reported = Proposal.objects.get(number=2).pk
        pending = Proposal.objects.get(number=6).pk
    client = Client(HTTP_HOST="union-a.localhost")
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    html = client.get(f"/congress/proposals/{reported}/").content.decode()
    assert f'href="/congress/sessions/{second.pk}/"' in html.split('id="reported-at"')[1]
    html = client.get(f"/congress/proposals/{pending}/").content.decode()
    assert "将在下次会议上报告办理情况。" in html.split('id="reported-at"')[1]
