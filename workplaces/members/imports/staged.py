"""The fast path of the member import (issue 16, item 3): streamed, staged, set-based.

Rows are read one at a time (``streaming``), cleaned by the same ``member_clean`` as the
old path (``validation.clean_rows_iter``: the same errors, duplicates and messages), and
copied as they come (one COPY) into a temporary staging table, so a 100,000-row file is
never held as Python objects. What needs the whole file is then one statement each against
the stage: who is already on this register (an update), who is active in another union
(the index, one lookup), the index claim, and one statement adding the members by
``INSERT ... SELECT`` with their numbers, whose ``RETURNING`` feeds their membership
events and their audit events (``audit_record_query``). The locks are taken in the order
of ``workplaces.members.locks`` as in the old path.

The old path (``jobs.members_import`` with ``MEMBERS_IMPORT_ENGINE = "classic"``) stays
as the baseline of ``make bench`` and the reference of the equality test.
"""

from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from operator import itemgetter
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record_query
from federation.platform.errors import ConflictError, duplicate_only
from tenants.member_index import id_hash, member_index_active_elsewhere
from tenants.models import Union
from workplaces.members.audit import MemberAuditKind
from workplaces.members.imports.validation import (
    ELSEWHERE_MESSAGE,
    Checked,
    Row,
    clean_rows_iter,
    error_row,
    errors_sort,
)
from workplaces.members.imports.writing import BATCH, updates_write
from workplaces.members.locks import index_claim, member_numbers_take
from workplaces.members.models import Member, MembershipEvent, MemberStatus, UnionGroup
from workplaces.members.profile import PROFILE_FIELDS

STAGE = "pg_temp.members_import_stage"
# the cleaned fields, in the stage's column order (the member table's names)
FIELDS = (
    "name",
    "gender",
    "id_number",
    "birth_date",
    "phone",
    "employment",
    "group_id",
    "monthly_wage",
    "joined_on",
    *PROFILE_FIELDS,
    "is_migrant",
)
COLUMNS = ", ".join(f'"{c}"' for c in FIELDS)


def _stage_create() -> None:
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {STAGE}")
        cur.execute(
            f"CREATE TEMP TABLE members_import_stage ON COMMIT DROP AS "  # noqa: S608
            f"SELECT 0 AS \"row\", ''::varchar(64) AS id_hash, false AS existing, "
            f'false AS elsewhere, {COLUMNS} FROM "{Member._meta.db_table}" WITH NO DATA'
        )
        cur.execute(
            f"ALTER TABLE {STAGE} ALTER existing SET DEFAULT false, "
            "ALTER elsewhere SET DEFAULT false"
        )


def stage_drop() -> None:
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {STAGE}")


# a cleaned row's values in the stage's order (its group as the group itself, for now)
_values = itemgetter(*("group" if k == "group_id" else k for k in FIELDS))
_GROUP = FIELDS.index("group_id")


def _stage_copy(rows: Iterable[Row]) -> None:
    """One COPY for the whole file: psycopg sends the rows as they are cleaned and the
    server stores them meanwhile (by chunks, the worker waited at the end of each)."""
    with (
        connection.cursor() as cur,
        cur.cursor.copy(f'COPY {STAGE} ("row", id_hash, {COLUMNS}) FROM STDIN') as copy,
    ):
        for r in rows:
            f = r.fields
            values = _values(f)
            if f["group"] is not None:
                values = (*values[:_GROUP], f["group"].pk, *values[_GROUP + 1 :])
            copy.write_row((r.row, id_hash(f["id_number"]), *values))


def stage_rows(
    *,
    rows: Iterator[list[Any]],
    mapping: dict[int, tuple[str, str]],
    checked: Checked,
    progress: Callable[[int], None] | None,
    deadline: float | None,
) -> None:
    """Clean the rows as they come and copy the good ones into the stage (call inside a
    transaction: the stage is dropped at its end). A row cap or deadline passed while
    reading ends the COPY with that error."""
    _stage_create()
    cleaned = clean_rows_iter(
        rows=rows, mapping=mapping, checked=checked, progress=progress, deadline=deadline
    )
    # the first row before the COPY starts: cleaning reads the union's groups first
    first = next(cleaned, None)
    if first is not None:
        _stage_copy(chain([first], cleaned))


def stage_sort(
    *,
    union: Union,
    checked: Checked,
    column_of_id: str,
    lookups: Callable[[int], None] | None,
) -> tuple[list[str], int]:
    """Mark the staged people already on this register (updates) and those active in
    another union (errors); return the new people's hashes in hash order (the order of
    their claim) and the count of updates."""
    member = Member._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f'UPDATE {STAGE} AS s SET existing = true FROM "{member}" AS m '  # noqa: S608
            "WHERE m.id_number = s.id_number"
        )
        updates = cur.rowcount
        cur.execute(f'SELECT id_hash, "row" FROM {STAGE} WHERE NOT existing')  # noqa: S608
        row_of = dict(cur.fetchall())
    if lookups is not None:
        lookups(len(row_of))
    elsewhere = member_index_active_elsewhere(union=union, hashes=list(row_of))
    checked.looked_up, checked.found_elsewhere = len(row_of), len(elsewhere)
    if elsewhere:
        message = str(ELSEWHERE_MESSAGE)
        for digest in elsewhere:
            checked.errors.append(error_row(row_of[digest], column_of_id, "id_number", message))
        with connection.cursor() as cur:
            cur.execute(
                f"UPDATE {STAGE} SET elsewhere = true "  # noqa: S608
                "WHERE id_hash = ANY(string_to_array(%s, ','))",
                [",".join(elsewhere)],
            )
    errors_sort(checked.errors)
    return sorted(row_of.keys() - elsewhere), updates


NEW = "NOT existing AND NOT elsewhere"


def _new_write(*, union: Union, hashes: list[str], actor: Actor, now: Any) -> None:
    """Steps 1-2 of the lock order, then members, events and audit rows from the stage in
    one statement: the members' ``INSERT ... RETURNING`` feeds the other two (no join of
    the stage with the register, no second look at the rows)."""
    index_claim(
        union=union,
        hashes=hashes,
        message=_("Someone in the file became a member of another union meanwhile; try again."),
        looked_up=True,  # stage_sort did, in this transaction (the unique index still rules)
    )
    member, event = Member._meta.db_table, MembershipEvent._meta.db_table
    first = int(member_numbers_take(count=len(hashes))[0])
    stage_cols = ", ".join(f's."{c}"' for c in FIELDS)
    number = "(%s - 1 + s.k)"
    # ids follow the file's order: the column's default (the sequence) is computed as the
    # sorted rows are inserted; no ``nextval(pg_get_serial_sequence(...))`` per row (a
    # catalog lookup each, ~30 ms per 10,000 rows)
    ctes = (
        f'm AS (INSERT INTO "{member}" ({COLUMNS}, member_no, status, status_on, '  # noqa: S608
        "created_at, updated_at) "
        f"SELECT {stage_cols}, "
        f"CASE WHEN {number} < 1000000 THEN lpad({number}::text, 6, '0') "
        f"ELSE {number}::text END, %s, s.joined_on, %s, %s "
        f'FROM (SELECT *, row_number() OVER (ORDER BY "row") AS k FROM {STAGE} '
        f"WHERE {NEW}) AS s ORDER BY s.k "
        "RETURNING id, name, member_no, joined_on, monthly_wage), "
        f'e AS (INSERT INTO "{event}" (member_id, status, "on", reason, union_name, '
        "actor_name, carried, created_at) "
        "SELECT m.id, %s, m.joined_on, %s, %s, %s, false, %s FROM m ORDER BY m.id)"
    )
    created = (
        "SELECT 'members.member' AS object_type, m.id AS object_id, NULL::jsonb AS before, "
        "jsonb_build_object('name', m.name, 'member_no', m.member_no, 'status', 'active', "
        "'joined_on', m.joined_on, 'monthly_wage', m.monthly_wage::text) AS after "
        "FROM m ORDER BY m.id"
    )
    try:
        # a savepoint: the import's transaction stays usable to answer with a ConflictError
        with transaction.atomic():
            audit_record_query(
                actor=actor,
                kind=MemberAuditKind.CREATED,
                query=created,
                union_slug=union.slug,
                note="import",
                ctes=ctes,
                cte_params=[
                    *(first, first, first, MemberStatus.ACTIVE, now, now),
                    *(MemberStatus.ACTIVE, _("Imported"), union.name, actor_label(actor), now),
                ],
            )
    except IntegrityError as exc:
        # the index rows are ours, but an admission of one of them committed before we
        # took them (the unique ID number refuses the row)
        duplicate_only(exc)
        raise ConflictError(
            _("Someone in the file was added to the register meanwhile; try again."),
            code="member_exists",
        ) from None


def _update_rows(chunk: list[tuple[Any, ...]], groups: dict[int, UnionGroup]) -> list[Row]:
    rows = []
    for row, *values in chunk:
        fields = dict(zip(FIELDS, values, strict=True))
        group_id = fields.pop("group_id")
        fields["group"] = groups.get(group_id) if group_id else None
        rows.append(Row(row, fields))
    return rows


def _updates_apply(*, union: Union, actor: Actor, present: frozenset[str]) -> None:
    """Step 3: this register's people, by chunks in primary-key order (the lock order),
    through the old path's update writer (the same audit of what changed)."""
    member = Member._meta.db_table
    groups = {g.pk: g for g in UnionGroup.objects.all()}
    stage_cols = ", ".join(f's."{c}"' for c in FIELDS)
    with connection.cursor() as cur:
        cur.execute(
            f'SELECT s."row", {stage_cols} FROM {STAGE} AS s JOIN "{member}" AS m '  # noqa: S608
            "ON m.id_number = s.id_number WHERE s.existing ORDER BY m.id"
        )
        while chunk := cur.fetchmany(BATCH):
            updates_write(
                union=union, updates=_update_rows(chunk, groups), actor=actor, present=present
            )


def stage_write(
    *,
    union: Union,
    new: list[str],
    updates: int,
    actor: Actor,
    present: frozenset[str],
    progress: Callable[[int], None] | None,
) -> None:
    """Write the staged import (inside the transaction that staged it); ``new`` are the
    new people's hashes in hash order (``stage_sort``)."""
    now = timezone.now()
    if new:
        _new_write(union=union, hashes=new, actor=actor, now=now)
        if progress:
            progress(len(new))
    if updates:
        _updates_apply(union=union, actor=actor, present=present)
        if progress:
            progress(len(new) + updates)
