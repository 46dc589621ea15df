"""The fast import path and the old one give the same members, membership events, index
rows, audit events and error report on the same file (issue 16, item 3)."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from federation.platform.audit.models import AuditEvent
from tenants.models import MemberIndex
from tests.workplaces.members.conftest import unique_id
from tests.workplaces.members.test_import import ZH, as_csv, as_xlsx
from workplaces.members.imports import members_import
from workplaces.members.models import Member, MembershipEvent

pytestmark = pytest.mark.django_db


def _rule_set(key: str, value: int) -> None:
    from federation.rules.services import rule_change

    rule_change(
        key=key, value=value, effective_from=dt.date.today() - dt.timedelta(days=1), actor=None
    )


class _Undo(Exception):
    """Raised to roll one engine's run back before the other runs on the same file."""


def _good_rows(n: int) -> list[list[Any]]:
    return [
        [
            "李娜" if i % 2 else "张伟",
            "女" if i % 2 else "男",
            unique_id("F" if i % 2 else "M"),
            f"138{i:08d}",
            "2021-06-01",
            ["农民工", "正式", "合同制"][i % 3],
            f"{4000 + i}.50",
            "",
        ]
        for i in range(n)
    ]


def _file_with_bad_rows(*, on_register: str, elsewhere: str) -> list[list[Any]]:
    data = _good_rows(6)
    bad_check = unique_id("M")
    data += [
        ["王强", "男", bad_check[:17] + ("0" if bad_check[17] != "0" else "1"), "", "2021-06-01"],
        ["赵敏", "男", unique_id("F"), "", "2021-06-01", "", "", ""],  # gender disagrees
        ["孙杰", "男", data[0][2], "", "2021-06-01", "", "", ""],  # duplicate of row 2
        ["周涛", "男", unique_id("M"), "123", "2099-01-01", "", "-5", ""],
        ["", "", "", "", "", "", "", ""],  # blank: skipped
        ["吴磊", "男", elsewhere, "", "2021-06-01", "", "", ""],  # active in union B
        ["张伟", "男", on_register, "13900009999", "2020-03-01", "合同制", "5000", ""],
    ]
    return data


def _state(union, in_union) -> dict[str, Any]:
    with in_union(union):
        numbers = dict(Member.objects.values_list("pk", "id_number"))
        members = sorted(
            Member.objects.values_list(
                "id_number",
                "name",
                "gender",
                "birth_date",
                "phone",
                "employment",
                "group_id",
                "monthly_wage",
                "joined_on",
                "member_no",
                "status",
                "status_on",
                "is_migrant",
                "ethnicity",
                "household_type",
                "model_worker",
                "retirement_date",
            )
        )
        events = sorted(
            (numbers[e[0]], *e[1:])
            for e in MembershipEvent.objects.values_list(
                "member_id", "status", "on", "reason", "union_name", "actor_name", "carried"
            )
        )
        audits = sorted(
            (numbers.get(int(a[0])), *a[1:])
            for a in AuditEvent.objects.filter(object_type="members.member").values_list(
                "object_id", "kind", "actor_name", "union_slug", "note", "before", "after"
            )
        )
    index = sorted(
        MemberIndex.objects.filter(union=union).values_list("id_hash", "active"), key=str
    )
    return {"members": members, "events": events, "audits": audits, "index": index}


def _run(engine: str, union, in_union, content: bytes, name: str, **options):
    """One engine's result and the state after it, then rolled back."""
    outcome: dict[str, Any] = {}
    try:
        with transaction.atomic():
            with in_union(union):
                result = members_import(
                    content=content, filename=name, actor=None, engine=engine, **options
                )
            outcome = {"result": result.as_dict(), "state": _state(union, in_union)}
            raise _Undo
    except _Undo:
        pass
    return outcome


@pytest.fixture
def bad_file(make_member, union_a, union_b):
    on_register = make_member(union_a, phone="13800001111").id_number
    elsewhere = make_member(union_b).id_number
    return _file_with_bad_rows(on_register=on_register, elsewhere=elsewhere)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("valid_only", [False, True], ids=["all-or-nothing", "valid-only"])
def test_fast_and_old_paths_give_identical_members_events_index_and_errors(
    union_a, in_union, bad_file, kind, valid_only
):
    content = as_csv(ZH, bad_file) if kind == "csv" else as_xlsx(ZH, bad_file)
    name = f"members.{kind}"

    old = _run("classic", union_a, in_union, content, name, valid_only=valid_only)
    fast = _run("fast", union_a, in_union, content, name, valid_only=valid_only)

    assert fast == old
    assert len(old["result"]["errors"]) == 7
    assert old["result"]["created"] == (6 if valid_only else 0)


def test_fast_and_old_paths_agree_on_a_clean_file_with_updates(union_a, in_union, make_member):
    on_register = make_member(union_a).id_number
    data = _good_rows(40)
    data.append(["张伟", "男", on_register, "13900009999", "2020-03-01", "合同制", "5000", ""])
    content = as_xlsx(ZH, data)

    old = _run("classic", union_a, in_union, content, "m.xlsx")
    fast = _run("fast", union_a, in_union, content, "m.xlsx")

    assert fast == old
    assert old["result"] == {"created": 40, "updated": 1, "errors": [], "total": 41}


def test_the_fast_path_refuses_a_file_over_the_row_cap_and_writes_nothing(union_a, in_union):
    _rule_set("members.import_max_rows", 5)
    content = as_csv(ZH, _good_rows(6))

    with pytest.raises(ValidationError) as caught, in_union(union_a):
        members_import(content=content, filename="m.csv", actor=None, engine="fast")

    assert caught.value.message_dict == {"file": ["At most 5 rows per file."]}
    with in_union(union_a):
        assert Member.objects.count() == 0


def test_the_fast_path_looks_the_file_up_in_the_federation_index_once(union_a, in_union):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx, in_union(union_a):
        members_import(
            content=as_csv(ZH, _good_rows(5)), filename="m.csv", actor=None, engine="fast"
        )

    lookups = [
        q["sql"]
        for q in ctx.captured_queries
        if "tenants_memberindex" in q["sql"] and q["sql"].lstrip().startswith("SELECT")
    ]
    assert len(lookups) == 1, lookups


def test_the_fast_path_refuses_a_person_admitted_elsewhere_after_its_lookup(
    union_a, union_b, in_union, make_member, monkeypatch
):
    """The import looks the whole file up in the index once and claims without looking
    again: another union admitting one of the people in between is refused by the index's
    unique row, answered as a conflict naming the race, and nothing of the import stays."""
    from federation.platform.errors import ConflictError
    from workplaces.members.imports import staged

    data = _good_rows(5)
    claim = staged.index_claim

    def admitted_elsewhere(**kwargs):
        make_member(union_b, id_number=data[2][2], gender="F" if data[2][1] == "女" else "M")
        claim(**kwargs)

    monkeypatch.setattr(staged, "index_claim", admitted_elsewhere)
    with pytest.raises(ConflictError) as caught, transaction.atomic(), in_union(union_a):
        members_import(content=as_csv(ZH, data), filename="m.csv", actor=None, engine="fast")

    assert caught.value.code == "member_elsewhere"
    assert "meanwhile" in str(caught.value)
    with in_union(union_a):
        assert Member.objects.count() == 0
    assert not MemberIndex.objects.filter(union=union_a).exists()


def test_the_fast_path_refuses_a_person_admitted_here_just_before_its_claim(
    union_a, in_union, make_member, monkeypatch
):
    """Between sorting the file (nobody on the register) and claiming the index rows, an
    admission of one of the people commits: the unique ID number refuses the import's row,
    answered as a conflict, and nothing of the import is written."""
    from federation.platform.errors import ConflictError
    from workplaces.members.imports import staged

    data = _good_rows(5)
    claim = staged.index_claim

    def admitted_meanwhile(**kwargs):
        make_member(union_a, id_number=data[3][2], gender="F" if data[3][1] == "女" else "M")
        claim(**kwargs)

    monkeypatch.setattr(staged, "index_claim", admitted_meanwhile)
    with pytest.raises(ConflictError) as caught, transaction.atomic(), in_union(union_a):
        members_import(content=as_csv(ZH, data), filename="m.csv", actor=None, engine="fast")

    assert caught.value.code == "member_exists"
    with in_union(union_a):
        assert Member.objects.count() == 0
        assert MembershipEvent.objects.count() == 0
        assert AuditEvent.objects.filter(object_type="members.member").count() == 0
