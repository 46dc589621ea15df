"""The scale benchmark: N unions with M members each, N = 100, 1,000, 3,000 (and 10,000
with BENCH_SCALE=100,1000,3000,10000: most of an hour on 2 cores).

For each N it prints, side by side:
1. the dashboard API over real HTTP (gunicorn, one worker): median and p95 ms, beside the
   same numbers computed by looping ``schema_context`` over every union;
2. provisioning a union: clone against migrations (s per union);
3. the dues cycle for the N unions (first run, second run);
4. peak RSS of the web worker during the dashboard run;
5. the catalog (pg_class rows, database size), a fresh backend's first query in a union
   schema and its memory after touching 100 union schemas (relcache growth), and the
   nightly reconciliation (member roll-ups and union facts) over all N unions.
6. ``make backup`` after the reconciliation, at each N up to BENCH_SCALE_BACKUP (default
   1000; ``all`` or ``0``): duration, size, dump files, ok or the error. Each dump file's
   pg_dump first reads the whole catalog, and with default server settings a file holds ~14
   unions, so the backup grows with N squared (projected ~10 min at 1,000, hours at 3,000).
   Restore into a fresh database + verify only with BENCH_SCALE_RESTORE=1 (~1.5 s per
   union measured at 150). BENCH_SCALE_OLD_BACKUP=1 also runs
   main's old backup dump (one pg_dump of the whole database) beside it: on a server with
   default settings it fills the shared lock table until it fails, which makes other
   sessions of the server fail too, so only on a server of your own.
With BENCH_SCALE_MIGRATE=1, at the largest N, ``migrate_schemas`` for every union with one
new no-op tenant migration, default executor against multiprocessing (test_bench_migrate
compares both with the fast path). BENCH_SCALE_EXECUTORS=multiprocessing runs only that.

Past N = 3,000 (or with BENCH_SCALE_KEEP=1) the unions are left to the test database's drop
at the end of the session, not dropped one by one (BENCH_SCALE_DROP=1 drops them anyway).
"""

import datetime as dt
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django_tenants.utils import schema_context

from tests.benchmarks.conftest import report
from tests.factories import id_number
from tests.live import _test_database_url, township_abandon

ROOT = Path(__file__).resolve().parents[2]
M = 100
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _sizes() -> list[int]:
    return [int(x) for x in os.environ.get("BENCH_SCALE", "100,1000,3000").split(",") if x]


def _provision(i: int) -> "object":
    """A union for the benchmark, made the fast way: the template's structure cloned in SQL
    and its migration records copied (what ``migrate --fake`` would write)."""
    from django.conf import settings

    from tenants.cloning import schema_clone
    from tenants.models import Union

    u = Union(
        slug=f"scale-{i:04d}",
        schema_name=f"u_scale_{i:04d}",
        name=f"规模测试工会 {i:04d}",
        kind="enterprise",
        employee_count=110,
        status="active",
        ready=True,
    )
    u.save()
    assert schema_clone(source=settings.TENANT_BASE_SCHEMA, target=u.schema_name)
    with connection.cursor() as cur:
        cur.execute(
            f'INSERT INTO "{u.schema_name}".django_migrations (app, name, applied) '
            f'SELECT app, name, now() FROM "{settings.TENANT_BASE_SCHEMA}".django_migrations'
        )
    return u


def _generate(start: int, stop: int) -> list:
    """Unions ``start``..``stop - 1`` with their members, on BENCH_SCALE_JOBS connections at
    once (default: the number of cores; the work is the server's, so threads fill the cores),
    printing progress every 250 unions. Returns them in order."""
    import threading

    from django.db import connections

    jobs = int(os.environ.get("BENCH_SCALE_JOBS", str(os.cpu_count() or 1)))
    made: dict[int, object] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()
    t = time.perf_counter()

    def work(first: int) -> None:
        try:
            for i in range(first, stop, jobs):
                if errors:
                    return
                u = _provision(i)
                _fill_members(u, random.Random(i))
                with lock:
                    made[i] = u
                    done = len(made)
                if done % 250 == 0:
                    print(
                        f"   ... {start + done} unions, {done / (time.perf_counter() - t):.1f} "
                        f"unions/s ({jobs} connections), load {_load()}",
                        flush=True,
                    )
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(start + k,)) for k in range(jobs)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    if errors:
        raise errors[0]
    return [made[i] for i in range(start, stop)]


def provisioning_samples(n: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds to provision one union with ``n`` unions there, three samples each: our
    clone (``union_schema_create``), django-tenants' clone with a fake migrate, and every
    migration run (one sample of django-tenants' clone past 3,000: minutes each)."""
    from tenants.cloning import union_schema_create
    from tenants.models import Union

    out: dict[str, list[float]] = {"ours": [], "dt": [], "migrate": []}
    for mode, times in out.items():
        samples = 1 if mode == "dt" and n > 3000 else 3
        with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=mode != "migrate"):
            for j in range(samples):
                u = Union(
                    slug=f"scale-p{mode}-{n}-{j}",
                    schema_name=f"u_scale_p{mode}_{n}_{j}",
                    name="p",
                    kind="other",
                    status="inactive",
                )
                u.save()
                t = time.perf_counter()
                union_schema_create(u) if mode == "ours" else u.create_schema(verbosity=0)
                times.append(time.perf_counter() - t)
                print(f"   provisioning {mode}: {times[-1]:.2f} s", flush=True)
    return out["ours"], out["dt"], out["migrate"]


def _fill_members(union, rng: random.Random) -> None:
    from workplaces.members.models import Member
    from workplaces.members.services import rollup_refresh

    rows = []
    for k in range(M):
        gender = "F" if k % 5 < 2 else "M"
        rows.append(
            Member(
                name=rng.choice(SURNAMES) + "测" + chr(0x4E00 + k),
                gender=gender,
                id_number=id_number(
                    birth=f"19{70 + k % 30}0{1 + k % 9}1{k % 9}",
                    gender=gender,
                    seq=k % 50,
                    # unique across unions up to 10,000 (the index refuses a second membership)
                    region=f"{11 + k // 50 + 2 * (union.pk // 10000)}{union.pk % 10000:04d}",
                ),
                birth_date=dt.date(1970 + k % 30, 1 + k % 9, 10 + k % 9),
                phone="",
                employment="migrant" if k % 4 == 0 else "regular",
                monthly_wage=Decimal(3000 + 37 * k),
                joined_on=dt.date(2020, 1, 1),
                member_no=f"M{union.pk:05d}{k:04d}",
                status="active",
            )
        )
    with schema_context(union.schema_name):
        Member.objects.bulk_create(rows)
        rollup_refresh(union=union)


def _loop_dashboard(unions) -> dict:
    """The same member totals by entering every union's schema: what a roll-up avoids."""
    from django.db.models import Count, Q

    from workplaces.members.models import Member

    totals = {"active": 0, "women": 0, "migrant": 0}
    for u in unions:
        with schema_context(u.schema_name):
            c = Member.objects.filter(status="active").aggregate(
                active=Count("id"),
                women=Count("id", filter=Q(gender="F")),
                migrant=Count("id", filter=Q(employment="migrant")),
            )
        for k in totals:
            totals[k] += c[k]
    return totals


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dues_cycle_probe(unions: list, period) -> tuple[dict, float, float]:
    """Every union declares its payroll for ``period``; the dues cycle runs twice (the second
    finds every notice made): the first run's answer and the seconds of each run."""
    from federation.dues.models import PayrollDeclaration
    from federation.dues.services import dues_cycle_run

    PayrollDeclaration.objects.bulk_create(
        [
            PayrollDeclaration(
                union=u,
                period=period.code,
                period_start=period.start,
                payroll_total=Decimal("250000.00") + u.pk,
                headcount=110,
            )
            for u in unions
        ]
    )
    t = time.perf_counter()
    first = dues_cycle_run(period=period.code)
    t1 = time.perf_counter()
    dues_cycle_run(period=period.code)
    return first, t1 - t, time.perf_counter() - t1


def dashboard_server(env: dict) -> tuple[subprocess.Popen, Callable[[], bytes], int]:
    """A one-worker gunicorn on ``env``'s database, a function asking it for the federation
    dashboard API with the federation admin's token, and its worker's pid (for its memory).
    The caller terminates it."""
    import psutil
    from django.contrib.auth import get_user_model

    from federation.platform.accounts.tokens import token_issue

    token = token_issue(user=get_user_model().objects.get(username="federation_admin"))[1]
    port = _free_port()
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "federation.config.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)

    def dashboard_http() -> bytes:
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/dashboard/",
            headers={"Host": "localhost", "Authorization": f"Token {token}"},
        )
        with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310 - loopback
            assert resp.status == 200
            return resp.read()

    return web, dashboard_http, psutil.Process(web.pid).children()[0].pid


def _timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(len(xs) * 0.95) - 1)]


def _vm_hwm_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _catalog() -> tuple[int, float]:
    """Rows in pg_class, and the database size on disk in MB."""
    with connection.cursor() as cur:
        cur.execute("SELECT count(*), pg_database_size(current_database()) FROM pg_class")
        rels, size = cur.fetchone()
    return rels, size / 1024 / 1024


def _fresh_connection_probe(schemas: list[str]) -> tuple[float, float, float]:
    """A new backend: ms to connect and answer its first query in a union schema, then its
    cache memory (MB) before and after touching ``schemas`` (the relcache grows per table)."""
    import psycopg

    params = dict(connection.get_connection_params())
    for key in ("cursor_factory", "context", "prepare_threshold", "server_side_binding"):
        params.pop(key, None)
    t = time.perf_counter()
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schemas[0]}", public')
        conn.execute("SELECT count(*) FROM members_member").fetchone()
        first_ms = (time.perf_counter() - t) * 1000
        mem = "SELECT coalesce(sum(total_bytes), 0) FROM pg_backend_memory_contexts"
        before = conn.execute(mem).fetchone()[0] / 1024 / 1024
        for schema in schemas:
            conn.execute(f'SET search_path TO "{schema}", public')
            conn.execute("SELECT count(*) FROM members_member WHERE status = 'active'").fetchone()
            conn.execute("SELECT count(*) FROM auth_user").fetchone()
        after = conn.execute(mem).fetchone()[0] / 1024 / 1024
    return first_ms, before, after


def _nightly(unions) -> float:
    """The nightly reconciliation's per-union work for every union, in-process (s)."""
    from tasks.tasks import facts_union
    from workplaces.members.tasks import rollup_union

    t = time.perf_counter()
    for u in unions:
        rollup_union(u.schema_name)
        facts_union(u.schema_name)
    return time.perf_counter() - t


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _first_line(exc: BaseException) -> str:
    """The message's first line, and the server's ERROR line when that is further down."""
    lines = str(exc).strip().splitlines() or [type(exc).__name__]
    error = next((line for line in lines if "ERROR" in line), "")
    return lines[0][:200] + (f" | {error.strip()[:200]}" if error and error != lines[0] else "")


def _backup_probe(n: int) -> list[tuple[str, str]]:
    """``make backup`` of the whole database at N unions (the product's path, the server's
    own lock budget), then with BENCH_SCALE_RESTORE=1 a restore into a fresh database and
    the verification of every table; with BENCH_SCALE_OLD_BACKUP=1 first the old way."""
    from federation.config.backup import _connect, _dsn, _env, backup, pg_tools, restore

    url = _test_database_url()
    tmp = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    rows: list[tuple[str, str]] = []
    try:
        if os.environ.get("BENCH_SCALE_OLD_BACKUP") == "1":
            # main's backup before the batches: one pg_dump of everything in one snapshot
            params = _dsn(url)
            t = time.perf_counter()
            with _connect(params, autocommit=False) as exporter:
                exporter.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                snap = exporter.execute("SELECT pg_export_snapshot()").fetchone()[0]
                proc = subprocess.run(
                    [pg_tools(params)[0], "--format=custom", "--snapshot", snap]
                    + ["--file", str(tmp / "database.dump")],
                    env=_env(params),
                    capture_output=True,
                    text=True,
                    timeout=7200,
                )
            took = time.perf_counter() - t
            outcome = (
                f"ok, {(tmp / 'database.dump').stat().st_size / 1024 / 1024:.0f} MB"
                if proc.returncode == 0
                else "FAILED: " + _first_line(RuntimeError(proc.stderr))
            )
            rows.append(
                (
                    f"N={n:<5} old backup: one pg_dump of the whole database",
                    f"{took:.1f} s, {outcome}  (load {_load()})",
                )
            )
            (tmp / "database.dump").unlink(missing_ok=True)
        t = time.perf_counter()
        try:
            target = backup(database_url=url, media_root=tmp / "media", out_dir=tmp / "out")
        except Exception as exc:  # noqa: BLE001 - the figure is the outcome
            rows.append(
                (
                    f"N={n:<5} backup: duration / size / dump files",
                    f"FAILED after {time.perf_counter() - t:.1f} s: {_first_line(exc)}  "
                    f"(load {_load()})",
                )
            )
            return rows
        took = time.perf_counter() - t
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
        size = sum(f.stat().st_size for f in target.iterdir()) / 1024 / 1024
        rows.append(
            (
                f"N={n:<5} backup: duration / size / dump files",
                f"{took:.1f} s / {size:.0f} MB / {len(manifest['dumps'])} files, ok  "
                f"(lock budget {manifest['lock_budget']}, {len(manifest['tables'])} tables; "
                f"load {_load()})",
            )
        )
        if os.environ.get("BENCH_SCALE_RESTORE") == "1":
            import psycopg

            name = f"{connection.settings_dict['NAME']}_bench_restore"
            fresh = url.rsplit("/", 1)[0] + "/" + name
            t = time.perf_counter()
            try:
                result = restore(
                    backup_dir=target, database_url=fresh, media_root=tmp / "m", replace=True
                )
                outcome = (
                    "ok, every table equal"
                    if result["ok"]
                    else f"DIFFERS: {len(result['differing'])} tables"
                )
            except Exception as exc:  # noqa: BLE001 - the figure is the outcome
                outcome = f"FAILED: {_first_line(exc)}"
            rows.append(
                (
                    f"N={n:<5} restore + verify into a fresh database",
                    f"{time.perf_counter() - t:.1f} s, {outcome}  (load {_load()})",
                )
            )
            with _connect(_dsn(url, "postgres"), autocommit=True) as conn:
                conn.execute(
                    psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        psycopg.sql.Identifier(name)
                    )
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def _noop_migration(name: str, after: str | None) -> Path:
    path = ROOT / "workplaces" / "home" / "migrations" / f"{name}.py"
    deps = f'[("home", "{after}")]' if after else "[]"
    path.write_text(
        "from django.db import migrations\n\n\n"
        f"class Migration(migrations.Migration):\n    dependencies = {deps}\n"
        '    operations = [migrations.RunSQL("SELECT 1", migrations.RunSQL.noop)]\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.django_db(transaction=True)
def test_bench_scale(live_township):

    from federation.dues.periods import MONTHLY, period_containing

    env = dict(os.environ, DATABASE_URL=_test_database_url())
    env.pop("TEST_DATABASE_NAME", None)
    web, dashboard_http, worker_pid = dashboard_server(env)
    unions: list = []
    rows: list[tuple[str, str]] = []
    migrations_written: list[Path] = []
    try:
        period = period_containing(dt.date.today(), MONTHLY)
        for n in _sizes():
            t0 = time.perf_counter()
            new = max(0, n - len(unions))
            unions.extend(_generate(len(unions), n))
            generate_s = time.perf_counter() - t0
            # the product's own provisioning paths on a sample, with N unions already there
            clone_times, dt_times, migrate_times = provisioning_samples(n)
            dashboard_http()  # warm
            api = _timed(dashboard_http, 200)
            from federation.dashboard.selectors import dashboard_api_payload

            inproc = _timed(dashboard_api_payload, 50)
            loop_runs = 5 if n >= 1000 else 20
            loop = _timed(lambda: _loop_dashboard(unions), loop_runs)
            hwm_mb = _vm_hwm_kb(worker_pid) / 1024
            period = period.previous()
            first, first_s, second_s = dues_cycle_probe(unions, period)
            rels, size_mb = _catalog()
            first_ms, mem_before, mem_after = _fresh_connection_probe(
                [u.schema_name for u in unions[:100]]
            )
            nightly_s = _nightly(unions)
            backup_upto = os.environ.get("BENCH_SCALE_BACKUP", "1000")
            if backup_upto == "all" or n <= int(backup_upto):
                backup_rows = _backup_probe(n)
            else:
                backup_rows = [
                    (
                        f"N={n:<5} backup",
                        f"not run above N={backup_upto} (BENCH_SCALE_BACKUP=all runs it)",
                    )
                ]
            rows_n = [
                (f"N={n:<5} catalog: pg_class rows / database size", f"{rels} / {size_mb:.0f} MB"),
                (
                    f"N={n:<5} fresh connection: first query in a union schema",
                    f"{first_ms:.1f} ms",
                ),
                (
                    f"N={n:<5} backend memory before / after 100 union schemas",
                    f"{mem_before:.1f} / {mem_after:.1f} MB",
                ),
                (f"N={n:<5} nightly reconciliation (roll-ups + facts)", f"{nightly_s:.1f} s"),
                *backup_rows,
                (
                    f"N={n:<5} generated (SQL clone + {M} members each)",
                    f"{generate_s:.1f} s for {new} new unions",
                ),
                (
                    f"N={n:<5} dashboard API (HTTP) median / p95",
                    f"{statistics.median(api):.1f} / {_p95(api):.1f} ms  (200 requests)",
                ),
                (
                    f"N={n:<5} dashboard selector in-process median / p95",
                    f"{statistics.median(inproc):.1f} / {_p95(inproc):.1f} ms",
                ),
                (
                    f"N={n:<5} loop over schemas in-process median / p95",
                    f"{statistics.median(loop):.1f} / {_p95(loop):.1f} ms  ({loop_runs} runs, members only)",
                ),
                (
                    f"N={n:<5} roll-up speed-up over the loop (in-process)",
                    f"{statistics.median(loop) / statistics.median(inproc):.1f}x",
                ),
                (
                    f"N={n:<5} provisioning: clone / django-tenants clone / migrate",
                    f"{statistics.median(clone_times):.3f} / {statistics.median(dt_times):.3f} / {statistics.median(migrate_times):.3f} s per union",
                ),
                (
                    f"N={n:<5} dues cycle first / second run",
                    f"{first_s:.2f} / {second_s:.2f} s  ({first['notices_created']} notices)",
                ),
                (f"N={n:<5} web worker peak RSS", f"{hwm_mb:.0f} MB"),
            ]
            # printed as soon as measured: a run at 10,000 takes hours
            report(f"Scale: N={n} unions x {M} members (load {_load()})", rows_n)
            rows += rows_n
        # migrate_schemas for every union with one new no-op migration: default vs multiprocessing
        from django.db.migrations.loader import MigrationLoader

        leaf = max(
            (
                k[1]
                for k in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
                if k[0] == "home"
            ),
            default=None,
        )
        executors = (("standard", "9901_bench_noop_a"), ("multiprocessing", "9902_bench_noop_b"))
        if os.environ.get("BENCH_SCALE_MIGRATE", "0") == "0":
            executors = ()
        elif os.environ.get("BENCH_SCALE_EXECUTORS"):
            wanted = os.environ["BENCH_SCALE_EXECUTORS"].split(",")
            executors = tuple(e for e in executors if e[0] in wanted)
        for executor, name in executors:
            migrations_written.append(_noop_migration(name, leaf))
            leaf = name
            t = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "migrate_schemas",
                    "--tenant",
                    "--executor",
                    executor,
                    "-v",
                    "0",
                ],
                cwd=ROOT,
                env=env,
                check=True,
            )
            rows.append(
                (
                    f"migrate_schemas, {len(unions)} unions, {executor}",
                    f"{time.perf_counter() - t:.1f} s",
                )
            )
    finally:
        web.terminate()
        web.wait(timeout=20)
        for path in migrations_written:
            path.unlink(missing_ok=True)
        connection.set_schema_to_public()
        keep = max(_sizes(), default=0) > 3000 or os.environ.get("BENCH_SCALE_KEEP") == "1"
        if not keep or os.environ.get("BENCH_SCALE_DROP") == "1":
            with connection.cursor() as cur:
                cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'u\\_scale\\_%%'")
                for (schema,) in cur.fetchall():
                    cur.execute(f'DROP SCHEMA "{schema}" CASCADE')
        else:
            # one schema at a time would take most of an hour; the test database goes with
            # the session (pytest-django drops it), and so does the township's restore
            township_abandon()
            print("   union schemas left to the test database's drop at the end of the session")
    report(f"Scale: N unions x {M} members (cores: {os.cpu_count()})", rows)
    assert unions
