"""The layers of ARCHITECTURE.md hold: config -> features -> rule table -> platform ->
tenancy, checked by import-linter over the real import graph (function-level imports
included), with the contract in pyproject.toml."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_layers_of_architecture_md_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-logo", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:]


def test_no_import_error_guard_between_our_own_apps():
    offenders = []
    for package in ("federation", "tenants", "workplaces", "tasks"):
        for path in (ROOT / package).rglob("*.py"):
            if "except ImportError" in path.read_text(encoding="utf-8"):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
