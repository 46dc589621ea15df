"""Shared fixtures: two ready unions for the whole session, and named personas.

Most tests never create a schema: ``union_a`` and ``union_b`` are provisioned once, when
the test database is set up, and each test runs in a transaction that is rolled back.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

PASSWORD = "Test-Pass-2026!"

pytest_plugins = ["tests.live"]

FEDERATION_PERSONAS = {
    "federation_admin": ["admin"],
    "federation_clerk": ["dues_officer"],
    "federation_assessor": ["assessor"],
    "federation_reporter": ["reporting_officer"],
    "federation_viewer": ["viewer"],
}
UNION_PERSONAS = {
    "chair": ["chair"],
    "organization": ["organization"],
    "finance": ["finance"],
    "group_leader": ["group_leader"],
    "member": ["member"],
}


def _setup_township():
    from django_tenants.utils import schema_context

    from federation.platform.accounts.services import roles_ensure, user_create
    from tenants.services import federation_tenant_ensure, template_schema_ensure, union_create
    from tests.factories import credit_code

    federation_tenant_ensure(name="测试镇总工会")
    template_schema_ensure()
    roles_ensure()
    for username, roles in FEDERATION_PERSONAS.items():
        user_create(username=username, password=PASSWORD, roles=roles, validate=False)
    for slug, employees in (("union-a", 200), ("union-b", 80)):
        union = union_create(
            slug=slug,
            name=f"{slug.upper()} 工会",
            kind="enterprise",
            credit_code=credit_code(),
            employee_count=employees,
            admin_username=f"{slug[-1]}_chair",
            admin_password=PASSWORD,
        )
        with schema_context(union.schema_name):
            for persona, roles in UNION_PERSONAS.items():
                if persona == "chair":
                    continue
                user_create(
                    username=f"{slug[-1]}_{persona}", password=PASSWORD, roles=roles, validate=False
                )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _setup_township()
        connection.set_schema_to_public()
        from tests.live import township_snapshot

        township_snapshot()
    yield
    # a live server thread or a worker may still hold a connection; the database is dropped next
    with django_db_blocker.unblock(), connection.cursor() as cur:
        cur.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _back_to_public():
    from tenants.middleware import routing_cache_clear

    # a test's rolled-back changes to a union must not stay in the host routing cache
    routing_cache_clear()
    yield
    connection.set_schema_to_public()
    routing_cache_clear()


@pytest.fixture
def union_a(db):
    from tenants.models import Union

    return Union.objects.get(slug="union-a")


@pytest.fixture
def union_b(db):
    from tenants.models import Union

    return Union.objects.get(slug="union-b")


class HostClient(APIClient):
    """An API client bound to one host; the connection goes back to public after each call."""

    def __init__(self, host: str, **kwargs):
        super().__init__(HTTP_HOST=host, **kwargs)
        self.host = host

    def request(self, **kwargs):
        try:
            return super().request(**kwargs)
        finally:
            connection.set_schema_to_public()


def host_of(union=None) -> str:
    return f"{union.slug}.{settings.BASE_DOMAIN}" if union else settings.BASE_DOMAIN


def _token_for(username: str, union=None) -> str:
    from django.contrib.auth import get_user_model
    from django_tenants.utils import schema_context

    schema = union.schema_name if union else "public"
    with schema_context(schema):
        from federation.platform.accounts.tokens import token_issue

        user = get_user_model().objects.get(username=username)
        return token_issue(user=user, label="test")[1]


@pytest.fixture
def client_for(db):
    """client_for("federation_clerk") or client_for("a_chair", union_a): token-authenticated."""

    def make(username: str | None = None, union=None) -> HostClient:
        client = HostClient(host_of(union))
        if username:
            client.credentials(HTTP_AUTHORIZATION=f"Token {_token_for(username, union)}")
        connection.set_schema_to_public()
        return client

    return make


@pytest.fixture
def federation_admin_api(client_for):
    return client_for("federation_admin")


@pytest.fixture
def federation_clerk_api(client_for):
    return client_for("federation_clerk")


@pytest.fixture
def union_a_chair_api(client_for, union_a):
    return client_for("a_chair", union_a)


@pytest.fixture
def union_b_chair_api(client_for, union_b):
    return client_for("b_chair", union_b)


@pytest.fixture
def anon_federation_api(client_for):
    return client_for(None)


@pytest.fixture
def in_union():
    """Context manager: ``with in_union(union_a): ...`` runs code inside that union's schema."""
    from django_tenants.utils import schema_context

    return lambda union: schema_context(union.schema_name)


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if os.path.exists(path):
        return path
    return shutil.which("chromium")
