"""Staff home at township scale: open a round for 300 unions (21 criteria each), then the
progress grid, the results page and the township overview. Union rows only (no schemas):
these paths read public rows and never enter a union's schema."""

import datetime as dt
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.benchmarks.conftest import report

N = 300


@pytest.mark.django_db
def test_bench_homes_round_for_300_unions():
    from federation.homes import selectors
    from federation.homes.models import Title
    from federation.homes.services import round_open, scheme_default_ensure
    from tenants.models import Union

    Union.objects.bulk_create(
        Union(
            slug=f"bench-h{i}",
            schema_name=f"u_bench_h{i}",
            name=f"工会{i:03d}",
            kind="enterprise",
            employee_count=100 + i,
            status="active",
            ready=True,
        )
        for i in range(N)
    )
    scheme = scheme_default_ensure()
    today = timezone.localdate()
    t = time.perf_counter()
    rnd = round_open(
        scheme=scheme,
        title="bench",
        deadline=today + dt.timedelta(days=30),
        unions="all",
        actor=None,
    )
    opened = time.perf_counter() - t
    assessments = list(rnd.assessments.select_related("union"))
    level = scheme.levels.get(name="先进")
    Title.objects.bulk_create(
        Title(
            union=a.union,
            assessment=a,
            round=rnd,
            level=level,
            number=f"B-{a.pk}",
            awarded_on=today,
            recheck_due=today + dt.timedelta(days=i % 365),
        )
        for i, a in enumerate(assessments[: N // 2])
    )
    rows = [("unions", str(len(assessments))), ("open round (s)", f"{opened:.3f}")]
    for name, fn in (
        ("progress grid", lambda: selectors.round_progress(round=rnd)),
        ("results list", lambda: list(selectors.round_results(round=rnd))),
        ("township overview", lambda: selectors.township_overview(on=today)),
    ):
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - t
        rows.append((f"{name} (s / queries)", f"{elapsed:.3f} / {len(queries)}"))
    report("staff home at township scale", rows)
    assert len(assessments) >= N
