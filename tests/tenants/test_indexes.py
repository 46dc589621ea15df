"""Every index is paid by every insert (a 10,000-row member import writes 10,000 members,
events and audit rows): no table in the public schema or a union's carries two indexes
that do the same job."""

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db

SAME_JOB = """
    SELECT t.relname, array_agg(i.relname ORDER BY i.relname)
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = %s
    GROUP BY t.relname, x.indkey::text, x.indclass::text, x.indcollation::text,
             coalesce(pg_get_expr(x.indexprs, x.indrelid), ''),
             coalesce(pg_get_expr(x.indpred, x.indrelid), '')
    HAVING count(*) > 1
"""


def _twins(schema: str) -> list[tuple[str, list[str]]]:
    with connection.cursor() as cur:
        cur.execute(SAME_JOB, [schema])
        return sorted(cur.fetchall())


@pytest.mark.parametrize("schema", ["public", settings.TENANT_BASE_SCHEMA])
def test_no_table_has_two_indexes_on_the_same_columns_and_operator_classes(schema):
    assert _twins(schema) == []


def test_the_check_finds_a_second_index_of_the_same_kind():
    with connection.cursor() as cur:
        cur.execute(
            f'CREATE INDEX twin_of_member_no ON "{settings.TENANT_BASE_SCHEMA}".members_member '
            "(member_no varchar_pattern_ops)"
        )
    assert _twins(settings.TENANT_BASE_SCHEMA) == [
        ("members_member", ["members_member_member_no_06a72bfe_like", "twin_of_member_no"])
    ]


def test_the_audit_log_keeps_only_the_indexes_its_queries_use():
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = %s "
            "AND tablename = 'audit_auditevent' ORDER BY indexname",
            [settings.TENANT_BASE_SCHEMA],
        )
        columns = sorted(d.split("USING btree ")[1] for (d,) in cur.fetchall())
    assert columns == ["(at)", "(id)", "(kind)", "(object_type, object_id)"]


def _index_columns(schema: str, table: str) -> list[str]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = %s AND tablename = %s",
            [schema, table],
        )
        return sorted(d.split("USING btree ")[1] for (d,) in cur.fetchall())


def test_an_id_number_has_one_index_an_exact_lookup_uses():
    """The register's ID numbers are looked up whole (search, import, admission): the
    pattern index Django adds to a ``unique=True`` text column would only cost inserts."""
    columns = _index_columns(settings.TENANT_BASE_SCHEMA, "members_member")
    assert [c for c in columns if "id_number" in c] == ["(id_number)"]


def test_the_member_index_is_reached_by_union_through_its_unique_pair():
    """(union_id, id_hash) serves the lookups by union, so the foreign key has no index of
    its own; lookups by person use the partial unique index of active rows."""
    assert _index_columns("public", "tenants_memberindex") == [
        "(id)",
        "(id_hash) WHERE active",
        "(union_id, id_hash)",
    ]
