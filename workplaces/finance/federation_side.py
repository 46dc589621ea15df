"""What the federation sees of the unions' own money: the fact ``finance.by_year`` pushed
from inside each union, report prefill sources and staff-home evidence reading it, the
per-union beat job that books returned funds (回拨)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants import facts


def _by_year(union, year: str | None = None) -> dict[str, Any] | None:
    value = facts.fact_value(union=union, key="finance.by_year")
    if value is None:
        return None
    return value.get(year or str(timezone.localdate().year), {"income": {}, "expense": {}})


def _total(part: dict[str, str]) -> str:
    return f"{sum((Decimal(v) for v in part.values()), Decimal('0.00')):.2f}"


def _source(kind: str, code: str | None = None):
    def read(union) -> str | None:
        year = _by_year(union)
        if year is None:
            return None
        part = year.get(kind, {})
        return part.get(code, "0.00") if code else _total(part)

    return read


def _register_sources() -> None:
    from federation.reports import sources
    from workplaces.finance.rule_table import EXPENSE_CATEGORIES, INCOME_CATEGORIES

    sources.register("finance.income", gettext_lazy("Union income this year"), _source("income"))
    sources.register(
        "finance.expense", gettext_lazy("Union spending this year"), _source("expense")
    )
    for kind, cats in (("income", INCOME_CATEGORIES), ("expense", EXPENSE_CATEGORIES)):
        for cat in cats:
            sources.register(
                f"finance.{kind}.{cat['code']}", cat["name"], _source(kind, cat["code"])
            )


def _register_checks() -> None:
    from federation.homes.checks import FAIL, NO_DATA, PASS, CheckResult, auto_check

    @auto_check("finance_books", gettext_lazy("Union funds kept in the books this year"))
    def auto_finance_books(*, union, on: dt.date) -> CheckResult:
        year = _by_year(union, str(on.year))
        if year is None:
            return CheckResult(NO_DATA, _("No finance records in the app yet."))
        income, expense = _total(year.get("income", {})), _total(year.get("expense", {}))
        has_books = bool(year.get("income") or year.get("expense"))
        return CheckResult(
            PASS if has_books else FAIL,
            _("Income %(i)s CNY, spending %(e)s CNY this year (approved entries).")
            % {"i": income, "e": expense},
            f"{income}/{expense}",
        )


def _register_jobs() -> None:
    from tasks.schedule import jobs_register

    jobs_register(
        "Book returned union funds (daily)",
        "finance.returns_dispatch",
        {"minute": "20", "hour": "3"},
        "One task per union: book the workplace share of each new dues payment as income.",
    )


def _register_demo() -> None:
    from tenants.demo import DEMO_HOOKS
    from workplaces.finance.demo import demo_finance_seed

    demo_finance_seed.demo_order = 70  # type: ignore[attr-defined]
    if demo_finance_seed not in DEMO_HOOKS:
        DEMO_HOOKS.append(demo_finance_seed)


def register_all() -> None:
    from workplaces.finance import selectors

    facts.register("finance.by_year", selectors.by_year)
    _register_sources()
    _register_checks()
    _register_jobs()
    _register_demo()
