"""Provisioning one union with many unions in the database: the old way beside the new, in
one run.

- old: the template's DDL from ``pg_dump`` once per process, run, then
  ``migrate_schemas --tenant --fake`` (Django's migration planning and recorder,
  django-tenants' command, post_migrate handlers);
- new (``tenants.cloning.union_schema_create``): the DDL kept in the public table per
  migration state, run, and the template's ``django_migrations`` rows copied in the same
  transaction.

Each is timed as the first union of a fresh process (a new gunicorn or Celery process) and
warm (the same process again), interleaved, with the load average beside every figure.
Unions are first generated the cheap way of the scale bench (clone + migration rows, no
members) up to ``--unions``. Run it on a database of your own, never the shared one:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_provision \\
        .venv/bin/python -m tests.benchmarks.provision_scale --unions 1000

It migrates that database (``migrate_all``) first; drop it afterwards (``dropdb``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.config.settings")
    import django

    django.setup()


def _union(slug: str):
    from tenants.models import Union

    return Union.objects.create(
        slug=slug, schema_name=f"u_{slug.replace('-', '_')}", name=slug, kind="other"
    )


def _old(union, ddl_cache: dict) -> dict:
    """The provisioning before 2026-12-07: pg_dump per process, clone, fake migrate."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from tenants import cloning

    base = settings.TENANT_BASE_SCHEMA
    t0 = time.perf_counter()
    if "ddl" not in ddl_cache:
        ddl_cache["ddl"] = cloning._dump(base)
    t1 = time.perf_counter()
    renamed = re.sub(rf"\b{re.escape(base)}\b", f'"{union.schema_name}"', ddl_cache["ddl"])
    with connection.cursor() as cur:
        cur.execute(renamed)
    t2 = time.perf_counter()
    call_command(
        "migrate_schemas",
        tenant=True,
        fake=True,
        schema_name=union.schema_name,
        interactive=False,
        verbosity=0,
    )
    connection.set_schema_to_public()
    t3 = time.perf_counter()
    return {"ddl": t1 - t0, "exec": t2 - t1, "migrations": t3 - t2, "total": t3 - t0}


def _new(union) -> dict:
    """``union_schema_create`` as it is now, in parts."""
    from django.conf import settings
    from django.db import connection, transaction

    from tenants import cloning

    base = settings.TENANT_BASE_SCHEMA
    t0 = time.perf_counter()
    ddl = cloning.template_ddl(base)
    t1 = time.perf_counter()
    renamed = re.sub(rf"\b{re.escape(base)}\b", f'"{union.schema_name}"', ddl or "")
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(renamed)
        t2 = time.perf_counter()
        cloning.migrations_copy(source=base, target=union.schema_name)
    t3 = time.perf_counter()
    return {"ddl": t1 - t0, "exec": t2 - t1, "migrations": t3 - t2, "total": t3 - t0}


def _one(mode: str, slug: str) -> None:
    """A fresh process provisioning one union (prints its figures as JSON)."""
    _setup()
    union = _union(slug)
    figures = _old(union, {}) if mode == "old" else _new(union)
    print(json.dumps(figures))


def _generate(n: int) -> float:
    from django.conf import settings

    from tenants import cloning
    from tenants.models import Union

    base = settings.TENANT_BASE_SCHEMA
    have = Union.objects.filter(slug__startswith="scale-").count()
    t = time.perf_counter()
    for i in range(have, n):
        u = Union.objects.create(
            slug=f"scale-{i:04d}",
            schema_name=f"u_scale_{i:04d}",
            name=f"规模测试工会 {i:04d}",
            kind="enterprise",
            employee_count=110,
            status="active",
            ready=True,
        )
        assert cloning.schema_clone(source=base, target=u.schema_name)
        cloning.migrations_copy(source=base, target=u.schema_name)
    return time.perf_counter() - t


def _fresh(mode: str, slug: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.provision_scale", "--one", mode, slug],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fmt(xs: list[dict], key: str) -> str:
    return f"{statistics.median(x[key] for x in xs):7.3f}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unions", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--one", nargs=2, metavar=("MODE", "SLUG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(*args.one)
        return 0
    _setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from tenants import cloning
    from tenants.models import Union

    call_command("migrate_all", verbosity=0)
    generated = _generate(args.unions)
    n = Union.objects.exclude(schema_name="public").count()
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_class")
        rels = cur.fetchone()[0]
    print(f"\n== Provisioning one union with {n} unions in the database ({rels} pg_class rows)")
    print(f"   generated {generated:.0f} s; load {_load()}")
    t = time.perf_counter()
    cloning._dump(settings.TENANT_BASE_SCHEMA)
    print(f"   one pg_dump of the template: {time.perf_counter() - t:.2f} s, load {_load()}")
    cloning.template_ddl(settings.TENANT_BASE_SCHEMA)  # the stored dump exists from here
    made: list[str] = []
    results: dict[str, list[dict]] = {k: [] for k in ("old fresh", "new fresh", "old", "new")}
    loads: list[str] = []
    old_cache: dict = {}
    try:
        for r in range(args.rounds):
            for mode in ("old", "new"):
                slug = f"prov-{mode}-fresh-{r}"
                made.append(slug)
                results[f"{mode} fresh"].append(_fresh(mode, slug))
                loads.append(_load())
            for mode in ("old", "new"):
                slug = f"prov-{mode}-warm-{r}"
                made.append(slug)
                u = _union(slug)
                results[mode].append(_old(u, old_cache) if mode == "old" else _new(u))
                loads.append(_load())
        # the product's function, once, to be sure it is what "new" measured
        made.append("prov-product")
        t = time.perf_counter()
        cloning.union_schema_create(_union("prov-product"))
        product = time.perf_counter() - t
        same = cloning.schema_structure("u_prov_product") == cloning.schema_structure(
            settings.TENANT_BASE_SCHEMA
        )
    finally:
        with connection.cursor() as cur:
            for slug in made:
                cur.execute(f'DROP SCHEMA IF EXISTS "u_{slug.replace("-", "_")}" CASCADE')
        Union.objects.filter(slug__in=made).delete()
    print(f"   median of {args.rounds}, seconds per union:")
    print("   way                      DDL    run DDL  migrations   total")
    for key, label in (
        ("old fresh", "old, fresh process"),
        ("new fresh", "new, fresh process"),
        ("old", "old, warm process"),
        ("new", "new, warm process"),
    ):
        xs = results[key]
        print(
            f"   {label:<20} {_fmt(xs, 'ddl')}  {_fmt(xs, 'exec')}  "
            f"{_fmt(xs, 'migrations')}     {_fmt(xs, 'total')}"
        )
    print(f"   union_schema_create itself (warm): {product:.3f} s, equal to the template: {same}")
    print(f"   load averages during the runs: {', '.join(loads)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
