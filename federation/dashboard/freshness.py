"""When the dashboard page's figures must be computed again (issue 16, item 4).

The page reads public tables only (roll-ups, facts, unions, dues notices, titles, report
cycles and submissions, drift records, rule values). A statement trigger on each of them
keeps one ``DataChange`` row per writing transaction (keyed by ``txid_current()``) and
gives it a fresh ``stamp`` from a sequence at every writing statement. The page's cache
key is a fingerprint of those rows (their count and the sum of their stamps), read in one
small query:

- a write becomes visible to the key exactly when its data become visible (same commit);
  inside one transaction every statement changes the key (a test, a long job);
- sequence values are never reused, not even after a rollback (of a transaction or a
  savepoint), so figures cached for a state that was rolled back are never served for
  another state;
- stamps are taken at the write, not at commit, so the fingerprint is the whole set, not
  the largest stamp (a smaller stamp committing later still changes count and sum);
- there is no shared counter row: concurrent writers never wait for each other here.

The version is read before the figures: a commit in between caches newer figures under
the older key, which no later request asks for. Rows older than a day are pruned nightly
(``changes_prune``): that changes the key once, harmlessly.

The rows carry the table written, so a second fingerprint leaves out the tables of
``APART`` (dues notices: every payment writes one, several a second at a busy desk): the
figures that do not read them are keyed by it and survive a payment
(``federation.dashboard.figures``).
"""

import datetime as dt
from typing import NamedTuple

from django.db import connection, connections, router
from django.utils import timezone

from federation.dashboard.models import DataChange

# the tables the page (federation/dashboard/views.py and its selectors) reads
TRACKED = (
    "tenants_union",
    "tenants_unionrollup",
    "tenants_unionfact",
    "tenants_employeecountchange",
    "dues_duesnotice",
    "homes_title",
    "homes_level",
    "homes_round",
    "reports_reportform",
    "reports_cycle",
    "reports_submission",
    "dashboard_rollupdrift",
    "rules_rulevalue",
)
TRIGGER = "dashboard_data_changed"  # function and trigger name (migration 0002)


def tables_without_trigger() -> list[str]:
    """Tracked tables that lost their trigger (a table recreated by a later migration)."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE t.tgname = %s AND n.nspname = 'public'",
            [TRIGGER],
        )
        present = {row[0] for row in cur.fetchall()}
    return [t for t in TRACKED if t not in present]


# tables whose writes leave the second fingerprint (``Versions.rest``) alone
APART = ("dues_duesnotice",)


class Versions(NamedTuple):
    all: str  # every tracked table
    rest: str  # every tracked table but those of APART


def data_versions() -> Versions:
    """The fingerprints of the page's data: one query over a table pruned nightly, on the
    database the figures are read from (a replica under ``federation_reads``). The
    database's own id is part of them: another database (a test run, a restored copy) may
    reach the same stamps with other data, and the cache may outlive a database."""
    table = DataChange._meta.db_table
    with connections[router.db_for_read(DataChange) or "default"].cursor() as cur:
        cur.execute(
            "SELECT count(*), coalesce(sum(stamp), 0), "  # noqa: S608 - our table name
            "count(*) FILTER (WHERE source <> ALL(%s)), "
            "coalesce(sum(stamp) FILTER (WHERE source <> ALL(%s)), 0), "
            "(SELECT oid FROM pg_database WHERE datname = current_database()) "
            f'FROM "public"."{table}"',
            [list(APART), list(APART)],
        )
        count, total, rest_count, rest_total, database = cur.fetchone()
    return Versions(f"{database}.{count}.{total}", f"{database}.{rest_count}.{rest_total}")


def data_version() -> str:
    """The fingerprint of every tracked table (``data_versions().all``)."""
    return data_versions().all


def changes_prune(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Forget change rows older than ``older_than`` (nightly); returns the rows deleted."""
    deleted, _kinds = DataChange.objects.filter(at__lt=timezone.now() - older_than).delete()
    return deleted
