"""The women workers' register: access for the women workers' officer and the chair only,
every read audited, and the statutory entitlements from dates."""

import datetime as dt

import pytest

from federation.platform.audit.models import AuditEvent
from workplaces.rights.entitlements import (
    WomenRules,
    entitlements,
    maternity_days,
    miscarriage_days,
)
from workplaces.rights.models import ProtectionRecord

pytestmark = pytest.mark.django_db

URL = "/api/v1/rights/women/records/"
D = dt.date
RULES = WomenRules()


def test_maternity_leave_for_a_difficult_birth_of_twins_is_128_days():
    assert maternity_days(babies=2, difficult=True, rules=RULES) == 128


def test_maternity_leave_for_a_single_normal_birth_is_98_days():
    assert maternity_days(babies=1, difficult=False, rules=RULES) == 98


def test_maternity_leave_from_the_rule_table_defaults_for_difficult_twins_is_128_days():
    from workplaces.rights.entitlements import women_rules

    assert maternity_days(babies=2, difficult=True, rules=women_rules(on=D(2026, 5, 1))) == 128


def test_a_miscarriage_the_day_before_4_months_gives_15_days_and_on_the_day_42():
    start = D(2026, 1, 10)
    assert miscarriage_days(started_on=start, miscarried_on=D(2026, 5, 9), rules=RULES) == 15
    assert miscarriage_days(started_on=start, miscarried_on=D(2026, 5, 10), rules=RULES) == 42


def test_no_night_shifts_from_the_7th_month_and_nursing_until_the_child_is_one():
    pregnant = entitlements(
        pregnancy_started_on=D(2026, 1, 10),
        delivered_on=None,
        babies=1,
        difficult_birth=False,
        miscarried_on=None,
        rules=RULES,
        today=D(2026, 3, 1),
    )
    assert pregnant["no_night_shift_from"] == D(2026, 7, 10)
    born = entitlements(
        pregnancy_started_on=D(2025, 6, 1),
        delivered_on=D(2026, 3, 1),
        babies=2,
        difficult_birth=True,
        miscarried_on=None,
        rules=RULES,
        today=D(2026, 9, 1),
    )
    assert (born["nursing_minutes_per_day"], born["nursing_until"]) == (120, D(2027, 2, 28))
    assert born["stage"] == "nursing"


def _record(member, **overrides):
    data = {
        "member": member.pk,
        "kind": "pregnancy",
        "pregnancy_started_on": "2025-06-01",
        "delivered_on": "2026-03-01",
        "babies": 2,
        "difficult_birth": True,
    }
    data.update(overrides)
    return data


def test_the_women_workers_officer_records_and_sees_the_entitlements(api, member_in, union_a):
    m = member_in(union_a)
    officer = api("a_women_workers", union_a)
    res = officer.post(URL, _record(m), format="json")
    assert res.status_code == 201
    assert res.json()["entitlements"]["maternity_leave_days"] == 128


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("a_chair", 200),
        ("a_women_workers", 200),
        ("a_organization", 403),
        ("a_finance", 403),
        ("a_member", 403),
    ],
)
def test_the_register_is_for_the_women_workers_officer_and_the_chair_only(
    api, union_a, who, status
):
    assert api(who, union_a).get(URL).status_code == status


def test_another_officer_is_refused_a_record_and_nothing_is_audited(
    api, member_in, union_a, in_union
):
    m = member_in(union_a)
    made = api("a_women_workers", union_a).post(URL, _record(m), format="json").json()
    res = api("a_organization", union_a).get(f"{URL}{made['id']}/")
    assert res.status_code == 403
    with in_union(union_a):
        assert AuditEvent.objects.filter(kind="rights.women_read").count() == 0


def test_every_read_of_a_record_is_audited(api, member_in, union_a, in_union):
    m = member_in(union_a)
    officer = api("a_women_workers", union_a)
    made = officer.post(URL, _record(m), format="json").json()
    officer.get(f"{URL}{made['id']}/")
    api("a_chair", union_a).get(URL)
    with in_union(union_a):
        reads = list(
            AuditEvent.objects.filter(kind="rights.women_read", object_id=str(made["id"]))
            .order_by("id")
            .values_list("actor_name", "note")
        )
    assert reads == [("a_women_workers", "detail"), ("a_chair", "list")]


def test_a_man_cannot_be_put_on_the_register(api, member_in, union_a, in_union):
    m = member_in(union_a, name="张伟", gender="M")
    res = api("a_women_workers", union_a).post(URL, _record(m), format="json")
    assert res.status_code == 400
    assert list(res.json()) == ["member"]
    with in_union(union_a):
        assert ProtectionRecord.objects.count() == 0


def test_another_unions_record_is_a_404(api, member_in, union_a, union_b):
    m = member_in(union_b)
    theirs = api("b_women_workers", union_b).post(URL, _record(m), format="json").json()
    assert api("a_women_workers", union_a).get(f"{URL}{theirs['id']}/").status_code == 404


def test_the_health_check_records_who_took_part_once_a_year(api, member_in, union_a):
    m = member_in(union_a)
    officer = api("a_women_workers", union_a)
    body = {"year": 2026, "held_on": "2026-04-15", "provider": "镇卫生院", "members": [m.pk]}
    res = officer.post("/api/v1/rights/women/health-checks/", body, format="json")
    assert res.status_code == 201
    assert res.json()["participants"] == [m.pk]
    again = officer.post("/api/v1/rights/women/health-checks/", body, format="json")
    assert again.json()["participants"] == [m.pk]


def test_a_nomination_is_once_per_member_and_year(api, member_in, union_a):
    m = member_in(union_a)
    officer = api("a_women_workers", union_a)
    body = {"year": 2026, "member": m.pk, "level": "镇级", "deeds": "岗位标兵"}
    url = "/api/v1/rights/women/nominations/"
    assert officer.post(url, body, format="json").status_code == 201
    assert officer.post(url, body, format="json").status_code == 409


def test_a_record_dated_before_the_rule_table_is_refused_when_written(
    api, member_in, union_a, in_union
):
    m = member_in(union_a)
    officer = api("a_women_workers", union_a)
    old = _record(m, pregnancy_started_on="1999-01-10", delivered_on="1999-10-01")
    res = officer.post(URL, old, format="json")
    assert res.status_code == 400
    assert res.json()["code"] == "rule_missing"
    with in_union(union_a):
        assert ProtectionRecord.objects.count() == 0


def test_a_page_meeting_an_old_record_no_rule_covers_shows_the_refusal_not_a_500(
    page_client, member_in, union_a, in_union
):
    m = member_in(union_a)
    with in_union(union_a):  # written before the check at write time existed
        ProtectionRecord.objects.create(
            member=m,
            kind="pregnancy",
            pregnancy_started_on=D(1999, 1, 10),
            delivered_on=D(1999, 10, 1),
        )
    res = page_client("a_chair", union_a).get("/rights/women/")
    assert res.status_code == 400
    assert "rights.maternity_days" in res.content.decode()
