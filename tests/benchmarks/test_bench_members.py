"""Members: a 10,000-row xlsx import end to end through the API, and the member search
on a union with 10,000 members (median and p95 over 200 requests, queries per request)."""

import datetime as dt
import io
import random
import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from tenants.validators import id_number_check_char
from tests.benchmarks.conftest import report
from tests.conftest import HostClient, _token_for, host_of

N = 10_000
REQUESTS = 200
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
]


def _rows(n: int):
    rng = random.Random(7)
    for i in range(n):
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=i)
        gender = "M" if i % 2 else "F"
        first17 = f"330102{birth:%Y%m%d}{i % 100:02d}{(i % 5) * 2 + (1 if gender == 'M' else 0)}"
        yield [
            rng.choice(SURNAMES) + rng.choice(GIVEN),
            "男" if gender == "M" else "女",
            first17 + id_number_check_char(first17),
            f"138{i:08d}",
            "2020-01-01",
            rng.choice(["正式", "合同制", "农民工"]),
            f"{rng.randint(2500, 15000)}.00",
            "",
        ]


def _xlsx(n: int) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["姓名", "性别", "身份证号", "手机", "入会日期", "用工形式", "月工资", "工会小组"])
    for row in _rows(n):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.django_db
def test_bench_members_import_and_search(union_a):
    client = HostClient(host_of(union_a))
    client.credentials(HTTP_AUTHORIZATION=f"Token {_token_for('a_organization', union_a)}")
    content = _xlsx(N)
    upload = io.BytesIO(content)
    upload.name = "members.xlsx"
    t = time.perf_counter()
    r = client.post("/api/v1/members/import/", {"file": upload}, format="multipart")
    elapsed = time.perf_counter() - t
    assert r.status_code == 200, r.content[:500]
    assert r.json()["created"] == N

    rng = random.Random(11)
    terms = [rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(REQUESTS // 2)]
    terms += [f"{rng.randint(1, N):06d}" for _ in range(REQUESTS // 4)]
    terms += [rng.choice(SURNAMES) for _ in range(REQUESTS - len(terms))]
    client.get("/api/v1/members/?search=王")  # warm up
    times, queries = [], set()
    for term in terms:
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            resp = client.get(f"/api/v1/members/?search={term}")
            times.append((time.perf_counter() - t) * 1000)
        assert resp.status_code == 200
        queries.add(len(ctx.captured_queries))
    times.sort()
    report(
        f"Members: import of {N:,} xlsx rows, and search on {N:,} members",
        [
            ("import, end to end through the API (s)", f"{elapsed:.2f}"),
            ("import rows per second", f"{N / elapsed:,.0f}  (target >= 1,000)"),
            ("file size (MB)", f"{len(content) / 1e6:.2f}"),
            (
                f"GET /api/v1/members/?search= median of {REQUESTS} (ms)",
                f"{statistics.median(times):.1f}",
            ),
            (
                f"GET /api/v1/members/?search= p95 of {REQUESTS} (ms)",
                f"{times[int(REQUESTS * 0.95) - 1]:.1f}  (target < 50)",
            ),
            ("queries per search request", ", ".join(str(q) for q in sorted(queries))),
        ],
    )
