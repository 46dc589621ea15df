"""Competitions, rationalisation proposals, honours from the rule table (with the
nomination form as PDF and the member's honours selector) and training hours."""

import io

import pytest
from pypdf import PdfReader

from workplaces.activities.selectors import (
    honours_for_member,
    model_worker_roster,
    training_hours_by_year,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(login_api, union_a):
    return login_api(union_a, "a_life_culture", "culture_sports")


def test_a_model_worker_nomination_is_decided_and_shows_on_the_member(
    organiser, member_in, union_a, in_union, client_for
):
    m = member_in(union_a, name="张劳模")
    created = organiser.post(
        "/api/v1/activities/honours/",
        {
            "kind": "model_worker",
            "level": "county",
            "member": m.pk,
            "year": 2026,
            "deeds": "技术革新",
        },
        format="json",
    )
    assert created.status_code == 201
    again = organiser.post(
        "/api/v1/activities/honours/",
        {"kind": "model_worker", "level": "county", "member": m.pk, "year": 2026},
        format="json",
    )
    assert again.status_code == 409
    decided = organiser.post(
        f"/api/v1/activities/honours/{created.json()['id']}/decide/",
        {"awarded": True, "on": "2026-05-01", "awarded_by": "县人民政府"},
        format="json",
    )
    assert decided.json()["status"] == "awarded"
    with in_union(union_a):
        honours = honours_for_member(m.pk)
        assert [(h["name"], h["level_name"], h["status"]) for h in honours] == [
            ("劳动模范", "县级", "awarded")
        ]
        assert model_worker_roster() == [
            {"name": "张劳模", "level": "county", "level_name": "县级", "year": 2026}
        ]


def test_the_members_record_page_shows_their_honours_and_open_nominations(
    organiser, member_in, union_a
):
    from django.test import Client

    from tests.conftest import PASSWORD, host_of

    m = member_in(union_a, name="李先锋")
    other = member_in(union_a, name="赵其他")
    for kind, level in (("may_day_medal", "city"), ("excellent_member", "")):
        organiser.post(
            "/api/v1/activities/honours/",
            {"kind": kind, "level": level, "member": m.pk, "year": 2026},
            format="json",
        )
    browser = Client(HTTP_HOST=host_of(union_a))
    browser.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    page = browser.get(f"/members/{m.pk}/").content.decode()
    section = page[page.index('id="honours"') :]
    assert "五一劳动奖章" in section
    assert "市级" in section
    assert "优秀会员" in section
    assert section.count('class="badge nominated"') == 2
    empty = browser.get(f"/members/{other.pk}/").content.decode()
    assert "<tbody>" not in empty[empty.index('id="honours"') :].split("</section>")[0]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "hero", "year": 2026}, "kind"),
        ({"kind": "model_worker", "level": "world", "year": 2026}, "level"),
        ({"kind": "excellent_member", "level": "county", "year": 2026}, "level"),
        ({"kind": "pioneer_team", "level": "city", "year": 2026}, "team"),
        ({"kind": "march8_red_banner", "level": "city", "year": 2026}, "member"),
    ],
)
def test_honour_kinds_and_levels_come_from_the_rule_table(organiser, payload, field):
    response = organiser.post("/api/v1/activities/honours/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_new_honour_kind_in_the_rule_table_is_accepted(organiser, member_in, union_a):
    import datetime as dt

    from federation.rules.models import RuleValue
    from workplaces.activities.rule_table import HONOUR_KINDS

    RuleValue.objects.create(
        key="activities.honour_kinds",
        effective_from=dt.date(2026, 1, 1),
        value=[*HONOUR_KINDS, {"code": "craftsman", "name": "工匠", "levels": []}],
    )
    m = member_in(union_a)
    assert (
        organiser.post(
            "/api/v1/activities/honours/",
            {"kind": "craftsman", "member": m.pk, "year": 2026},
            format="json",
        ).status_code
        == 201
    )


def test_the_nomination_form_prints_as_pdf(organiser, member_in, union_a, client_for):
    from django.test import Client

    from tests.conftest import PASSWORD, host_of

    m = member_in(union_a, name="王优秀")
    honour = organiser.post(
        "/api/v1/activities/honours/",
        {"kind": "excellent_cadre", "member": m.pk, "year": 2026, "deeds": "<b>热心</b>工会工作"},
        format="json",
    ).json()
    browser = Client(HTTP_HOST=host_of(union_a))
    browser.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    response = browser.get(f"/activities/honours/{honour['id']}/nomination.pdf")
    assert response.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "王优秀" in text
    assert "优秀工会干部" in text
    assert "<b>热心</b>" in text  # markup typed by a user is printed as text


def test_a_proposal_is_adopted_with_its_benefit(organiser):
    s = organiser.post(
        "/api/v1/activities/suggestions/",
        {"title": "改进工装", "body": "建议改进", "proposer": "李工", "submitted_on": "2026-03-01"},
        format="json",
    ).json()
    decided = organiser.post(
        f"/api/v1/activities/suggestions/{s['id']}/decide/",
        {"adopted": True, "decided_on": "2026-04-01", "benefit": "12000.00"},
        format="json",
    )
    assert decided.status_code == 200
    assert decided.json()["status"] == "adopted"
    assert decided.json()["benefit"] == "12000.00"
    twice = organiser.post(
        f"/api/v1/activities/suggestions/{s['id']}/decide/",
        {"adopted": False, "decided_on": "2026-04-02"},
        format="json",
    )
    assert twice.status_code == 409


def test_a_competition_with_entrants_and_results(organiser, member_in, union_a):
    c = organiser.post(
        "/api/v1/activities/competitions/",
        {"title": "技能比武", "starts_on": "2026-06-01"},
        format="json",
    ).json()
    m = member_in(union_a)
    url = f"/api/v1/activities/competitions/{c['id']}/entrants/"
    assert organiser.post(url, {"member": m.pk}, format="json").status_code == 201
    assert (
        organiser.post(
            url, {"member": m.pk, "result": "一等奖", "rank": 1}, format="json"
        ).status_code
        == 201
    )
    assert organiser.post(url, {"team": "维修班", "rank": 2}, format="json").status_code == 201
    entrants = organiser.get(url).json()
    assert [(e["member_id"], e["rank"]) for e in entrants] == [(m.pk, 1), (None, 2)]


def test_training_hours_are_counted_per_attendee(organiser, member_in, union_a, in_union):
    a, b = member_in(union_a), member_in(union_a)
    response = organiser.post(
        "/api/v1/activities/training/",
        {
            "title": "工会干部培训",
            "audience": "cadre",
            "held_on": "2026-05-10",
            "hours": "3.5",
            "members": [a.pk, b.pk],
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["attendees"] == 2
    with in_union(union_a):
        assert training_hours_by_year() == {"2026": "7.0"}


def test_another_unions_honour_is_a_404(login_api, union_b, organiser, member_in):
    b_org = login_api(union_b, "b_life_culture", "culture_sports")
    m = member_in(union_b)
    honour = b_org.post(
        "/api/v1/activities/honours/",
        {"kind": "excellent_member", "member": m.pk, "year": 2026},
        format="json",
    ).json()
    assert (
        organiser.post(
            f"/api/v1/activities/honours/{honour['id']}/decide/", {"awarded": True}, format="json"
        ).status_code
        == 404
    )


def _award(organiser, member, level: str, kind: str = "model_worker") -> None:
    created = organiser.post(
        "/api/v1/activities/honours/",
        {"kind": kind, "level": level, "member": member.pk, "year": 2026},
        format="json",
    )
    organiser.post(
        f"/api/v1/activities/honours/{created.json()['id']}/decide/",
        {"awarded": True, "on": "2026-05-01"},
        format="json",
    )


def test_an_awarded_model_worker_title_is_written_to_the_members_record(
    organiser, member_in, union_a, in_union
):
    from workplaces.members.models import Member

    m = member_in(union_a, name="王劳模")
    _award(organiser, m, "city")
    with in_union(union_a):
        row = Member.objects.get(pk=m.pk)
        assert (row.model_worker, row.model_worker_level) == (True, "city")


def test_a_lower_model_worker_title_does_not_replace_a_higher_one(
    organiser, member_in, union_a, in_union
):
    from workplaces.members.models import Member

    m = member_in(union_a, name="钱劳模")
    _award(organiser, m, "provincial")
    organiser.post(  # a county title in another year
        "/api/v1/activities/honours/",
        {"kind": "model_worker", "level": "county", "member": m.pk, "year": 2025},
        format="json",
    )
    with in_union(union_a):
        from workplaces.activities.models import Honour

        county = Honour.objects.get(member_id=m.pk, year=2025)
    organiser.post(
        f"/api/v1/activities/honours/{county.pk}/decide/", {"awarded": True}, format="json"
    )
    with in_union(union_a):
        assert Member.objects.get(pk=m.pk).model_worker_level == "provincial"


def test_another_honour_leaves_the_model_worker_flag_alone(organiser, member_in, union_a, in_union):
    from workplaces.members.models import Member

    m = member_in(union_a, name="孙奖章")
    _award(organiser, m, "city", kind="may_day_medal")
    with in_union(union_a):
        assert Member.objects.get(pk=m.pk).model_worker is False
