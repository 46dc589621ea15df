"""/api/v1/rights/contracts/: the API.md shapes, refusals and isolation."""

import io

import pytest

from federation.platform.audit.models import AuditEvent
from tests.workplaces.rights.factories import contract_payload
from workplaces.rights.models import CollectiveContract

pytestmark = pytest.mark.django_db

URL = "/api/v1/rights/contracts/"


def test_a_signed_contract_answers_with_its_clocks(a_chair):
    res = a_chair.post(URL, contract_payload(filed_on="2026-03-05"), format="json")
    assert res.status_code == 201
    body = res.json()
    assert (body["filing_due"], body["effective_on"], body["renewal_from"]) == (
        "2026-03-11",
        "2026-03-20",
        "2028-11-28",
    )
    assert body["status"] in ("filed", "effective", "expiring", "expired")


def test_a_term_of_three_years_and_a_day_is_a_400_on_ends_on_and_nothing_is_written(
    a_chair, in_union, union_a
):
    res = a_chair.post(URL, contract_payload(ends_on="2029-03-01"), format="json")
    assert res.status_code == 400
    assert list(res.json()) == ["ends_on"]
    with in_union(union_a):
        assert CollectiveContract.objects.count() == 0


def test_a_term_shorter_than_a_year_is_a_400(a_chair):
    res = a_chair.post(URL, contract_payload(ends_on="2026-12-31"), format="json")
    assert res.status_code == 400
    assert "ends_on" in res.json()


def test_an_unknown_kind_is_a_400_on_kind(a_chair):
    res = a_chair.post(URL, contract_payload(kind="bonus"), format="json")
    assert res.status_code == 400
    assert list(res.json()) == ["kind"]


def test_a_special_contract_kind_from_the_rule_table_is_accepted(a_chair):
    res = a_chair.post(URL, contract_payload(kind="women"), format="json")
    assert res.status_code == 201
    assert res.json()["kind"] == "women"


def test_filing_before_signing_is_a_400(a_chair):
    res = a_chair.post(URL, contract_payload(filed_on="2026-02-27"), format="json")
    assert res.status_code == 400
    assert list(res.json()) == ["filed_on"]


def test_the_negotiation_rounds_sign_and_file_move_the_status(a_chair):
    made = a_chair.post(URL, {"kind": "collective"}, format="json").json()
    assert made["status"] == "negotiating"
    rnd = a_chair.post(
        f"{URL}{made['id']}/rounds/",
        {"held_on": "2026-02-10", "employee_side": ["张主席", "李代表"], "employer_side": ["王总"]},
        format="json",
    )
    assert rnd.status_code == 201
    assert rnd.json()["number"] == 1
    signed = a_chair.post(
        f"{URL}{made['id']}/sign/",
        {"signed_on": "2026-03-01", "starts_on": "2026-03-01", "ends_on": "2029-02-28"},
        format="json",
    )
    assert signed.json()["status"] in ("signed",)
    filed = a_chair.post(f"{URL}{made['id']}/file/", {"filed_on": "2026-03-05"}, format="json")
    assert filed.json()["effective_on"] == "2026-03-20"
    again = a_chair.post(f"{URL}{made['id']}/file/", {"filed_on": "2026-03-06"}, format="json")
    assert again.status_code == 409


def test_a_round_without_the_employer_side_is_a_400(a_chair):
    made = a_chair.post(URL, {"kind": "collective"}, format="json").json()
    res = a_chair.post(
        f"{URL}{made['id']}/rounds/",
        {"held_on": "2026-02-10", "employee_side": ["张主席"], "employer_side": []},
        format="json",
    )
    assert res.status_code == 400
    assert list(res.json()) == ["employer_side"]


def test_every_contract_write_is_audited(a_chair, in_union, union_a):
    made = a_chair.post(URL, contract_payload(), format="json").json()
    with in_union(union_a):
        event = AuditEvent.objects.get(kind="rights.contract_created", object_id=str(made["id"]))
    assert event.after["ends_on"] == "2029-02-28"
    assert event.actor_name == "a_chair"


def test_a_member_cannot_read_contracts(api, union_a):
    assert api("a_member", union_a).get(URL).status_code == 403


def test_another_unions_contract_is_a_404(a_chair, b_chair):
    theirs = b_chair.post(URL, contract_payload(), format="json").json()
    assert a_chair.get(f"{URL}{theirs['id']}/").status_code == 404
    assert a_chair.post(f"{URL}{theirs['id']}/file/", {"filed_on": "2026-03-05"}).status_code == 404
    assert a_chair.get(f"{URL}{theirs['id']}/text/").status_code == 404


def _pdf(size: int = 100) -> io.BytesIO:
    f = io.BytesIO(b"%PDF-1.4\n" + b"0" * size)
    f.name = "contract.pdf"
    return f


def test_the_signed_text_is_uploaded_and_served_only_on_its_own_host(
    a_chair, b_chair, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    made = a_chair.post(URL, contract_payload(), format="json").json()
    up = a_chair.post(f"{URL}{made['id']}/text/", {"file": _pdf()}, format="multipart")
    assert up.status_code == 200
    assert up.json()["has_text"] is True
    got = a_chair.get(f"{URL}{made['id']}/text/")
    assert got.status_code == 200
    assert b"".join(got.streaming_content).startswith(b"%PDF")
    assert b_chair.get(f"{URL}{made['id']}/text/").status_code == 404


def test_a_text_that_is_not_a_pdf_or_image_is_a_400(a_chair, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    made = a_chair.post(URL, contract_payload(), format="json").json()
    bad = io.BytesIO(b"<html>hi</html>")
    bad.name = "x.pdf"
    res = a_chair.post(f"{URL}{made['id']}/text/", {"file": bad}, format="multipart")
    assert res.status_code == 400
    assert list(res.json()) == ["file"]


def test_a_text_over_the_size_bound_is_refused_before_it_is_read(a_chair, tmp_path, settings):
    from workplaces.rights.services.contracts import TEXT_MAX_BYTES

    settings.MEDIA_ROOT = str(tmp_path)
    made = a_chair.post(URL, contract_payload(), format="json").json()
    res = a_chair.post(
        f"{URL}{made['id']}/text/", {"file": _pdf(TEXT_MAX_BYTES + 200_000)}, format="multipart"
    )
    assert res.status_code == 400
    assert list(res.json()) == ["file"]


def test_the_list_is_filtered_by_status_with_the_right_count(a_chair):
    a_chair.post(URL, {"kind": "collective"}, format="json")
    a_chair.post(URL, contract_payload(), format="json")
    res = a_chair.get(URL, {"status": "negotiating"})
    assert res.status_code == 200
    assert res.json()["count"] == 1
    assert [r["status"] for r in res.json()["results"]] == ["negotiating"]


def test_the_same_contract_sent_twice_is_a_409_and_recorded_once(a_chair, in_union, union_a):
    assert a_chair.post(URL, contract_payload(), format="json").status_code == 201
    res = a_chair.post(URL, contract_payload(), format="json")
    assert res.status_code == 409
    assert res.json()["code"] == "duplicate"
    with in_union(union_a):
        assert CollectiveContract.objects.count() == 1


def test_a_second_negotiation_of_the_same_kind_and_employer_is_a_409(a_chair, in_union, union_a):
    body = {"kind": "collective", "employer": "甲公司"}
    assert a_chair.post(URL, body, format="json").status_code == 201
    assert a_chair.post(URL, body, format="json").status_code == 409
    assert a_chair.post(URL, {**body, "employer": "乙公司"}, format="json").status_code == 201
    with in_union(union_a):
        assert CollectiveContract.objects.count() == 2


def test_signing_onto_a_contract_already_signed_that_day_is_a_409_and_leaves_it_unsigned(
    a_chair, in_union, union_a
):
    a_chair.post(URL, contract_payload(), format="json")
    talks = a_chair.post(URL, {"kind": "collective"}, format="json").json()
    res = a_chair.post(
        f"{URL}{talks['id']}/sign/",
        {"signed_on": "2026-03-01", "starts_on": "2026-03-01", "ends_on": "2029-02-28"},
        format="json",
    )
    assert res.status_code == 409
    with in_union(union_a):
        assert CollectiveContract.objects.get(pk=talks["id"]).signed_on is None


def test_the_constraint_itself_refuses_a_second_negotiation(in_union, union_a):
    from django.db import IntegrityError, transaction

    with in_union(union_a):
        CollectiveContract.objects.create(kind="wages", employer="甲公司")
        with pytest.raises(IntegrityError), transaction.atomic():
            CollectiveContract.objects.create(kind="wages", employer="甲公司")


def test_a_contract_signed_before_the_rule_table_is_refused_when_written(
    a_chair, in_union, union_a
):
    old = contract_payload(signed_on="1999-12-20", starts_on="2000-01-01", ends_on="2002-12-31")
    res = a_chair.post(URL, old, format="json")
    assert res.status_code == 400
    assert res.json()["code"] == "rule_missing"
    assert "rights.contract_filing_days" in res.json()["detail"]
    with in_union(union_a):
        assert CollectiveContract.objects.count() == 0
