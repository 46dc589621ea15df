"""Benchmarks run only under `make bench` (GONGLIAN_BENCH=1); they print figures and
never assert timings."""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("GONGLIAN_BENCH") == "1":
        return
    skip = pytest.mark.skip(reason="benchmark: run with `make bench`")
    for item in items:
        if "benchmarks" in str(item.fspath):
            item.add_marker(skip)


def report(title: str, rows: list[tuple[str, str]]) -> None:
    """Print a small table of figures, side by side."""
    width = max(len(k) for k, _ in rows)
    print(f"\n== {title}")
    for key, value in rows:
        print(f"   {key.ljust(width)}  {value}")
