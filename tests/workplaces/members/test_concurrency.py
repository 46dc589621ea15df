"""Concurrent admissions of one person: the API, an application's approval and an import
at one union, and the API at another, all at once. The lock order in
``workplaces.members.locks`` means no deadlock (a 500) and exactly one membership."""

import logging
import threading

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django_tenants.utils import schema_context

from tests.workplaces.members.conftest import member_payload, unique_id

ROUNDS = 6


def _submit_application(union, number: str) -> int:
    from workplaces.members.applications import application_submit

    with schema_context(union.schema_name):
        app = application_submit(
            actor=None, name="赵敏", gender="M", id_number=number, employment="regular"
        )
    connection.set_schema_to_public()
    return app.pk


def _csv(number: str) -> bytes:
    return f"姓名,身份证号,入会日期\n赵敏,{number},2024-01-01\n".encode()


def _race(calls: list) -> list:
    """Run the calls at once; each answers a status code (or the exception it raised)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - a 500 raised through the test client
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _admissions(client_for, union_a, union_b, number: str) -> list:
    """The four admissions of one person, at once: API, approval and import at union A, and
    the API at union B."""
    app_id = _submit_application(union_a, number)
    api_a, api_a2, api_a3 = (client_for("a_organization", union_a) for _ in range(3))
    api_b = client_for("b_organization", union_b)
    payload = member_payload(id_number=number, name="赵敏")
    upload = SimpleUploadedFile("one.csv", _csv(number), content_type="text/csv")
    return _race(
        [
            lambda: api_a.post("/api/v1/members/", payload, format="json").status_code,
            lambda: (
                api_a2.post(
                    f"/api/v1/applications/{app_id}/approve/", {}, format="json"
                ).status_code
            ),
            lambda: (
                api_a3.post(
                    "/api/v1/members/import/", {"file": upload}, format="multipart"
                ).status_code
            ),
            lambda: api_b.post("/api/v1/members/", payload, format="json").status_code,
        ]
    )


def test_parallel_admissions_of_one_person_make_one_member_and_no_500(
    live_township, client_for, caplog
):
    from tenants.member_index import id_hash
    from tenants.models import MemberIndex, Union
    from workplaces.members.models import HOLDING_STATUSES, Member

    union_a = Union.objects.get(slug="union-a")
    union_b = Union.objects.get(slug="union-b")
    caplog.set_level(logging.ERROR)
    for _round in range(ROUNDS):
        number = unique_id()
        codes = _admissions(client_for, union_a, union_b, number)
        assert [c for c in codes if not isinstance(c, int) or c >= 500] == [], codes
        assert codes[0] in (201, 409), codes
        assert codes[1] in (201, 409), codes
        assert codes[2] in (200, 400, 409), codes
        assert codes[3] in (201, 409), codes
        holding = 0
        for union in (union_a, union_b):
            with schema_context(union.schema_name):
                holding += Member.objects.filter(
                    id_number=number, status__in=HOLDING_STATUSES
                ).count()
        connection.set_schema_to_public()
        assert holding == 1, codes
        assert MemberIndex.objects.filter(id_hash=id_hash(number), active=True).count() == 1
    assert [r.getMessage() for r in caplog.records if "IntegrityError" in r.getMessage()] == []
