"""One new tenant migration (a column, an index and a constraint) over N unions:
django-tenants' standard executor, its multiprocessing executor, and our fast path
(``migrate_all``: plan once on the template, replay the SQL per schema), side by side.

BENCH_MIGRATE=100,1000 sets the sizes (default 100); BENCH_MIGRATE_EXECUTORS=fast limits
the executors (standard, multiprocessing, fast).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tenants.cloning import schema_structure
from tests.benchmarks.conftest import report
from tests.benchmarks.test_bench_scale import _provision
from tests.live import _test_database_url

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = ROOT / "tests" / "fastmigrate_app" / "migrations"


def _sizes() -> list[int]:
    return [int(x) for x in os.environ.get("BENCH_MIGRATE", "100").split(",") if x]


def _write_migration(name: str, after: str, column: str) -> Path:
    path = MIGRATIONS / f"{name}.py"
    path.write_text(
        "from django.db import migrations, models\n\n\n"
        "class Migration(migrations.Migration):\n"
        f'    dependencies = [("fastmigrate_app", "{after}")]\n'
        "    operations = [\n"
        f'        migrations.AddField("probe", "{column}", models.IntegerField(default=0)),\n'
        f'        migrations.AddIndex("probe", models.Index(fields=["{column}"], name="probe_{column}")),\n'
        '        migrations.AddConstraint("probe", models.CheckConstraint(\n'
        f'            condition=models.Q({column}__gte=0), name="probe_{column}_gte_0")),\n'
        "    ]\n",
        encoding="utf-8",
    )
    return path


def _run(args: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - t


@pytest.mark.django_db(transaction=True)
def test_bench_migrate(live_township):
    env = dict(os.environ, DATABASE_URL=_test_database_url(), GONGLIAN_TEST_APPS="1")
    env.pop("TEST_DATABASE_NAME", None)
    wanted = os.environ.get("BENCH_MIGRATE_EXECUTORS", "standard,multiprocessing,fast").split(",")
    rows: list[tuple[str, str]] = []
    written: list[Path] = []
    made = 0
    leaf = "0003_data"
    try:
        for n in _sizes():
            t0 = time.perf_counter()
            while made < n:
                _provision(10_000 + made)
                made += 1
            rows.append((f"N={n:<5} unions made", f"{time.perf_counter() - t0:.1f} s"))
            for executor in wanted:
                name = f"9{len(written) + 1:03d}_bench_{executor[:5]}_{n}"
                written.append(_write_migration(name, leaf, f"c{len(written) + 1}"))
                leaf = name
                if executor == "fast":
                    seconds = _run(["migrate_all", "-v", "0"], env)
                else:
                    _run(
                        ["migrate_schemas", "--schema", settings.TENANT_BASE_SCHEMA, "-v", "0"], env
                    )
                    seconds = _run(
                        ["migrate_schemas", "--tenant", "--executor", executor, "-v", "0"], env
                    )
                rows.append((f"N={n:<5} {executor}", f"{seconds:.1f} s"))
            connection.set_schema_to_public()
            template = schema_structure(settings.TENANT_BASE_SCHEMA)
            with connection.cursor() as cur:
                cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'u\\_scale\\_%%'")
                schemas = [r[0] for r in cur.fetchall()]
            equal = sum(schema_structure(s) == template for s in schemas)
            rows.append((f"N={n:<5} schemas equal to the template", f"{equal} of {len(schemas)}"))
            assert equal == len(schemas)
    finally:
        connection.set_schema_to_public()
        with connection.cursor() as cur:
            cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'u\\_scale\\_%%'")
            for (schema,) in cur.fetchall():
                cur.execute(f'DROP SCHEMA "{schema}" CASCADE')
            cur.execute("DELETE FROM tenants_union WHERE slug LIKE 'scale-%%'")
        for path in written:
            path.unlink(missing_ok=True)
    report(f"Migrate one new tenant migration over N unions (cores: {os.cpu_count()})", rows)
