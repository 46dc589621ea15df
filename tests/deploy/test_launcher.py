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
