"""The layers of ARCHITECTURE.md hold: config -> features -> rule table -> platform ->
tenancy, checked by import-linter over the real import graph (function-level imports
included), with the contract in pyproject.toml."""

import ast
import re
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


def test_digits_are_checked_with_isdecimal_the_test_int_keeps():
    """``str.isdigit()`` is true for "²" and "①", which ``int()`` refuses: a parameter checked
    by the one and read by the other answered 500. ``isdecimal()`` is exactly what ``int()``
    reads."""
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("federation", "tenants", "workplaces", "tasks")
        for path in (ROOT / package).rglob("*.py")
        if ".isdigit()" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_typed_dates_come_through_the_bounded_fields_not_drfs_or_djangos_own():
    # federation/platform/api_fields.py and form_fields.py: DRF's and Django's fields take
    # years 1 to 9999
    drf_own = re.compile(r"\b(serializers|forms)\.Date(Time)?Field\(")
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("federation", "tenants", "workplaces")
        for path in (ROOT / package).rglob("*.py")
        if drf_own.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


_DOOR = re.compile(r"(^|/)(api|views?|pages|tasks|urls|admin)([_/.]|$)|/management/commands/")


def _durable_services() -> set[str]:
    """The names of the functions under ``@transaction.atomic(durable=True)``."""
    found = set()
    for package in ("federation", "tenants", "workplaces", "tasks"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef) and any(
                    isinstance(d, ast.Call)
                    and ast.unparse(d.func) == "transaction.atomic"
                    and any(k.arg == "durable" for k in d.keywords)
                    for d in node.decorator_list
                ):
                    found.add(node.name)
    return found


def test_a_durable_service_is_called_only_from_doors():
    """A durable transaction refuses to nest: a service another service, a demo seed or a
    migration calls must stay plain ``@transaction.atomic`` (ARCHITECTURE.md)."""
    durable = _durable_services()
    offenders = []
    for package in ("federation", "tenants", "workplaces", "tasks"):
        for path in (ROOT / package).rglob("*.py"):
            where = str(path.relative_to(ROOT))
            if _DOOR.search(where):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                    if name in durable:
                        offenders.append(f"{where}:{node.lineno} calls {name}")
    assert offenders == []


def _handles_only_duplicates(handler: ast.ExceptHandler) -> bool:
    first = handler.body[0]
    calls_guard = (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Call)
        and ast.unparse(first.value.func) == "duplicate_only"
    )
    reraises = any(isinstance(n, ast.Raise) and n.exc is None for n in ast.walk(handler))
    return calls_guard or reraises


def test_a_service_turns_only_duplicates_into_conflicts():
    """``except IntegrityError`` starts with ``duplicate_only(exc)`` (or re-raises): a NOT
    NULL or check violation must never read as "exists already" (ARCHITECTURE.md)."""
    offenders = []
    for package in ("federation", "tenants", "workplaces", "tasks"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.ExceptHandler)
                    and node.type is not None
                    and "IntegrityError" in ast.unparse(node.type)
                    and not _handles_only_duplicates(node)
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
