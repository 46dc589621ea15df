"""Locks of the finance app, in one global order: the year's books (closing), then a cap
of a year, then entry rows by primary key. Advisory locks are per schema name, so two
unions never wait for each other."""

from __future__ import annotations

from django.db import connection

from workplaces.finance.models import Entry


def _advisory(name: str) -> None:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))",
            [f"{getattr(connection, 'schema_name', 'public')}:{name}"],
        )


def lock_year(year: int) -> None:
    _advisory(f"finance.year.{year}")


def lock_cap(code: str, year: int) -> None:
    _advisory(f"finance.cap.{code}.{year}")


def lock_entry(pk: int) -> Entry:
    return Entry.objects.select_for_update().get(pk=pk)


def lock_dues_collection() -> None:
    _advisory("finance.dues_collection")
