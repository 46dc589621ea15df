"""The staff-home rule table: rows with an effective date, edited by the federation admin."""

import datetime as dt
from decimal import Decimal

import pytest

from federation.homes.models import HomeRule
from federation.homes.selectors import rule_in_force

pytestmark = pytest.mark.django_db


def test_the_shipped_rule_row_holds_the_defaults(today):
    from federation.homes.services import rule_default_ensure

    rule_default_ensure()
    rule = rule_in_force(on=today)
    assert (rule.member_share_min, rule.recheck_months, rule.reminder_days) == (
        Decimal("0.9000"),
        12,
        [7, 3, 1],
    )


def test_a_new_rule_row_takes_over_from_its_date(client_for, today):
    api = client_for("federation_admin")
    start = today + dt.timedelta(days=10)
    r = api.post(
        "/api/v1/homes/rules/",
        {
            "effective_from": str(start),
            "member_share_min": "0.8500",
            "recheck_months": 24,
            "reminder_days": [10, 2],
        },
        format="json",
    )
    assert r.status_code == 201
    assert r.json()["reminder_days"] == [10, 2]
    assert rule_in_force(on=today).member_share_min == Decimal("0.9000")
    assert rule_in_force(on=start).member_share_min == Decimal("0.8500")
    assert rule_in_force(on=start).recheck_months == 24
    listed = api.get("/api/v1/homes/rules/").json()["results"]
    assert [row["effective_to"] for row in listed] == [None, str(start - dt.timedelta(days=1))]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"member_share_min": "1.5"}, "member_share_min"),
        ({"member_share_min": "x"}, "member_share_min"),
        ({"member_share_min": "0.90001"}, "member_share_min"),
        ({"member_share_min": "1e30"}, "member_share_min"),
        ({"effective_from": "soon"}, "effective_from"),
        ({"effective_from": "2000-01-01"}, "effective_from"),
        ({"recheck_months": 0}, "recheck_months"),
        ({"reminder_days": [-1]}, "reminder_days"),
        ({"reminder_days": "7"}, "reminder_days"),
    ],
)
def test_bad_rule_input_is_a_400(client_for, today, body, field):
    from federation.homes.services import rule_default_ensure

    rule_default_ensure()
    full = {"effective_from": str(today + dt.timedelta(days=1)), "member_share_min": "0.9", **body}
    r = client_for("federation_admin").post("/api/v1/homes/rules/", full, format="json")
    assert r.status_code == 400
    assert field in r.json()
    assert HomeRule.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "expected"),
    [("federation_assessor", 403), ("federation_viewer", 403), ("federation_admin", 201)],
)
def test_only_the_federation_admin_changes_the_rules(client_for, today, who, expected):
    r = client_for(who).post(
        "/api/v1/homes/rules/",
        {"effective_from": str(today + dt.timedelta(days=1)), "member_share_min": "0.9"},
        format="json",
    )
    assert r.status_code == expected
