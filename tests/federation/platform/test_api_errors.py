import json
import logging

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from federation.dues import services as dues_services
from federation.platform.api import exception_handler
from federation.platform.errors import ConflictError, duplicate_only
from federation.rules.models import RuleValue

pytestmark = pytest.mark.django_db


@transaction.atomic
def _write_a_row_without_its_key(**_kwargs):
    """A service bug: a row written without a required value (NOT NULL)."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {RuleValue._meta.db_table} (key) VALUES (NULL)")  # noqa: S608


def test_a_not_null_integrity_error_at_the_door_is_a_logged_500(client_for, monkeypatch, caplog):
    monkeypatch.setattr(dues_services, "dues_cycle_run", _write_a_row_without_its_key)
    caplog.set_level(logging.ERROR, logger="federation.platform.api")
    response = client_for("federation_clerk").post(
        "/api/v1/dues/cycles/", {"period": "2026-10"}, format="json"
    )
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error.", "code": "server_error"}
    logged = [r for r in caplog.records if r.name == "federation.platform.api"]
    assert [r.getMessage() for r in logged] == ["IntegrityError reached the API door"]
    assert "not-null" in str(logged[0].exc_info[1])
    assert RuleValue.objects.filter(key__isnull=True).count() == 0


def test_a_unique_violation_no_service_caught_is_a_500_not_a_conflict(caplog):
    caplog.set_level(logging.ERROR, logger="federation.platform.api")
    exc = IntegrityError('duplicate key value violates unique constraint "x"')
    response = exception_handler(exc, {})
    assert response.status_code == 500
    assert [r.getMessage() for r in caplog.records] == ["IntegrityError reached the API door"]


def test_a_conflict_raised_by_a_service_is_a_409_with_its_code():
    response = exception_handler(ConflictError("taken", code="reference_used"), {})
    assert (response.status_code, response.data) == (
        409,
        {"detail": "taken", "code": "reference_used"},
    )


def test_a_service_validation_error_keeps_the_body_and_sends_its_codes_in_a_header():
    exc = ValidationError(
        {
            "amount": [ValidationError("More than the balance.", code="over_balance")],
            "__all__": [ValidationError("Closed.", code="closed")],
        }
    )
    response = exception_handler(exc, {})
    assert (response.status_code, response.data) == (
        400,
        {"amount": ["More than the balance."], "non_field_errors": ["Closed."]},
    )
    assert json.loads(response["X-Error-Codes"]) == {
        "amount": ["over_balance"],
        "non_field_errors": ["closed"],
    }


def test_a_bad_request_body_names_the_field_and_its_code_in_the_header(client_for):
    response = client_for("federation_clerk").post("/api/v1/dues/cycles/", {}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["period"]
    assert json.loads(response["X-Error-Codes"]) == {"period": ["required"]}


def _violation(write) -> IntegrityError:
    try:
        with transaction.atomic():
            write()
    except IntegrityError as exc:
        return exc
    raise AssertionError("no violation")


def _rule(**fields):
    return RuleValue.objects.create(**{"value": 1, "effective_from": "2026-01-01", **fields})


def test_a_service_may_answer_a_duplicate_with_a_conflict():
    _rule(key="x.dup")
    exc = _violation(lambda: _rule(key="x.dup"))
    assert duplicate_only(exc) is None


def test_a_not_null_violation_is_never_taken_for_a_duplicate():
    exc = _violation(lambda: _rule(key=None))
    with pytest.raises(IntegrityError) as raised:
        duplicate_only(exc)
    assert raised.value is exc


def test_an_organizing_targets_union_is_documented_as_nullable():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(urlconf="federation.config.urls_federation").get_schema(public=True)
    union = schema["components"]["schemas"]["DuesTargetOutput"]["properties"]["union"]
    assert union.get("nullable") is True


def test_a_page_past_what_postgresql_can_offset_is_a_404_not_a_500(client_for):
    fed = client_for("federation_clerk")
    response = fed.get("/api/v1/dues/notices/", {"page": str(10**30)})
    assert response.status_code == 404


def test_a_form_body_with_more_fields_than_django_reads_is_a_400_not_a_500(client_for):
    fed = client_for("federation_clerk")
    too_many = {f"f{i}": "x" for i in range(1001)}  # DATA_UPLOAD_MAX_NUMBER_FIELDS is 1000
    response = fed.post("/api/v1/dues/targets/", too_many)  # multipart
    assert response.status_code == 400
    assert response.json()["code"] == "unreadable_body"


def test_options_on_a_list_whose_put_replaces_it_describes_the_put(client_for, union_a):
    response = client_for("a_chair", union_a).options("/api/v1/rights/mediation-committee/")
    assert response.status_code == 200
    assert "PUT" in response.json()["actions"]
