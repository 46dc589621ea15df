"""Provisioning a union schema by clone: the same schema, migration records and rows as
django-tenants' way (clone, then ``migrate_schemas --fake``), and the template's dump
taken once per migration state, not once per process."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tenants import cloning
from tenants.models import TemplateStructure, Union

pytestmark = pytest.mark.django_db

BASE = settings.TENANT_BASE_SCHEMA


def _union(slug: str) -> Union:
    union = Union(slug=slug, schema_name=f"u_{slug.replace('-', '_')}", name=slug, kind="other")
    union.save()
    return union


def _provision_the_old_way(union: Union) -> None:
    """What ``union_schema_create`` did before: clone, then every migration faked by
    django-tenants' command (its post_migrate handlers included)."""
    assert cloning.schema_clone(source=BASE, target=union.schema_name)
    call_command(
        "migrate_schemas",
        tenant=True,
        fake=True,
        schema_name=union.schema_name,
        interactive=False,
        verbosity=0,
    )
    connection.set_schema_to_public()


def _rows(schema: str) -> dict[str, list[tuple]]:
    """Every row of every table of the schema; for ``django_migrations`` the (app, name)
    pairs only (ids and times differ by construction)."""
    with connection.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [schema])
        tables = sorted(r[0] for r in cur.fetchall())
        out = {}
        for table in tables:
            columns = "app, name" if table == "django_migrations" else "*"
            cur.execute(f'SELECT {columns} FROM "{schema}"."{table}"')  # noqa: S608 - catalog names
            out[table] = sorted(cur.fetchall(), key=repr)
    return out


def _migrations(schema: str) -> set[tuple[str, str]]:
    with connection.cursor() as cur:
        cur.execute(f'SELECT app, name FROM "{schema}".django_migrations')  # noqa: S608
        return set(cur.fetchall())


def test_a_clone_has_the_rows_the_old_way_left_content_types_permissions_and_migrations():
    old, new = _union("clone-old"), _union("clone-new")
    _provision_the_old_way(old)
    cloning.union_schema_create(new)
    old_rows, new_rows = _rows(old.schema_name), _rows(new.schema_name)
    assert set(new_rows) == set(old_rows)
    assert len(new_rows) > 80
    for table in ("django_content_type", "auth_permission", "auth_group", "django_migrations"):
        assert new_rows[table] == old_rows[table], table
    assert new_rows == old_rows


def test_a_clone_records_exactly_the_templates_migrations_and_has_its_structure():
    union = _union("clone-migrations")
    cloning.union_schema_create(union)
    assert _migrations(union.schema_name) == _migrations(BASE)
    assert len(_migrations(BASE)) > 50
    assert cloning.schema_structure(union.schema_name) == cloning.schema_structure(BASE)


def test_a_clone_is_planned_as_fully_migrated_by_django():
    from django.db.migrations.executor import MigrationExecutor
    from django_tenants.utils import schema_context

    union = _union("clone-plan")
    cloning.union_schema_create(union)
    with schema_context(union.schema_name):
        executor = MigrationExecutor(connection)
        assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_the_template_is_dumped_once_per_migration_state_not_per_process(monkeypatch):
    dumps = []
    real_dump = cloning._dump

    def counting_dump(base):
        dumps.append(base)
        return real_dump(base)

    monkeypatch.setattr(cloning, "_dump", counting_dump)
    TemplateStructure.objects.all().delete()
    cloning._cache.clear()
    first = cloning.template_ddl(BASE)
    assert first
    assert dumps == [BASE]
    fingerprint = cloning._template_fingerprint(BASE)
    assert list(TemplateStructure.objects.values_list("fingerprint", flat=True)) == [fingerprint]

    cloning._cache.clear()  # another process: the stored dump, no pg_dump
    assert cloning.template_ddl(BASE) == first
    assert dumps == [BASE]
    union = _union("clone-stored")
    cloning.union_schema_create(union)
    assert dumps == [BASE]
    assert cloning.schema_structure(union.schema_name) == cloning.schema_structure(BASE)

    # the template migrated: a new state, dumped again, the old dump gone
    with connection.cursor() as cur:
        cur.execute(
            f'INSERT INTO "{BASE}".django_migrations (app, name, applied) '  # noqa: S608
            "VALUES ('fastmigrate_app', '9999_probe', now())"
        )
    assert cloning._template_fingerprint(BASE) != fingerprint
    cloning.template_ddl(BASE)
    assert dumps == [BASE, BASE]
    assert list(TemplateStructure.objects.values_list("fingerprint", flat=True)) == [
        cloning._template_fingerprint(BASE)
    ]


def test_a_failed_migration_copy_leaves_no_schema(monkeypatch):
    from django_tenants.utils import schema_exists

    def broken(**_kwargs):
        raise RuntimeError("copy failed")

    monkeypatch.setattr(cloning, "migrations_copy", broken)
    union = _union("clone-broken")
    with pytest.raises(RuntimeError):
        cloning.union_schema_create(union)
    assert not schema_exists(union.schema_name)
