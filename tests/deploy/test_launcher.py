"""``make bench`` runs every benchmark, or only the ones named (issue 16, item 3)."""

from federation.config.launcher import BENCH_DIR, bench_args


def test_bench_without_arguments_runs_the_whole_benchmarks_folder():
    assert BENCH_DIR in bench_args([])


def test_bench_with_a_file_runs_only_that_file():
    args = bench_args(["tests/benchmarks/test_bench_members.py"])

    assert BENCH_DIR not in args
    assert args[-1] == "tests/benchmarks/test_bench_members.py"


def test_bench_with_a_node_id_runs_only_that_test():
    node = "tests/benchmarks/test_bench_dues.py::test_bench_dues_cycle"

    assert BENCH_DIR not in bench_args([node])


def test_bench_with_options_only_still_runs_the_whole_folder():
    args = bench_args(["-k", "not scale"])

    assert BENCH_DIR in args
    assert args[-2:] == ["-k", "not scale"]


def test_the_embedded_server_runs_with_a_larger_lock_table(tmp_path, monkeypatch):
    # a fresh data directory: initdb and start at PostgreSQL's 64, then raised and restarted
    import psycopg

    from federation.config import launcher

    data = tmp_path / "d"
    monkeypatch.setattr(launcher, "DATA", data)
    monkeypatch.setattr(launcher, "_keep", [])
    launcher._embedded_postgres("gonglian")
    (server,) = launcher._keep
    try:
        with psycopg.connect(f"host={data / 'pg'} user=postgres dbname=gonglian") as conn:
            row = conn.execute("SHOW max_locks_per_transaction").fetchone()
        assert row == (str(launcher.EMBEDDED_MAX_LOCKS_PER_TRANSACTION),)
        assert launcher.EMBEDDED_MAX_LOCKS_PER_TRANSACTION == 256
    finally:
        server.cleanup()  # cleanup_mode "stop": stops the server


def test_the_embedded_server_is_not_restarted_under_another_process(tmp_path, monkeypatch):
    # another process holding the server (a running `make run`): the setting waits for the
    # next start rather than stopping the server under it
    import os

    import pgserver
    import psycopg

    from federation.config import launcher

    data = tmp_path / "d"
    data.mkdir()
    monkeypatch.setattr(launcher, "DATA", data)
    monkeypatch.setattr(launcher, "_keep", [])
    server = pgserver.get_server(data / "pg", cleanup_mode="stop")
    server.global_process_id_list.get_and_add(1)  # pid 1 stands for the other process
    try:
        launcher._embedded_postgres("gonglian")
        with psycopg.connect(f"host={data / 'pg'} user=postgres dbname=gonglian") as conn:
            row = conn.execute("SHOW max_locks_per_transaction").fetchone()
        assert row == ("64",)  # still the first start's
        auto = (data / "pg" / "postgresql.auto.conf").read_text(encoding="utf-8")
        assert "max_locks_per_transaction = '256'" in auto  # for the next start
        # this process still counts as a user of the server (the other's exit won't stop it)
        assert sorted(server.global_process_id_list.get()) == sorted([1, os.getpid()])
    finally:
        server.global_process_id_list.get_and_remove(1)
        server.cleanup()
