import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django_tenants.utils import schema_context, schema_exists

from tenants.cloning import schema_structure
from tenants.models import Domain, Union, UnionStatus
from tenants.services import union_create, union_deactivate
from tests.factories import credit_code

pytestmark = pytest.mark.django_db


def _tables(schema: str) -> set[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [schema])
        return {r[0] for r in cur.fetchall()}


def _create(slug="fresh-union", **kw):
    args = dict(
        slug=slug,
        name="新工会",
        kind="school",
        credit_code=credit_code(),
        employee_count=50,
        admin_username="fresh_chair",
        admin_password="Fresh-Pass-2026",
    )
    args.update(kw)
    return union_create(**args)


def test_a_new_union_has_every_table_of_the_template():
    union = _create()
    template = _tables(settings.TENANT_BASE_SCHEMA)
    assert template  # the template is migrated
    assert _tables(union.schema_name) == template


def test_a_new_union_is_ready_active_and_served_on_its_subdomain():
    union = _create()
    union.refresh_from_db()
    assert (union.status, union.ready) == (UnionStatus.ACTIVE, True)
    assert Domain.objects.get(tenant=union).domain == "fresh-union.localhost"


def test_a_new_union_has_its_roles_and_its_chair():
    union = _create()
    from django.contrib.auth import get_user_model

    with schema_context(union.schema_name):
        chair = get_user_model().objects.get(username="fresh_chair")
        assert list(chair.groups.values_list("name", flat=True)) == ["chair"]
        from django.contrib.auth.models import Group

        assert Group.objects.count() == 10


def test_the_clone_copies_no_data_from_the_template():
    with schema_context(settings.TENANT_BASE_SCHEMA):
        from django.contrib.auth.models import Group

        Group.objects.create(name="leaked-from-template")
    union = _create()
    with schema_context(union.schema_name):
        assert not Group.objects.filter(name="leaked-from-template").exists()


def test_every_tenant_migration_is_recorded_in_the_clone():
    union = _create()
    from django.db.migrations.executor import MigrationExecutor

    with schema_context(union.schema_name):
        executor = MigrationExecutor(connection)
        assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_a_bad_chair_password_creates_no_schema():
    with pytest.raises(ValidationError) as exc:
        _create(admin_password="123")
    assert "admin.password" in exc.value.message_dict
    assert not schema_exists("u_fresh_union")
    assert not Union.objects.filter(slug="fresh-union").exists()


def test_deactivating_keeps_the_schema_and_the_row():
    union = _create()
    union_deactivate(union=union)
    union.refresh_from_db()
    assert union.status == UnionStatus.INACTIVE
    assert schema_exists(union.schema_name)


def test_the_clone_has_the_templates_indexes_and_constraints():
    union = _create()
    assert schema_structure(union.schema_name) == schema_structure(settings.TENANT_BASE_SCHEMA)


def test_the_clone_takes_the_fast_path_when_pg_dump_is_installed():
    from tenants.cloning import pg_dump_binary

    assert pg_dump_binary() is not None


def test_without_pg_dump_the_django_tenants_clone_still_provisions(monkeypatch):
    import tenants.cloning
    from tenants.models import TemplateStructure

    monkeypatch.setattr(tenants.cloning, "pg_dump_binary", lambda: None)
    tenants.cloning._cache.clear()
    TemplateStructure.objects.all().delete()  # no dump kept by another process either
    union = _create()
    assert _tables(union.schema_name) == _tables(settings.TENANT_BASE_SCHEMA)
