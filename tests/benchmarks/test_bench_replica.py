"""A real streaming replica on one machine: a second PostgreSQL (the pgserver binaries)
built with pg_basebackup from a primary on loopback, and the dashboard's reads served
from it with the router on (REPLICA_DATABASE_URL)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.conftest import report

ROOT = Path(__file__).resolve().parents[2]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_pg_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "pgserver", "--", *cmd] if os.geteuid() == 0 else cmd


def _wait(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"PostgreSQL did not start on {port}")


PROBE = r"""
import json, time
from django.db import connections
from federation.platform.db import federation_reads
from federation.dashboard.selectors import dashboard_api_payload
from tenants.models import UnionRollup
from django.test.utils import CaptureQueriesContext
# write on the primary, then read the dashboard through the router
UnionRollup.objects.filter(union__slug="hongxing").update(members_active=4321)
time.sleep(1.0)
with CaptureQueriesContext(connections["replica"]) as rep, CaptureQueriesContext(connections["default"]) as pri:
    with federation_reads():
        payload = dashboard_api_payload()
with connections["replica"].cursor() as c:
    c.execute("SELECT pg_is_in_recovery()")
    in_recovery = c.fetchone()[0]
t = time.perf_counter()
for _ in range(50):
    with federation_reads():
        dashboard_api_payload()
per = (time.perf_counter() - t) / 50 * 1000
print(json.dumps({"members": payload["members"], "replica_queries": len([q for q in rep.captured_queries if not q["sql"].startswith("SET")]),
                  "primary_queries": len([q for q in pri.captured_queries if not q["sql"].startswith("SET")]),
                  "replica_in_recovery": in_recovery, "ms_per_dashboard": round(per, 1)}))
"""


def test_bench_dashboard_reads_from_a_streaming_replica():
    import pgserver  # noqa: F401 - its binaries

    bindir = Path(pgserver.__file__).parent / "pginstall" / "bin"
    if os.geteuid() == 0:
        from pgserver.utils import ensure_user_exists

        ensure_user_exists("pgserver")
    work = Path(tempfile.mkdtemp(prefix="replica-", dir="/tmp"))
    os.chmod(work, 0o777)
    primary, replica = work / "primary", work / "replica"
    p1, p2 = _port(), _port()
    procs = []
    try:
        subprocess.run(
            _as_pg_user(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(primary),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "utf8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        with open(primary / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nport={p1}\nlisten_addresses='127.0.0.1'\nunix_socket_directories='{work}'\n"
                "wal_level=replica\nmax_wal_senders=4\nhot_standby=on\n"
            )
        with open(primary / "pg_hba.conf", "a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 trust\n")
        procs.append(
            subprocess.Popen(
                _as_pg_user([str(bindir / "postgres"), "-D", str(primary)]),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        _wait(p1)
        subprocess.run(
            _as_pg_user(
                [
                    str(bindir / "pg_basebackup"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(p1),
                    "-U",
                    "postgres",
                    "-D",
                    str(replica),
                    "-R",
                    "-X",
                    "stream",
                ]
            ),
            check=True,
            capture_output=True,
        )
        with open(replica / "postgresql.conf", "a") as conf:
            conf.write(f"\nport={p2}\n")
        procs.append(
            subprocess.Popen(
                _as_pg_user([str(bindir / "postgres"), "-D", str(replica)]),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        _wait(p2)
        env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_NAME",)}
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{p1}/postgres"
        env["REPLICA_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{p2}/postgres"
        manage = [sys.executable, "manage.py"]
        t = time.perf_counter()
        subprocess.run(
            [*manage, "migrate_all", "-v", "0"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
        setup_s = time.perf_counter() - t
        out = (
            subprocess.run(
                [*manage, "shell", "-c", PROBE],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        result = json.loads(out)
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)
    report(
        "Streaming replica on loopback (primary + hot standby from pg_basebackup)",
        [
            ("primary / replica ports", f"{p1} / {p2}"),
            ("migrate + seed on the primary", f"{setup_s:.1f} s"),
            ("replica is in recovery (a standby)", str(result["replica_in_recovery"])),
            (
                "dashboard queries on the replica / primary",
                f"{result['replica_queries']} / {result['primary_queries']}",
            ),
            ("members seen on the replica after a primary write", str(result["members"])),
            ("dashboard from the replica, per call", f"{result['ms_per_dashboard']} ms"),
        ],
    )
    assert result["replica_in_recovery"] is True
    assert result["replica_queries"] > 0
    assert result["primary_queries"] == 0
    assert result["members"] >= 4321
