"""The scale bench's probes on a database kept from an interrupted scale run (issue 16).

``test_bench_scale`` generates N unions inside a pytest session whose test database, and
with it the unions, go at the end. A run at 10,000 unions is an hour of generation; when
it stops after the generation (a probe failing, a killed session) the database can still
be measured. This script, run against that database:

1. forgets the unions whose schema is gone (a teardown that started dropping them) and
   the previous run's probe unions;
2. migrates the database (``migrate_all``: the fast path over every union schema) and
   prints how long that took;
3. generates unions up to ``--unions`` again, the bench's way;
4. runs the bench's probes at that N and prints them in the bench's layout.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_scale10k \\
        .venv/bin/python -m tests.benchmarks.scale_resume --unions 10000

Drop the database afterwards (``dropdb``); never run it on a database in use.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.config.settings")
    import django

    django.setup()


def _forget_lost_unions() -> int:
    from django.db import connection

    from tenants.models import Union

    with connection.cursor() as cur:
        cur.execute("SELECT nspname FROM pg_namespace")
        schemas = {row[0] for row in cur.fetchall()}
    lost = [
        u.pk
        for u in Union.objects.filter(slug__startswith="scale-").only("pk", "slug", "schema_name")
        if u.schema_name not in schemas or u.slug.startswith("scale-p")
    ]
    probes = Union.objects.filter(slug__startswith="scale-p").values_list("schema_name", flat=True)
    with connection.cursor() as cur:
        for schema in probes:
            cur.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    for i in range(0, len(lost), 500):
        Union.objects.filter(pk__in=lost[i : i + 500]).delete()
    return len(lost)


def main() -> int:  # noqa: PLR0915 - one probe after the other, as the bench
    parser = argparse.ArgumentParser()
    parser.add_argument("--unions", type=int, default=10000)
    args = parser.parse_args()
    _setup()
    from django.core.management import call_command
    from django.db import connection

    from federation.dashboard.selectors import dashboard_api_payload
    from federation.dues.models import PayrollDeclaration
    from federation.dues.periods import MONTHLY, period_containing
    from tenants.models import Union
    from tests.benchmarks import test_bench_scale as b
    from tests.benchmarks.conftest import report

    n = args.unions
    print(f"forgot {_forget_lost_unions()} unions whose schema was gone (or probes)", flush=True)
    t = time.perf_counter()
    call_command("migrate_all", verbosity=1)
    migrated_s = time.perf_counter() - t
    have = Union.objects.filter(slug__startswith="scale-").count()
    print(f"migrate_all over {have} union schemas: {migrated_s:.1f} s", flush=True)
    slugs = Union.objects.filter(slug__regex=r"^scale-[0-9]+$").values_list("slug", flat=True)
    first = max((int(s.split("-")[1]) for s in slugs), default=-1) + 1
    t0 = time.perf_counter()
    b._generate(first, first + max(0, n - have))
    generate_s = time.perf_counter() - t0
    unions = list(Union.objects.filter(slug__startswith="scale-").order_by("pk"))
    print(f"{len(unions)} unions ({n - have} generated in {generate_s:.0f} s)", flush=True)

    rows: list[tuple[str, str]] = []
    clone_times, dt_times, migrate_times = b.provisioning_samples(n)

    web, dashboard_http, worker_pid = b.dashboard_server(dict(os.environ))
    try:
        dashboard_http()
        api = b._timed(dashboard_http, 200)
        hwm_mb = b._vm_hwm_kb(worker_pid) / 1024
    finally:
        web.terminate()
        web.wait(timeout=20)
    # the API is cached per data version: the uncached computation, in-process
    inproc = b._timed(dashboard_api_payload, 20)
    loop = b._timed(lambda: b._loop_dashboard(unions), 3)
    print("   dashboard and loop measured", flush=True)
    period = period_containing(dt.date.today(), MONTHLY).previous()
    PayrollDeclaration.objects.filter(period=period.code).delete()
    cycle, first_s, second_s = b.dues_cycle_probe(unions, period)
    rels, size_mb = b._catalog()
    first_ms, mem_before, mem_after = b._fresh_connection_probe(
        [u.schema_name for u in unions[:100]]
    )
    print("   reconciling every union ...", flush=True)
    nightly_s = b._nightly(unions)
    connection.set_schema_to_public()
    rows += [
        (f"N={n:<5} catalog: pg_class rows / database size", f"{rels} / {size_mb:.0f} MB"),
        (f"N={n:<5} fresh connection: first query in a union schema", f"{first_ms:.1f} ms"),
        (
            f"N={n:<5} backend memory before / after 100 union schemas",
            f"{mem_before:.1f} / {mem_after:.1f} MB",
        ),
        (f"N={n:<5} nightly reconciliation (roll-ups + facts)", f"{nightly_s:.1f} s"),
        (f"N={n:<5} migrate_all (fast path) over {have} unions", f"{migrated_s:.1f} s"),
        (
            f"N={n:<5} generated (SQL clone + {b.M} members each)",
            f"{generate_s:.1f} s for {n - have} new unions",
        ),
        (
            f"N={n:<5} dashboard API (HTTP, cached) median / p95",
            f"{statistics.median(api):.1f} / {b._p95(api):.1f} ms  (200 requests)",
        ),
        (
            f"N={n:<5} dashboard computed in-process median / p95",
            f"{statistics.median(inproc):.1f} / {b._p95(inproc):.1f} ms  (20 runs)",
        ),
        (
            f"N={n:<5} loop over schemas in-process median",
            f"{statistics.median(loop):.1f} ms  (3 runs, members only)",
        ),
        (
            f"N={n:<5} roll-up speed-up over the loop (in-process)",
            f"{statistics.median(loop) / statistics.median(inproc):.1f}x",
        ),
        (
            f"N={n:<5} provisioning: clone / django-tenants clone / migrate",
            f"{statistics.median(clone_times):.3f} / {statistics.median(dt_times):.3f} / "
            f"{statistics.median(migrate_times):.3f} s per union",
        ),
        (
            f"N={n:<5} dues cycle first / second run",
            f"{first_s:.2f} / {second_s:.2f} s  ({cycle['notices_created']} notices)",
        ),
        (f"N={n:<5} web worker peak RSS", f"{hwm_mb:.0f} MB"),
    ]
    report(f"Scale: N={n} unions x {b.M} members (resumed; load {b._load()})", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
