"""The fast migration path: planned once on the template, replayed in every union schema,
and every schema equal to the template afterwards."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tenants import fastmigrate
from tenants.cloning import schema_structure
from tenants.services import template_schema_ensure
from tests.live import _restore_township

APP = "fastmigrate_app"
ADD = (APP, "0002_column_index_constraint")
DATA = (APP, "0003_data")


def _schemas():
    return [settings.TENANT_BASE_SCHEMA, *fastmigrate.union_schemas()]


def _rewind(to: str = "0001") -> None:
    for schema in _schemas():
        call_command("migrate_schemas", APP, to, schema_name=schema, interactive=False, verbosity=0)
        connection.set_schema_to_public()


def _migrate_fast(**kwargs):
    plan = fastmigrate.plan_prepare()
    template_schema_ensure()
    return plan, fastmigrate.plan_apply(plan, **kwargs)


def _probe_rows(schema: str) -> list[str]:
    with connection.cursor() as cur:
        cur.execute(f'SELECT name FROM "{schema}".fastmigrate_app_probe ORDER BY id')
        return [r[0] for r in cur.fetchall()]


@pytest.mark.django_db
def test_the_template_holds_the_probe_apps_tables():
    # (also makes pytest-django create the test database when this file runs alone: the
    # other tests here work outside a test transaction, see ``rewound``)
    tables = {item[1] for item in schema_structure(settings.TENANT_BASE_SCHEMA)}
    assert "fastmigrate_app_probe" in tables


@pytest.fixture
def rewound(django_db_setup, django_db_blocker):
    """The template and both unions back at 0001 of the probe app, for real (DDL on
    several connections cannot run inside a test transaction); afterwards every schema is
    brought back to the latest migration, so nothing else sees a difference."""
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        _restore_township()  # an earlier transactional test may have emptied the database
        _rewind()
        yield
        connection.set_schema_to_public()
        template_schema_ensure()
        fastmigrate.plan_apply(fastmigrate.FastPlan(applied_before=frozenset()))
        connection.set_schema_to_public()


def _union(slug: str) -> str:
    from tenants.models import Union

    return Union.objects.get(slug=slug).schema_name


def test_the_plan_replays_sql_up_to_the_first_data_migration(rewound):
    plan = fastmigrate.plan_prepare()
    assert (plan.fast, plan.slow) == ([ADD], [DATA])
    assert any("ADD COLUMN" in s and "score" in s for s in plan.sql)
    assert any("CREATE INDEX" in s and "probe_score_name" in s for s in plan.sql)


def test_after_the_fast_path_every_union_schema_equals_the_template(rewound):
    _plan, report = _migrate_fast()
    unions = fastmigrate.union_schemas()
    assert sorted(report.schemas_fast) == unions
    assert report.failed == {}
    template = schema_structure(settings.TENANT_BASE_SCHEMA)
    assert ("index", "fastmigrate_app_probe") in {i[:2] for i in template}
    for schema in unions:
        assert schema_structure(schema) == template


def test_a_data_migration_goes_the_normal_way_in_each_schema(rewound):
    _plan, report = _migrate_fast()
    assert sorted(report.schemas_normal) == fastmigrate.union_schemas()
    for schema in _schemas():
        assert _probe_rows(schema) == ["ran here"]


def test_a_failing_schema_is_named_and_the_others_are_consistent(rewound):
    a, b = _union("union-a"), _union("union-b")
    with connection.cursor() as cur:  # a hand-made column the migration would add again
        cur.execute(f'ALTER TABLE "{b}".fastmigrate_app_probe ADD COLUMN score int')
    _plan, report = _migrate_fast()
    assert list(report.failed) == [b]
    assert "score" in report.failed[b]
    assert schema_structure(a) == schema_structure(settings.TENANT_BASE_SCHEMA)
    with connection.cursor() as cur:
        cur.execute(f'SELECT name FROM "{b}".django_migrations WHERE app = %s', [APP])
        assert [r[0] for r in cur.fetchall()] == ["0001_initial"]
        cur.execute(f'ALTER TABLE "{b}".fastmigrate_app_probe DROP COLUMN score')
    _plan, again = _migrate_fast()
    assert (again.failed, again.schemas_normal) == ({}, [b])
    assert schema_structure(b) == schema_structure(settings.TENANT_BASE_SCHEMA)


def test_running_again_is_a_no_op(rewound):
    _migrate_fast()
    plan, report = _migrate_fast()
    assert (plan.fast, plan.slow, plan.sql) == ([], [], [])
    assert (report.schemas_fast, report.schemas_normal, report.failed) == ([], [], {})
    assert report.schemas_current == len(fastmigrate.union_schemas())


def test_migrate_all_takes_the_fast_path(rewound):
    call_command("migrate_all", verbosity=0)
    for schema in fastmigrate.union_schemas():
        assert schema_structure(schema) == schema_structure(settings.TENANT_BASE_SCHEMA)


def test_migrate_all_keeps_the_templates_dump_for_provisioning(rewound):
    from tenants import cloning
    from tenants.models import TemplateStructure

    call_command("migrate_all", verbosity=0)
    fingerprint = cloning._template_fingerprint(settings.TENANT_BASE_SCHEMA)
    assert list(TemplateStructure.objects.values_list("fingerprint", flat=True)) == [fingerprint]


@pytest.mark.django_db
def test_pending_migrations_in_two_apps_are_planned_from_every_applied_migration():
    """An upgrade bringing migrations in two apps: the second app's SQL is computed from a
    state that holds its models (a KeyError stopped ``migrate_all`` before)."""
    from django.apps import apps
    from django.db.migrations.executor import MigrationExecutor

    connection.set_schema(settings.TENANT_BASE_SCHEMA)
    try:
        executor = MigrationExecutor(connection)
        graph = executor.loader.graph
        other = next(
            key
            for key in sorted(graph.leaf_nodes())
            if key[0] > APP
            and graph.nodes[key].operations
            and all(getattr(op, "model_name", None) for op in graph.nodes[key].operations)
        )
        changed = graph.nodes[other].operations[0].model_name
        table = apps.get_model(other[0], changed)._meta.db_table
        applied = frozenset(graph.nodes) - {ADD, DATA, other}
        plan = [(graph.nodes[ADD], False), (graph.nodes[other], False)]
        sql = fastmigrate.plan_sql(executor, applied=applied, plan=plan)
    finally:
        connection.set_schema_to_public()
    assert any("probe_score_name" in s for s in sql)
    # the second app's SQL is there: it names the table, or the index it drops
    dropped = [op.name for op in graph.nodes[other].operations if hasattr(op, "name")]
    assert any(name in s for s in sql for name in [table, *dropped])
