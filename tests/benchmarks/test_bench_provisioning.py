"""Provisioning a union: clone of the template schema against replaying every migration."""

import statistics
import time

import pytest
from django.db import connection
from django.test import override_settings

from tests.benchmarks.conftest import report

N = 20


def _drop(schema: str) -> None:
    with connection.cursor() as cur:
        cur.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.mark.django_db(transaction=True)
def test_bench_provisioning_clone_against_migrations(live_township):
    from tenants.cloning import union_schema_create
    from tenants.models import Union
    from tenants.services import union_create
    from tests.factories import credit_code

    clone, dt_clone, migrate, full = [], [], [], []
    try:
        for i in range(N):
            u = Union(
                slug=f"bench-c{i}",
                schema_name=f"u_bench_c{i}",
                name="b",
                kind="other",
                is_federation=False,
            )
            u.save()
            t = time.perf_counter()
            union_schema_create(u)
            clone.append(time.perf_counter() - t)
        for i in range(N):
            u = Union(
                slug=f"bench-d{i}",
                schema_name=f"u_bench_d{i}",
                name="b",
                kind="other",
                is_federation=False,
            )
            u.save()
            t = time.perf_counter()
            u.create_schema(verbosity=0)  # django-tenants' own clone_schema SQL function
            dt_clone.append(time.perf_counter() - t)
        with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False):
            for i in range(N):
                u = Union(
                    slug=f"bench-m{i}",
                    schema_name=f"u_bench_m{i}",
                    name="b",
                    kind="other",
                    is_federation=False,
                )
                u.save()
                t = time.perf_counter()
                u.create_schema(verbosity=0)
                migrate.append(time.perf_counter() - t)
        for i in range(N):
            t = time.perf_counter()
            union_create(
                slug=f"bench-f{i}",
                name="b",
                kind="other",
                credit_code=credit_code(),
                employee_count=1,
                admin_username="c",
                admin_password="Bench-Pass-2026",
            )
            full.append(time.perf_counter() - t)
    finally:
        connection.set_schema_to_public()
        for prefix in ("c", "d", "m", "f"):
            for i in range(N):
                _drop(f"u_bench_{prefix}{i}")
    report(
        f"Provisioning a union, median of {N} each",
        [
            ("schema by template clone, pg_dump DDL (s)", f"{statistics.median(clone):.3f}"),
            ("schema by django-tenants clone_schema() (s)", f"{statistics.median(dt_clone):.3f}"),
            ("schema by running migrations (s)", f"{statistics.median(migrate):.3f}"),
            ("clone speed-up", f"{statistics.median(migrate) / statistics.median(clone):.1f}x"),
            (
                "whole union_create, clone path (s)",
                f"{statistics.median(full):.3f}  (p95 {sorted(full)[int(N * 0.95) - 1]:.3f})",
            ),
        ],
    )
    assert len(clone) == len(migrate) == len(full) == N
