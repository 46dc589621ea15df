"""Issue 15 for the member import: a zip bomb is refused before it is read (item 5), and
the membership oracle is bounded: dry runs are capped, index lookups are counted per union
and day, refused beyond the rule value, and audited (item 11)."""

import datetime as dt
import io
import struct

import pytest
from django.core.cache import cache
from openpyxl import Workbook

from federation.platform.audit.models import AuditEvent
from tests.workplaces.members.conftest import member_payload, unique_id

pytestmark = pytest.mark.django_db

YESTERDAY = dt.date(2000, 1, 2)


@pytest.fixture(autouse=True)
def _fresh_allowance():
    yield
    client = cache._cache.get_client(None, write=True)
    for key in client.scan_iter(match="*members-index-lookups*"):
        client.delete(key)


def _rule(key: str, value: int) -> None:
    from federation.rules.services import rule_change

    rule_change(key=key, value=value, effective_from=YESTERDAY, actor=None)


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _claim_size(content: bytes, member: bytes, size: int) -> bytes:
    """Rewrite the central directory so ``member`` claims ``size`` bytes unpacked."""
    data = bytearray(content)
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_len]) == member:
            struct.pack_into("<I", data, at + 24, size)
        at += 4
    return bytes(data)


def _post(api, content: bytes, name: str = "m.xlsx", query: str = ""):
    return api.post(
        f"/api/v1/members/import/{query}", {"file": io.BytesIO(content)}, format="multipart"
    )


def _ids_csv(numbers: list[str]) -> bytes:
    lines = ["姓名,身份证号,入会日期"] + [f"张伟,{n},2024-01-01" for n in numbers]
    return ("\n".join(lines) + "\n").encode()


# --- item 5 ------------------------------------------------------------------------
def test_a_small_xlsx_claiming_a_huge_sheet_is_refused_before_reading(a_org, union_a, in_union):
    from workplaces.members.models import Member

    content = _xlsx([["姓名", "身份证号", "入会日期"], ["张伟", unique_id(), "2024-01-01"]])
    bomb = _claim_size(content, b"xl/worksheets/sheet1.xml", 3 * 1024**3)
    assert len(bomb) < 10_000
    r = _post(a_org, bomb)
    assert r.status_code == 400
    assert r.json() == {"file": ["The xlsx file unpacks to more than 100 MB."]}
    with in_union(union_a):
        assert Member.objects.count() == 0


def test_the_unpacked_cap_is_a_rule_value(a_org):
    _rule("members.import_max_unpacked_mb", 0)
    content = _xlsx([["姓名", "身份证号", "入会日期"], ["张伟", unique_id(), "2024-01-01"]])
    r = _post(a_org, content)
    assert r.status_code == 400
    assert r.json() == {"file": ["The xlsx file unpacks to more than 0 MB."]}


def test_a_sheet_declaring_more_rows_than_allowed_is_refused_before_reading(a_org):
    _rule("members.import_max_rows", 3)
    content = _xlsx([["姓名", "身份证号", "入会日期"]] + [["张伟", unique_id(), "2024-01-01"]] * 4)
    r = _post(a_org, content)
    assert r.status_code == 400
    assert r.json() == {"file": ["At most 3 rows per file."]}


def test_a_file_at_the_row_cap_is_read(a_org):
    _rule("members.import_max_rows", 3)
    content = _xlsx(
        [["姓名", "身份证号", "入会日期"]] + [["张伟", unique_id(), "2024-01-01"] for _ in range(3)]
    )
    r = _post(a_org, content)
    assert r.status_code == 200, r.json()
    assert r.json()["created"] == 3


def test_a_background_import_runs_with_the_rule_time_limit(
    union_a, in_union, django_capture_on_commit_callbacks
):
    from unittest import mock

    from workplaces.members.imports import import_job_create

    with (
        mock.patch("workplaces.members.tasks.import_run.apply_async") as send,
        in_union(union_a),
        django_capture_on_commit_callbacks(execute=True),
    ):
        job = import_job_create(content=_ids_csv([unique_id()]), filename="a.csv", actor=None)
    assert send.call_args.args == ((job.pk,),)
    assert send.call_args.kwargs == {"soft_time_limit": 600, "time_limit": 630}


# --- item 11 -----------------------------------------------------------------------
def test_a_dry_run_over_its_row_cap_is_refused(a_org):
    _rule("members.dry_run_max_rows", 2)
    r = _post(a_org, _ids_csv([unique_id() for _ in range(3)]), query="?dry_run=1")
    assert r.status_code == 400
    assert r.json() == {"file": ["At most 2 rows per file."]}
    r = _post(a_org, _ids_csv([unique_id() for _ in range(2)]), query="?dry_run=1")
    assert r.status_code == 200


def test_index_lookups_without_admission_are_counted_refused_beyond_the_rule_and_audited(
    a_org, b_org, union_a, in_union
):
    _rule("members.index_lookups_per_day", 3)
    elsewhere = unique_id()
    assert (
        b_org.post(
            "/api/v1/members/", member_payload(id_number=elsewhere), format="json"
        ).status_code
        == 201
    )
    first = _post(a_org, _ids_csv([elsewhere, unique_id()]), query="?dry_run=1")
    assert first.status_code == 400
    assert [e["row"] for e in first.json()["errors"]] == [2]  # the 409's answer is kept
    second = _post(a_org, _ids_csv([unique_id(), unique_id()]), query="?dry_run=1")
    assert second.status_code == 429
    assert second.json()["code"] == "index_lookups_exhausted"
    with in_union(union_a):
        event = AuditEvent.objects.get(kind="member.import_checked")
        assert (event.actor_name, event.after) == (
            "a_organization",
            {"checked": 2, "active_elsewhere": 1, "dry_run": True},
        )


def test_an_import_that_admits_people_does_not_use_the_allowance(a_org):
    _rule("members.index_lookups_per_day", 2)
    assert _post(a_org, _ids_csv([unique_id(), unique_id()])).status_code == 200
    assert _post(a_org, _ids_csv([unique_id(), unique_id()]), query="?dry_run=1").status_code == 200
