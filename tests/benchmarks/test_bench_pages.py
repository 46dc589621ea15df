"""Every page both hosts link to, over the demo township, walked twice as the top role of
each host (``tests/security/test_page_forms._walk``): once as seeded (the baseline), then
with BENCH_PAGES_MEMBERS (default 20,000) members imported into union-a. Prints the
slowest pages of the second walk beside their time in the first, and their size: a page
that grows with the register shows here (a list of every member to choose from was ~1 MB
and 2.6 s a page at 20,000 members; a form's list stopped at the first 500)."""

import io
import os
import time

import pytest
from django.core.cache import cache

from tests.benchmarks.conftest import report
from tests.benchmarks.test_bench_members import _csv, _rows_cap
from tests.conftest import HostClient, _token_for, host_of
from tests.security.test_page_forms import _client, _walk
from tests.tenants.test_demo_township import township  # noqa: F401 (the fixture)
from workplaces.members.imports.limits import _key as lookups_key

MEMBERS = int(os.environ.get("BENCH_PAGES_MEMBERS", "20000"))
SHOWN = 15


def _timed_walk(side: str) -> dict[str, tuple[float, int, int]]:
    """Each page's (seconds, status, kilobytes; -1 for a streamed answer)."""
    client = _client(side)
    times: dict[str, tuple[float, int, int]] = {}
    get = client.get

    def timed(path, *args, **kwargs):
        t = time.perf_counter()
        answer = get(path, *args, **kwargs)
        size = -1 if answer.streaming else len(answer.content) // 1024
        times[path] = (time.perf_counter() - t, answer.status_code, size)
        return answer

    client.get = timed  # type: ignore[method-assign]
    _walk(client)
    return times


@pytest.mark.django_db
def test_bench_pages_with_a_large_register(township):  # noqa: F811
    union_a, _union_b = township
    before = {side: _timed_walk(side) for side in ("union", "federation")}

    api = HostClient(host_of(union_a))
    api.credentials(HTTP_AUTHORIZATION=f"Token {_token_for('a_organization', union_a)}")
    cache.delete(lookups_key(union_a))
    _rows_cap(MEMBERS)
    upload = io.BytesIO(_csv(MEMBERS, start=70_000))
    upload.name = "register.csv"
    answer = api.post("/api/v1/members/import/", {"file": upload}, format="multipart")
    assert answer.status_code == 200, answer.content[:300]

    for side in ("union", "federation"):
        after = _timed_walk(side)
        assert {p: c for p, (_s, c, _k) in after.items() if c >= 500} == {}
        slowest = sorted(after.items(), key=lambda kv: -kv[1][0])[:SHOWN]
        lines = [
            (
                path,
                f"{s * 1000:7.0f} ms {k:6d} KB   as seeded: "
                + (f"{before[side][path][0] * 1000:5.0f} ms" if path in before[side] else "-"),
            )
            for path, (s, _c, k) in slowest
        ]
        total = sum(s for s, _c, _k in after.values())
        lines.append((f"all {len(after)} pages", f"{total:.1f} s"))
        report(f"Pages of the {side} host with {MEMBERS:,} members in union-a: the slowest", lines)
