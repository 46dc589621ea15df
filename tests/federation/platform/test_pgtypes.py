"""timestamptz values are read through psycopg's C parser (federation/platform/pgtypes.py)
and come back exactly as Django's own loader gives them."""

import datetime as dt

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import BaseTzLoader
from psycopg.pq import Format

from federation.platform.pgtypes import TIMESTAMPTZ_OID, FastTzLoader

TEXTS = [
    "2026-12-07 21:00:00.123456+00",
    "2026-12-08 05:00:00+08",
    "1901-01-01 00:00:00+00",
    "1969-12-31 23:59:59.999999-05:30",
    "2199-12-31 23:59:59+14",
    "2024-02-29 12:00:00.5+00",
]


def _django_loader():
    class Loader(BaseTzLoader):
        timezone = connection.timezone

    return Loader


@pytest.mark.django_db
def test_a_connection_reads_timestamptz_with_the_fast_loader():
    connection.ensure_connection()
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    assert issubclass(loader, FastTzLoader)
    assert loader.timezone == connection.timezone == dt.UTC


@pytest.mark.django_db
@pytest.mark.parametrize("text", TEXTS)
def test_a_value_comes_back_as_djangos_loader_gives_it(text):
    with connection.cursor() as cur:
        cur.execute("SELECT %s::timestamptz", [text])
        [[ours]] = cur.fetchall()
        raw = cur.cursor.connection.execute("SELECT %s::timestamptz::text", [text]).fetchone()[0]
    django = _django_loader()(TIMESTAMPTZ_OID, cur.cursor.connection).load(raw.encode())
    assert ours == django
    assert ours.tzinfo is django.tzinfo is dt.UTC
    assert ours.isoformat() == django.isoformat()


@pytest.mark.django_db
def test_a_saved_datetime_reads_back_equal_and_aware(union_a, in_union):
    from tests.factories import MemberFactory
    from workplaces.members.models import Member

    with in_union(union_a):
        m = MemberFactory()
        stamp = dt.datetime(
            2026, 12, 7, 23, 59, 59, 999999, tzinfo=dt.timezone(dt.timedelta(hours=8))
        )
        Member.objects.filter(pk=m.pk).update(updated_at=stamp)
        read = Member.objects.values_list("updated_at", flat=True).get(pk=m.pk)
    assert read == stamp
    assert read.tzinfo is dt.UTC
