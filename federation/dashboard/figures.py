"""The dashboard's figures, shared by the page and the API, in two parts cached apart.

Every payment writes a dues notice, several a second at a busy desk, and each changed the
whole page's key: the next page and API request computed every figure again (about 36 ms
of CPU at 100 unions, a sixth of the load test's server time). Now:

- union funds (``dues_overview``, the only part that reads dues notices) are keyed by the
  fingerprint of every tracked table, as before;
- the rest (unions, members, staff homes, reports, terms, congresses, drift) is keyed by
  the fingerprint that leaves dues notices out (``freshness.APART``), so a payment leaves
  it in the cache. A test holds that computing the rest reads no table of ``APART``.

The page's HTML and the API's answer stay keyed by the full fingerprint; on a miss they
are built from these two parts.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from federation.dashboard import freshness, selectors
from federation.dashboard.reconcile import drift_recent
from workplaces.congress.selectors import congress_not_held_count
from workplaces.organization.selectors import terms_status_counts

REST_PREFIX = "dashboard:rest:v1:"
DUES_PREFIX = "dashboard:dues:v1:"
API_PREFIX = "dashboard:api:v1:"
SECONDS = 24 * 3600


def figures_rest() -> dict[str, Any]:
    """Every figure but union funds (nothing here may read a table of ``freshness.APART``)."""
    return {
        "unions": selectors.unions_overview(),
        "members": selectors.members_overview(),
        "member_rows": selectors.members_by_union(limit=50),
        "drifts": drift_recent(limit=10),
        "homes": selectors.homes_overview(),
        "reports": selectors.reports_overview(),
        "terms": terms_status_counts(),
        "congress_not_held": congress_not_held_count(),
    }


def _cached(key: str, compute: Callable[[], Any]) -> Any:
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SECONDS)
    return value


def figures_data() -> dict[str, Any]:
    """The figures, each part from the cache while its data are unchanged (and per day:
    periods, due dates and re-checks are counted from today). The fingerprints are read
    before the figures: a commit in between caches newer figures under an older key,
    which no later request asks for. The cache's key function puts the schema in front."""
    versions = freshness.data_versions()
    day = timezone.localdate().isoformat()
    rest = _cached(f"{REST_PREFIX}{versions.rest}:{day}", figures_rest)
    dues = _cached(f"{DUES_PREFIX}{versions.all}:{day}", selectors.dues_overview)
    return {**rest, "dues": dues}


def dashboard_api_payload_cached() -> dict[str, Any]:
    """GET /api/v1/dashboard/: computed once per change of its data and per day, then read
    from the cache; ``as_of`` is the time of the answer, as on the page."""
    key = f"{API_PREFIX}{freshness.data_version()}:{timezone.localdate().isoformat()}"
    payload = cache.get(key)
    if payload is None:
        payload = selectors.dashboard_api_payload(data=figures_data())
        cache.set(key, payload, SECONDS)
    return dict(payload, as_of=timezone.now().isoformat(timespec="seconds"))
