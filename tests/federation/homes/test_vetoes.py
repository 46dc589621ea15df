"""Each veto check (一票否决) from real records, and what a failed one does."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from federation.homes.checks import vetoes_run
from federation.homes.models import Status
from tenants.models import UnionRollup

pytestmark = pytest.mark.django_db


def _by_key(union):
    return {v["key"]: v for v in vetoes_run(union=union)}


def test_every_veto_check_is_run_with_a_reason(union_a):
    checks = vetoes_run(union=union_a)
    assert [c["key"] for c in checks] == [
        "committee_term",
        "workers_congress",
        "dues_overdue",
        "member_share",
    ]
    assert all(c["status"] in ("pass", "fail", "no_data", "error") and c["reason"] for c in checks)


def test_committee_term_says_no_data_while_no_committee_module_exists(union_a):
    check = _by_key(union_a)["committee_term"]
    assert check["status"] == "no_data"
    assert check["label"]


def test_workers_congress_says_no_data_while_no_congress_module_exists(union_a):
    assert _by_key(union_a)["workers_congress"]["status"] == "no_data"


def test_member_share_without_a_rollup_is_no_data(union_a):
    assert _by_key(union_a)["member_share"]["status"] == "no_data"


def test_member_share_with_no_employees_recorded_is_no_data(union_a):
    UnionRollup.objects.update_or_create(union=union_a, defaults={"members_active": 50})
    union_a.employee_count = 0
    assert _by_key(union_a)["member_share"]["status"] == "no_data"


def test_member_share_at_the_threshold_passes(union_a):
    UnionRollup.objects.update_or_create(
        union=union_a, defaults={"members_active": 180}
    )  # 180 / 200 employees = 90 %
    check = _by_key(union_a)["member_share"]
    assert check["status"] == "pass"
    assert check["value"] == "90.0%"


def test_member_share_below_the_threshold_fails_with_the_numbers(union_a):
    UnionRollup.objects.update_or_create(union=union_a, defaults={"members_active": 179})
    check = _by_key(union_a)["member_share"]
    assert check["status"] == "fail"
    assert "179" in check["reason"]
    assert "200" in check["reason"]
    assert check["value"] == "89.5%"


def test_the_member_share_threshold_is_a_rule_row(union_a, today):
    from federation.homes.models import HomeRule

    HomeRule.objects.create(
        effective_from=today - dt.timedelta(days=1), member_share_min=Decimal("0.8500")
    )
    UnionRollup.objects.update_or_create(union=union_a, defaults={"members_active": 172})  # 86 %
    assert _by_key(union_a)["member_share"]["status"] == "pass"


def _dues_models():
    from federation.dues import models

    return models


def _last_month():
    return f"{(timezone.localdate().replace(day=1) - dt.timedelta(days=1)):%Y-%m}"


def _notice(union, *, status, period="2026-08", amount="1000.00", paid="0.00"):
    m = _dues_models()
    return m.DuesNotice.objects.create(
        union=union,
        period=period,
        period_start=dt.date.fromisoformat(f"{period}-01"),
        collection_mode="full",
        payroll_total=Decimal("50000.00"),
        rate=Decimal("0.0200"),
        workplace_share=Decimal("0.6000"),
        upper_share=Decimal("0.4000"),
        city_share=Decimal("0.5000"),
        amount_issued=Decimal(amount),
        amount_due=Decimal(amount),
        amount_paid=Decimal(paid),
        status=status,
        due_date=dt.date(2026, 9, 15),
        grace_until=dt.date(2026, 9, 25),
    )


def test_union_funds_without_any_notice_is_no_data(union_a):
    assert _by_key(union_a)["dues_overdue"]["status"] == "no_data"


def test_union_funds_overdue_fails_naming_the_period(union_a):
    _notice(union_a, status="overdue")
    check = _by_key(union_a)["dues_overdue"]
    assert check["status"] == "fail"
    assert "2026-08" in check["reason"]
    assert "1000.00" in check["reason"]


def test_union_funds_paid_passes(union_a):
    _notice(union_a, status="paid", paid="1000.00", period=_last_month())
    assert _by_key(union_a)["dues_overdue"]["status"] == "pass"


def test_another_unions_overdue_funds_do_not_veto_this_one(union_a, union_b):
    _notice(union_b, status="overdue")
    _notice(union_a, status="paid", paid="1000.00", period=_last_month())
    assert _by_key(union_a)["dues_overdue"]["status"] == "pass"


def test_a_failed_veto_refuses_acceptance_and_changes_nothing(
    assessment_a, union_a, fill_and_submit, client_for
):
    from tests.federation.homes.conftest import full_scores

    fill_and_submit(assessment_a, union_a)
    UnionRollup.objects.update_or_create(union=union_a, defaults={"members_active": 100})
    api = client_for("federation_assessor")
    r = api.post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/review/",
        {"items": full_scores(assessment_a, field="score"), "decision": "accept"},
        format="json",
    )
    assert r.status_code == 400
    assert list(r.json()) == ["decision"]
    assessment_a.refresh_from_db()
    assert assessment_a.status == Status.SUBMITTED
    assert assessment_a.level is None
    assert assessment_a.score is None


def test_the_assessor_can_record_a_veto_with_a_reason(
    assessment_a, union_a, fill_and_submit, client_for
):
    fill_and_submit(assessment_a, union_a)
    UnionRollup.objects.update_or_create(union=union_a, defaults={"members_active": 100})
    api = client_for("federation_assessor")
    r = api.post(
        f"/api/v1/homes/assessments/{assessment_a.pk}/review/",
        {"decision": "veto", "comment": "入会率不足90%"},
        format="json",
    )
    assert r.status_code == 200
    assert r.json()["status"] == "vetoed"
    failed = [v["key"] for v in r.json()["vetoes"] if v["status"] == "fail"]
    assert failed == ["member_share"]


def test_both_sides_see_the_veto_checks_with_reasons(assessment_a, union_a, client_for):
    UnionRollup.objects.update_or_create(union=union_a, defaults={"members_active": 100})
    fed = (
        client_for("federation_assessor")
        .get(f"/api/v1/homes/assessments/{assessment_a.pk}/")
        .json()
    )
    own = client_for("a_chair", union_a).get(f"/api/v1/homes/assessments/{assessment_a.pk}/").json()
    for data in (fed, own):
        share = next(v for v in data["vetoes"] if v["key"] == "member_share")
        assert share["status"] == "fail"
        assert "100" in share["reason"]


def test_a_broken_dues_module_fails_loudly_never_no_data(monkeypatch, union_a):
    """Issue 11 item 5: no ``hasattr`` guard turns a broken module into "no data"."""
    from federation.dues import selectors as dues

    monkeypatch.delattr(dues, "union_notices")
    with pytest.raises(AttributeError):
        vetoes_run(union=union_a)
